/** 资金: pay totals, the surplus split, term appraisal and result uses (electron/services/money.ts). */
import type { ServiceContext } from '../context';
import {
  computePayTotals,
  getTermSettings,
  listPayTotals,
  listSurplus,
  resultUses,
  saveTermSettings,
  setPayTotal,
  splitSurplus,
  termAppraisal,
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
      return listPayTotals(ctx, i.year);
    },
    async setPayTotal(i) {
      return setPayTotal(ctx, i);
    },
    async computePayTotals(i) {
      return computePayTotals(ctx, i.year, i.scheme);
    },
    async listSurplus(i) {
      return listSurplus(ctx, i.year);
    },
    async splitSurplus(i) {
      return splitSurplus(ctx, i);
    },
    async termAppraisal(i) {
      return termAppraisal(ctx, i);
    },
    async getTermSettings() {
      return getTermSettings(ctx);
    },
    async saveTermSettings(i) {
      return saveTermSettings(ctx, i);
    },
    async resultUses(i) {
      return resultUses(ctx, i.year);
    },
  };
}
