/**
 * What a block pasted into the 数据采集 grid writes, and what it refuses and why (planPaste):
 * checked with the shared value rules, all or nothing, each refused cell named.
 */
import { describe, expect, it } from 'vitest';
import { buildColumns, type CellView } from '../../renderer/src/pages/collect/columns';
import { buildRows, type Row } from '../../renderer/src/pages/collect/model';
import { pastedMessage, planPaste, type PasteGrid } from '../../renderer/src/pages/collect/pastePlan';
import { leaves } from '../../shared/scheme/validate';
import { SCHEME, TARGETS } from './helpers/collect-fixtures';

const LEAVES = leaves(SCHEME);
const noView: CellView = {
  locked: () => false,
  typed: () => undefined,
  error: () => undefined,
  baseline: () => undefined,
  commit: () => undefined,
  commitBaseline: () => undefined,
};
/** The grid's displayed columns, left to right, as built for the page (groups opened). */
const COLUMNS = buildColumns(SCHEME, 2025, noView).flatMap(function flat(c): { colId: string; headerName?: string }[] {
  return 'children' in c ? c.children.flatMap(flat) : [{ colId: c.colId!, headerName: c.headerName }];
});

function grid(
  over: Partial<PasteGrid> & { start: PasteGrid['start'] },
  rows: Row[] = buildRows(TARGETS, LEAVES, new Map()),
) {
  return {
    locked: false,
    rowAt: (i: number) => rows[i],
    columns: COLUMNS,
    leafByCode: new Map(LEAVES.map((l) => [l.code, l])),
    ...over,
  };
}

describe('planPaste', () => {
  it('sees the columns as the page shows them: A2 followed by its 上年数', () => {
    expect(COLUMNS.map((c) => c.colId)).toEqual(['__code', '__name', 'A1', 'A2', 'A2__上年数', 'B1', 'C1', 'D1']);
  });

  it('writes a 3×2 block from the focused cell down and right, each cell to its target and indicator', () => {
    const plan = planPaste('120\t3.5\r\n0\t不适用\r\n88\t-2\r\n', grid({ start: { rowIndex: 0, colId: 'A1' } }));
    expect(plan).toEqual({
      kind: 'write',
      rows: 3,
      cols: 2,
      cells: [
        { target: 'T1', indicator: 'A1', text: '120' },
        { target: 'T1', indicator: 'A2', text: '3.5' },
        { target: 'T2', indicator: 'A1', text: '0' },
        { target: 'T2', indicator: 'A2', text: '不适用' },
        { target: 'T3', indicator: 'A1', text: '88' },
        { target: 'T3', indicator: 'A2', text: '-2' },
      ],
    });
    expect(pastedMessage(6, plan as { rows: number; cols: number })).toBe('已粘贴 6 个值（3 行 × 2 列）。');
  });

  it('refuses a 3×2 block reaching onto the 上年数 column, naming each such cell, and writes nothing', () => {
    const plan = planPaste('1\t2\n3\t4\n5\t6', grid({ start: { rowIndex: 0, colId: 'A2' } }));
    expect(plan.kind).toBe('issues');
    if (plan.kind !== 'issues') return;
    expect(plan.message).toBe('粘贴内容有 3 处错误，未写入任何数据。');
    expect(plan.issues).toEqual(
      [1, 2, 3].map((i) => ({
        sheet: '粘贴',
        cell: `第 ${i} 行第 2 列`,
        target: `T${i}`,
        indicator: 'A2 上年数',
        value: String(i * 2),
        message: '不是指标列，不能粘贴',
      })),
    );
  });

  it('refuses values the shared rules refuse, with the rule’s message, the target and the indicator', () => {
    const plan = planPaste('-3\n差', grid({ start: { rowIndex: 1, colId: 'A1' } }));
    expect(plan).toMatchObject({ kind: 'issues' });
    if (plan.kind !== 'issues') return;
    expect(plan.issues).toEqual([
      {
        sheet: '粘贴',
        cell: '第 1 行第 1 列',
        target: 'T2 二号卫生院',
        indicator: 'A1 门诊人次',
        value: '-3',
        message: '-3 人次 为负数，指标 A1 是计数（人次），不能为负',
      },
      {
        sheet: '粘贴',
        cell: '第 2 行第 1 列',
        target: 'T3 三号卫生院',
        indicator: 'A1 门诊人次',
        value: '差',
        message: '「差」不是有效的数值',
      },
    ]);
  });

  it('reads grade labels and the manual score range with the shared rules', () => {
    const ok = planPaste('好\t4.5', grid({ start: { rowIndex: 0, colId: 'B1' } }));
    expect(ok).toMatchObject({
      kind: 'write',
      cells: [
        { indicator: 'B1', text: '好' },
        { indicator: 'C1', text: '4.5' },
      ],
    });
    const bad = planPaste('差\t6', grid({ start: { rowIndex: 0, colId: 'B1' } }));
    expect(bad.kind === 'issues' && bad.issues.map((i) => i.message)).toEqual([
      '「差」不是指标 B1 的等级，应为：好、中',
      '直接打分 6 分超出 0～5 分（指标 C1 的分值）',
    ]);
  });

  it('refuses rows below the last one and columns right of the last one', () => {
    const plan = planPaste('50\t1\n60\t2', grid({ start: { rowIndex: 2, colId: 'D1' } }));
    expect(plan.kind === 'issues' && plan.issues.map((i) => [i.cell, i.target, i.message])).toEqual([
      ['第 1 行第 2 列', 'T3', '不是指标列，不能粘贴'],
      ['第 2 行第 1 列', '', '超出表格的行'],
      ['第 2 行第 2 列', '', '超出表格的行'],
    ]);
  });

  it('pastes onto the rows as displayed (filtered), not the roster order', () => {
    const all = buildRows(TARGETS, LEAVES, new Map());
    const shown = [all[2]!, all[0]!]; // T3 then T1
    const plan = planPaste('3\n4', grid({ start: { rowIndex: 0, colId: 'C1' } }, shown));
    expect(plan).toMatchObject({ kind: 'write', cells: [{ target: 'T3' }, { target: 'T1' }] });
  });

  it('refuses any paste on a locked scheme, and without a start cell; an empty clipboard does nothing', () => {
    expect(planPaste('1\t2\n3\t4\n5\t6', grid({ locked: true, start: { rowIndex: 0, colId: 'A1' } }))).toEqual({
      kind: 'refused',
      message: '本方案已定稿，不能粘贴修改。',
    });
    expect(planPaste('1', grid({ start: null }))).toEqual({
      kind: 'refused',
      message: '请先点选要粘贴到的起始单元格。',
    });
    expect(planPaste('', grid({ start: { rowIndex: 0, colId: 'A1' } }))).toEqual({ kind: 'empty' });
  });
});
