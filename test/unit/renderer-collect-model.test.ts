/**
 * The 数据采集 page's pure rules (renderer/src/pages/collect/model.ts): rows and counts from the
 * roster and the stored values, what a typed value or 上年数 does, and the page's texts.
 */
import { describe, expect, it } from 'vitest';
import type { BaselineCell, ImportOutcome } from '../../shared/api/contract';
import type { Value } from '../../shared/domain/types';
import { leaves } from '../../shared/scheme/validate';
import {
  baselineEdit,
  buildRows,
  cellKey,
  countCells,
  errorSummary,
  importedText,
  rowHasMissing,
  typedEdit,
} from '../../renderer/src/pages/collect/model';
import { SCHEME, TARGETS } from './helpers/collect-fixtures';

const LEAVES = leaves(SCHEME);
const leaf = (code: string) => LEAVES.find((l) => l.code === code)!;
const num = (n: string): Value => ({ kind: 'number', number: n });
const CELLS = new Map<string, Value>([
  [cellKey('T1', 'A1'), num('120')],
  [cellKey('T1', 'A2'), { kind: 'na' }],
  [cellKey('T1', 'B1'), { kind: 'label', label: '好' }],
  [cellKey('T1', 'C1'), num('4')],
  [cellKey('T1', 'D1'), num('95')],
  [cellKey('T2', 'A1'), num('80')],
  [cellKey('T2', 'D1'), { kind: 'na' }],
  [cellKey('X9', 'A1'), num('1')], // not on the roster
]);

describe('rows and counts', () => {
  it('builds a row per target of the roster, every leaf (children: [] included) valued, missing when none', () => {
    const rows = buildRows(TARGETS, LEAVES, CELLS);
    expect(rows.map((r) => r.code)).toEqual(['T1', 'T2', 'T3']);
    expect(Object.keys(rows[0]!.values)).toEqual(['A1', 'A2', 'B1', 'C1', 'D1']);
    expect(rows[0]).toEqual({
      code: 'T1',
      name: '一号卫生院',
      values: { A1: num('120'), A2: { kind: 'na' }, B1: { kind: 'label', label: '好' }, C1: num('4'), D1: num('95') },
    });
    expect(rows[2]!.values.A1).toEqual({ kind: 'missing' });
    expect(rows.map((r) => rowHasMissing(r, LEAVES))).toEqual([false, true, true]);
  });

  it('counts 缺报 and 不适用 over the roster × leaves only', () => {
    // T1: none missing, 1 na; T2: 3 missing, 1 na; T3: 5 missing.
    expect(countCells(TARGETS, LEAVES, CELLS)).toEqual({ missing: 8, na: 2 });
    expect(countCells([], LEAVES, CELLS)).toEqual({ missing: 0, na: 0 });
  });
});

describe('typedEdit', () => {
  it('refuses what the shared rules refuse, with their message', () => {
    expect(typedEdit('-3', leaf('A1'), { kind: 'missing' }, 0)).toEqual({
      kind: 'refused',
      message: '-3 人次 为负数，指标 A1 是计数（人次），不能为负',
    });
    expect(typedEdit('120', leaf('D1'), { kind: 'missing' }, 0)).toEqual({
      kind: 'refused',
      message: '120% 高于指标 D1 的上限 100',
    });
  });

  it('saves nothing when the value is the one stored and no save of the cell is on its way', () => {
    expect(typedEdit('１２０', leaf('A1'), num('120'), 0)).toEqual({ kind: 'unchanged' });
    expect(typedEdit('N/A', leaf('A2'), { kind: 'na' }, 0)).toEqual({ kind: 'unchanged' });
    expect(typedEdit('', leaf('A1'), { kind: 'missing' }, 0)).toEqual({ kind: 'unchanged' });
    // An earlier value of this cell is still being saved: the same text again must be saved after it.
    expect(typedEdit('120', leaf('A1'), num('120'), 1)).toEqual({ kind: 'save', value: num('120') });
  });

  it('saves a changed value, a cleared one and a grade label', () => {
    expect(typedEdit('121', leaf('A1'), num('120'), 0)).toEqual({ kind: 'save', value: num('121') });
    expect(typedEdit(' ', leaf('A1'), num('120'), 0)).toEqual({ kind: 'save', value: { kind: 'missing' } });
    expect(typedEdit('中', leaf('B1'), { kind: 'label', label: '好' }, 0)).toEqual({
      kind: 'save',
      value: { kind: 'label', label: '中' },
    });
  });
});

