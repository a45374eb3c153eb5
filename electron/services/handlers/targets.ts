/** 考核对象: the contract's target methods (the workbook import is in workbooks.ts). */
import type { ServiceContext } from '../context';
import { lockedRoster } from '../schemes';
import { listTargets, retireTarget, saveTarget } from '../targets';
import type { Handlers } from './handler';

export function targetHandlers(ctx: ServiceContext): Handlers<'listTargets' | 'saveTarget' | 'retireTarget'> {
  return {
    async listTargets(i) {
      if (i.scheme !== undefined && i.year !== undefined) return lockedRoster(ctx, i.year, i.scheme);
      return listTargets(ctx, i);
    },
    async saveTarget(i) {
      return saveTarget(ctx, i.target, i.reason);
    },
    async retireTarget(i) {
      return retireTarget(ctx, i.code, i.from, i.reason);
    },
  };
}
