/** 考核评分: the contract's scoring, adjustment and veto methods. */
import {
  addAdjustmentSync,
  listAdjustmentsSync,
  listVetoesSync,
  removeAdjustmentSync,
  removeVetoSync,
  setVetoSync,
} from '../adjustments';
import type { ServiceContext } from '../context';
import { gradeHistorySync, scoreSync } from '../scoring';
import { targetCoding, type Handlers } from './handler';

type ScoringMethod =
  | 'score'
  | 'whatIf'
  | 'listAdjustments'
  | 'addAdjustment'
  | 'removeAdjustment'
  | 'listVetoes'
  | 'setVeto'
  | 'removeVeto'
  | 'gradeHistory';

export function scoringHandlers(ctx: ServiceContext): Handlers<ScoringMethod> {
  const withTarget = targetCoding(ctx);
  return {
    async score(i) {
      return scoreSync(ctx, i.year, i.scheme);
    },
    async whatIf(i) {
      return scoreSync(ctx, i.year, i.scheme, i.weights);
    },
    async listAdjustments(i) {
      return listAdjustmentsSync(ctx, i.year, i.scheme);
    },
    async addAdjustment(i) {
      return addAdjustmentSync(ctx, withTarget(i));
    },
    async removeAdjustment(i) {
      removeAdjustmentSync(ctx, i);
    },
    async listVetoes(i) {
      return listVetoesSync(ctx, i.year, i.scheme);
    },
    async setVeto(i) {
      setVetoSync(ctx, withTarget(i));
    },
    async removeVeto(i) {
      removeVetoSync(ctx, withTarget(i));
    },
    async gradeHistory(input) {
      const i = withTarget(input);
      return gradeHistorySync(ctx, i.target, i.scheme);
    },
  };
}