describe('baselineEdit', () => {
  const base = (b: Partial<BaselineCell>): BaselineCell => ({
    target: 'T1',
    indicator: 'A2',
    kept: { kind: 'missing' },
    previous: null,
    used: { kind: 'missing' },
    source: 'none',
    enteredBy: null,
    enteredAt: null,
    importId: null,
    ...b,
  });
  it('refuses to change last year’s stored value here, naming the year to change it in', () => {
    expect(baselineEdit('9', base({ source: 'previous', previous: num('8'), used: num('8') }), 2025)).toEqual({
      kind: 'refused',
      message: '取自 2024 年度已存的值，请到 2024 年度修改。',
    });
  });
  it('saves a changed 上年数, not the same one again', () => {
    expect(baselineEdit(' 8 ', base({ source: 'kept', kept: num('8'), used: num('8') }), 2025)).toEqual({
      kind: 'unchanged',
    });
    expect(baselineEdit('', undefined, 2025)).toEqual({ kind: 'unchanged' });
    expect(baselineEdit('9', base({ source: 'kept', kept: num('8') }), 2025)).toEqual({ kind: 'save' });
    expect(baselineEdit('9', undefined, 2025)).toEqual({ kind: 'save' });
  });
});

describe('texts', () => {
  it('names the first three refused values and counts the rest', () => {
    const leafByCode = new Map(LEAVES.map((l) => [l.code, l]));
    const errors = new Map([
      [cellKey('T1', 'A1'), { text: 'abc', message: '「abc」不是有效的数值' }],
      [cellKey('T2', 'D1'), { text: '120', message: '120% 高于指标 D1 的上限 100' }],
      [cellKey('T3', 'ZZ'), { text: '1', message: '保存失败' }],
      [cellKey('T3', 'A1'), { text: '-1', message: '不能为负' }],
    ]);
    expect(errorSummary(errors, leafByCode)).toBe(
      'T1 · A1 门诊人次“abc”：「abc」不是有效的数值；T2 · D1 覆盖率“120”：120% 高于指标 D1 的上限 100；' +
        'T3 · ZZ“1”：保存失败；……另有 1 处',
    );
    expect(errorSummary(new Map([...errors].slice(0, 1)), leafByCode)).toBe(
      'T1 · A1 门诊人次“abc”：「abc」不是有效的数值',
    );
  });

  it('says what an import did, with 清空 only for a whole-sheet replace', () => {
    const outcome = (mode: 'merge' | 'replace'): ImportOutcome => ({
      importId: 7,
      written: 9,
      errors: [],
      warnings: [],
      counts: { new: 3, changed: 2, unchanged: 4, cleared: 1 },
      mode,
    });
    expect(importedText(outcome('merge'), '采集表.xlsx')).toEqual({
      notice: '已导入：新增 3、修改 2、不变 4',
      message: '已从 采集表.xlsx 导入（合并）：新增 3、修改 2、不变 4。导入编号 #7，可在“导入记录”中撤销。',
    });
    expect(importedText(outcome('replace'), 'a.xlsx').notice).toBe('已导入：新增 3、修改 2、不变 4、清空 1');
    expect(importedText({ importId: 2, written: 5, errors: [], warnings: [] }, 'b.xlsx').notice).toBe(
      '已导入：写入 5 个值',
    );
  });
});
