/** 考核对象: the contract's target methods (the workbook import is in workbooks.ts). */
import type { ServiceContext } from '../context';
import { lockedRoster } from '../schemes';
import { listTargetsSync, retireTargetSync, saveTargetSync } from '../targets';
import type { Handlers } from './handler';

export function targetHandlers(ctx: ServiceContext): Handlers<'listTargets' | 'saveTarget' | 'retireTarget'> {
  return {
    async listTargets(i) {
      if (i.scheme !== undefined && i.year !== undefined) return lockedRoster(ctx, i.year, i.scheme);
      return listTargetsSync(ctx, i);
    },
    async saveTarget(i) {
      return saveTargetSync(ctx, i.target, i.reason);
    },
    async retireTarget(i) {
      return retireTargetSync(ctx, i.code, i.from, i.reason);
    },
  };
}
