/** 院长年薪与绩效分配: the contract's salary and allocation methods (workbook import: workbooks.ts). */
import { getAllocation } from '../allocation';
import type { ServiceContext } from '../context';
import { allocate, computeSalary, listSalaryInputs, removeSalaryInput, setSalaryInput } from '../salary';
import { targetCoding, type Handlers } from './handler';

type SalaryMethod =
  'listSalaryInputs' | 'setSalaryInput' | 'removeSalaryInput' | 'computeSalary' | 'allocate' | 'getAllocation';

export function salaryHandlers(ctx: ServiceContext): Handlers<SalaryMethod> {
  const withTarget = targetCoding(ctx);
  return {
    async listSalaryInputs(i) {
      return listSalaryInputs(ctx, i.year);
    },
    async setSalaryInput(i) {
      setSalaryInput(ctx, i.year, withTarget(i.input), i.reason);
    },
    async removeSalaryInput(input) {
      const i = withTarget(input);
      removeSalaryInput(ctx, i.year, i.person, i.target, i.reason);
    },
    async computeSalary(i) {
      return computeSalary(ctx, i.year);
    },
    async allocate(i) {
      return allocate(ctx, i);
    },
    async getAllocation(i) {
      return getAllocation(ctx, i.year, i.scheme);
    },
  };
}
