/** 院长年薪与绩效分配: the contract's salary and allocation methods (workbook import: workbooks.ts). */
import { getAllocationSync } from '../allocation';
import type { ServiceContext } from '../context';
import {
  allocateSync,
  computeSalarySync,
  listSalaryInputsSync,
  removeSalaryInputSync,
  setSalaryInputSync,
} from '../salary';
import { targetCoding, type Handlers } from './handler';

type SalaryMethod =
  'listSalaryInputs' | 'setSalaryInput' | 'removeSalaryInput' | 'computeSalary' | 'allocate' | 'getAllocation';

export function salaryHandlers(ctx: ServiceContext): Handlers<SalaryMethod> {
  const withTarget = targetCoding(ctx);
  return {
    async listSalaryInputs(i) {
      return listSalaryInputsSync(ctx, i.year);
    },
    async setSalaryInput(i) {
      setSalaryInputSync(ctx, i.year, withTarget(i.input), i.reason);
    },
    async removeSalaryInput(input) {
      const i = withTarget(input);
      removeSalaryInputSync(ctx, i.year, i.person, i.target, i.reason);
    },
    async computeSalary(i) {
      return computeSalarySync(ctx, i.year);
    },
    async allocate(i) {
      return allocateSync(ctx, i);
    },
    async getAllocation(i) {
      return getAllocationSync(ctx, i.year, i.scheme);
    },
  };
}
