/** 数据采集: the contract's value, import-history and baseline methods (workbook import: workbooks.ts). */
import type { Problem } from '../../../shared/domain/types';
import { getBaselines, setBaseline } from '../baselines';
import type { ServiceContext } from '../context';
import { ApiError } from '../errors';
import { listImports, undoImport } from '../imports';
import { cellRules, getCell, getValues, parseCellText, valueHistory, writeValues, type CellWrite } from '../values';
import { targetCoding, type Handlers } from './handler';

type ValueMethod =
  | 'getValues'
  | 'setValue'
  | 'setValues'
  | 'valueHistory'
  | 'listImports'
  | 'undoImport'
  | 'getBaselines'
  | 'setBaseline';

export function valueHandlers(ctx: ServiceContext): Handlers<ValueMethod> {
  const withTarget = targetCoding(ctx);
  return {
    async getValues(i) {
      return getValues(ctx, i.year, i.scheme);
    },
    async setValue(input) {
      const i = withTarget(input);
      const cell = parseCellText(cellRules(ctx, i.year, i.scheme), i.target, i.indicator, i.text);
      writeValues(ctx, { year: i.year, scheme: i.scheme, cells: [cell], reason: i.reason ?? null });
      return getCell(ctx, i.year, i.scheme, i.target, i.indicator);
    },
    async setValues(i0) {
      const i = { ...i0, cells: i0.cells.map(withTarget) };
      const rules = cellRules(ctx, i.year, i.scheme);
      const problems: Problem[] = [];
      const cells: CellWrite[] = [];
      for (const c of i.cells) {
        try {
          cells.push(parseCellText(rules, c.target, c.indicator, c.text));
        } catch (e) {
          if (!(e instanceof ApiError)) throw e;
          problems.push(...(e.problems ?? [{ path: `${c.target}/${c.indicator}`, message: e.message }]));
        }
      }
      if (problems.length > 0) {
        throw new ApiError(
          'INPUT',
          `粘贴的数据有误，未写入任何值：${problems
            .slice(0, 5)
            .map((p) => p.message)
            .join('；')}`,
          { problems },
        );
      }
      return writeValues(ctx, { year: i.year, scheme: i.scheme, cells, reason: i.reason ?? null });
    },
    async valueHistory(input) {
      const i = withTarget(input);
      return valueHistory(ctx, i.year, i.scheme, i.target, i.indicator);
    },
    async listImports(i) {
      return listImports(ctx, i);
    },
    async undoImport(i) {
      return undoImport(ctx, i);
    },
    async getBaselines(i) {
      return getBaselines(ctx, i.year, i.scheme);
    },
    async setBaseline(i) {
      return setBaseline(ctx, i);
    },
  };
}
