/** 资金: pay totals, the surplus split, term appraisal and result uses (electron/services/money.ts). */
import type { ServiceContext } from '../context';
import {
  computePayTotalsSync,
  getTermSettingsSync,
  listPayTotalsSync,
  listSurplusSync,
  resultUsesSync,
  saveTermSettingsSync,
  setPayTotalSync,
  splitSurplusSync,
  termAppraisalSync,
} from '../money';
import type { Handlers } from './handler';

type FundsMethod =
  | 'listPayTotals'
  | 'setPayTotal'
  | 'computePayTotals'
  | 'listSurplus'
  | 'splitSurplus'
  | 'termAppraisal'
  | 'getTermSettings'
  | 'saveTermSettings'
  | 'resultUses';

export function fundsHandlers(ctx: ServiceContext): Handlers<FundsMethod> {
  return {
    async listPayTotals(i) {
      return listPayTotalsSync(ctx, i.year);
    },
    async setPayTotal(i) {
      return setPayTotalSync(ctx, i);
    },
    async computePayTotals(i) {
      return computePayTotalsSync(ctx, i.year, i.scheme);
    },
    async listSurplus(i) {
      return listSurplusSync(ctx, i.year);
    },
    async splitSurplus(i) {
      return splitSurplusSync(ctx, i);
    },
    async termAppraisal(i) {
      return termAppraisalSync(ctx, i);
    },
    async getTermSettings() {
      return getTermSettingsSync(ctx);
    },
    async saveTermSettings(i) {
      return saveTermSettingsSync(ctx, i);
    },
    async resultUses(i) {
      return resultUsesSync(ctx, i.year);
    },
  };
}
