/** 考核方案 and 定稿: the contract's scheme and lock methods (workbooks and templates: workbooks.ts). */
import { fewPeersWarnings } from '../../../shared/scoring/engine';
import type { ServiceContext } from '../context';
import { lock, unlock } from '../locks';
import {
  copySchemes,
  deleteScheme,
  listSchemes,
  listYears,
  requireScheme,
  saveScheme,
  schemeProblems,
} from '../schemes';
import { loadScoreInput } from '../scoring';
import type { Handlers } from './handler';

type SchemeMethod =
  | 'listYears'
  | 'listSchemes'
  | 'getScheme'
  | 'saveScheme'
  | 'checkScheme'
  | 'schemeWarnings'
  | 'copySchemes'
  | 'deleteScheme'
  | 'lock'
  | 'unlock';

export function schemeHandlers(ctx: ServiceContext): Handlers<SchemeMethod> {
  return {
    async listYears() {
      return listYears(ctx);
    },
    async listSchemes(i) {
      return listSchemes(ctx, i.year);
    },
    async getScheme(i) {
      return requireScheme(ctx, i.year, i.scheme).scheme;
    },
    async saveScheme(i) {
      return saveScheme(ctx, i);
    },
    async checkScheme(i) {
      return schemeProblems(requireScheme(ctx, i.year, i.scheme).scheme);
    },
    async schemeWarnings(i) {
      const s = requireScheme(ctx, i.year, i.scheme);
      // An invalid scheme has its problems to fix first; the roster is the one scoring uses.
      return s.valid ? fewPeersWarnings(loadScoreInput(ctx, i.year, i.scheme, s)) : [];
    },
    async copySchemes(i) {
      return copySchemes(ctx, i.fromYear, i.toYear, i.schemes);
    },
    async deleteScheme(i) {
      deleteScheme(ctx, i.year, i.scheme, i.reason);
    },
    async lock(i) {
      return lock(ctx, i.year, i.scheme);
    },
    async unlock(i) {
      unlock(ctx, i.year, i.scheme, i.reason);
    },
  };
}
