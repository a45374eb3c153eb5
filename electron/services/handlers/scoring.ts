/** 考核评分: the contract's scoring, adjustment and veto methods. */
import { addAdjustment, listAdjustments, listVetoes, removeAdjustment, removeVeto, setVeto } from '../adjustments';
import type { ServiceContext } from '../context';
import { gradeHistory, score } from '../scoring';
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
      return score(ctx, i.year, i.scheme);
    },
    async whatIf(i) {
      return score(ctx, i.year, i.scheme, i.weights);
    },
    async listAdjustments(i) {
      return listAdjustments(ctx, i.year, i.scheme);
    },
    async addAdjustment(i) {
      return addAdjustment(ctx, withTarget(i));
    },
    async removeAdjustment(i) {
      removeAdjustment(ctx, i);
    },
    async listVetoes(i) {
      return listVetoes(ctx, i.year, i.scheme);
    },
    async setVeto(i) {
      setVeto(ctx, withTarget(i));
    },
    async removeVeto(i) {
      removeVeto(ctx, withTarget(i));
    },
    async gradeHistory(input) {
      const i = withTarget(input);
      return gradeHistory(ctx, i.target, i.scheme);
    },
  };
}
