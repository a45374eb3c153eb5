/**
 * The 数据采集 grid's columns (buildColumns): built from the scheme's indicator tree with the shared
 * leaf rule, a growth leaf followed by its 上年数, the target pinned on the left; what a cell shows
 * and whether it can be edited follow the page's live state, read when the grid asks.
 */
import { describe, expect, it } from 'vitest';
import type { ColDef, ColGroupDef } from 'ag-grid-community';
import type { BaselineCell } from '../../shared/api/contract';
import type { IndicatorNode, Value } from '../../shared/domain/types';
import { buildColumns, type CellView, type Column } from '../../renderer/src/pages/collect/columns';
import { cellKey, type CellError, type Row } from '../../renderer/src/pages/collect/model';
import { EntryCellEditor } from '../../renderer/src/components/EntryCellEditor';
import { SCHEME } from './helpers/collect-fixtures';

/** A view over plain maps, recording commits. */
function view() {
  const state = {
    locked: false,
    typed: new Map<string, string>(),
    errors: new Map<string, CellError>(),
    baselines: new Map<string, BaselineCell>(),
    commits: [] as [string, string, string][],
    baselineCommits: [] as [string, string, string][],
  };
  const v: CellView = {
    locked: () => state.locked,
    typed: (k) => state.typed.get(k),
    error: (k) => state.errors.get(k),
    baseline: (k) => state.baselines.get(k),
    commit: (t, l: IndicatorNode, text) => void state.commits.push([t, l.code, text]),
    commitBaseline: (t, l: IndicatorNode, text) => void state.baselineCommits.push([t, l.code, text]),
  };
  return { state, v };
}
const flat = (cs: Column[]): ColDef<Row>[] =>
  cs.flatMap((c) => ('children' in c ? flat((c as ColGroupDef<Row>).children) : [c as ColDef<Row>]));
const col = (cs: Column[], id: string) => flat(cs).find((c) => c.colId === id)!;
const row = (values: Record<string, Value>): Row => ({ code: 'T1', name: '一号卫生院', values });
// ag-grid's callbacks take many params; these read only data (and value / newValue).
const p = (data: Row | undefined, extra: object = {}) => ({ data, ...extra }) as any;
const classes = (c: ColDef<Row>, data: Row) =>
  Object.entries(c.cellClassRules as Record<string, (x: unknown) => boolean>)
    .filter(([, f]) => f(p(data)))
    .map(([name]) => name);
/** What the cell shows: valueGetter, then valueFormatter. */
const shown = (c: ColDef<Row>, data: Row) => {
  const value = (c.valueGetter as (x: unknown) => unknown)(p(data));
  return c.valueFormatter ? (c.valueFormatter as (x: unknown) => string)(p(data, { value })) : value;
};

describe('buildColumns', () => {
  it('has no columns without a scheme', () => {
    expect(buildColumns(null, 2025, view().v)).toEqual([]);
  });

  it('pins the target code and name, then follows the tree: groups, leaves, a growth leaf with its 上年数', () => {
    const cs = buildColumns(SCHEME, 2025, view().v);
    expect(cs.slice(0, 2)).toMatchObject([
      { colId: '__code', headerName: '对象编码', field: 'code', pinned: 'left' },
      { colId: '__name', headerName: '对象名称', field: 'name', pinned: 'left' },
    ]);
    const group = cs[2] as ColGroupDef<Row>;
    expect(group).toMatchObject({ headerName: 'A 服务', groupId: 'g-A' });
    expect(group.children.map((c) => (c as ColDef<Row>).colId)).toEqual(['A1', 'A2', 'A2__上年数']);
    // D1 is written with children: [] — a leaf (shared isLeaf), so it has its column.
    expect(cs.slice(3).map((c) => (c as ColDef<Row>).colId)).toEqual(['B1', 'C1', 'D1']);
    expect(col(cs, 'A1').headerName).toBe('A1 门诊人次(人次)');
    expect(col(cs, 'A2__上年数').headerName).toBe('A2 上年数');
    expect(flat(cs).filter((c) => c.colId!.endsWith('上年数'))).toHaveLength(1);
    expect(col(cs, 'A1').cellEditor).toBe(EntryCellEditor);
  });

  it('shows stored values, 缺报 and 不适用, each with its mark', () => {
    const A1 = col(buildColumns(SCHEME, 2025, view().v), 'A1');
    const r = row({ A1: { kind: 'number', number: '85.5' } });
    expect(shown(A1, r)).toBe('85.5');
    expect(classes(A1, r)).toEqual(['cell-num']);
    const missing = row({});
    expect(shown(A1, missing)).toBe('缺报');
    expect(classes(A1, missing)).toEqual(['cell-missing', 'cell-num']);
    const na = row({ A1: { kind: 'na' } });
    expect(shown(A1, na)).toBe('不适用');
    expect(classes(A1, na)).toEqual(['cell-na', 'cell-num']);
  });

  it('shows a typed value while it is saved, and a refused one with its message, read at the moment asked', () => {
    const { state, v } = view();
    const A1 = col(buildColumns(SCHEME, 2025, v), 'A1');
    const r = row({});
    state.typed.set(cellKey('T1', 'A1'), '90');
    expect(shown(A1, r)).toBe('90');
    expect(classes(A1, r)).toEqual(['cell-pending', 'cell-num']);
    state.typed.clear();
    state.errors.set(cellKey('T1', 'A1'), { text: 'abc', message: '「abc」不是有效的数值' });
    expect(shown(A1, r)).toBe('abc');
    expect(classes(A1, r)).toEqual(['cell-error', 'cell-num']);
    expect((A1.tooltipValueGetter as (x: unknown) => unknown)(p(r))).toBe('「abc」不是有效的数值');
  });

  it('sends an edit to commit and leaves the row as it is; a locked scheme cannot be edited', () => {
    const { state, v } = view();
    const cs = buildColumns(SCHEME, 2025, v);
    const r = row({ A1: { kind: 'number', number: '1' } });
    expect((col(cs, 'A1').valueSetter as (x: unknown) => boolean)(p(r, { newValue: '2' }))).toBe(false);
    expect(state.commits).toEqual([['T1', 'A1', '2']]);
    expect(r.values.A1).toEqual({ kind: 'number', number: '1' });
    expect((col(cs, 'A1').editable as (x: unknown) => boolean)(p(r))).toBe(true);
    state.locked = true;
    expect((col(cs, 'A1').editable as (x: unknown) => boolean)(p(r))).toBe(false);
    expect((col(cs, 'A2__上年数').editable as (x: unknown) => boolean)(p(r))).toBe(false);
  });

  it('上年数: last year’s stored value is shown read-only, a kept one is editable, none is blank', () => {
    const { state, v } = view();
    const base = col(buildColumns(SCHEME, 2025, v), 'A2__上年数');
    const r = row({});
    const editable = () => (base.editable as (x: unknown) => boolean)(p(r));
    const tooltip = () => (base.tooltipValueGetter as (x: unknown) => unknown)(p(r));
    const cell = (b: Partial<BaselineCell>): BaselineCell => ({
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
    expect(shown(base, r)).toBe('');
    expect(editable()).toBe(true);
    expect(tooltip()).toBe('未填上年数：增长率按无上年基数处理');

    state.baselines.set(
      cellKey('T1', 'A2'),
      cell({ previous: { kind: 'number', number: '12' }, used: { kind: 'number', number: '12' }, source: 'previous' }),
    );
    expect(shown(base, r)).toBe('12');
    expect(editable()).toBe(false);
    expect(classes(base, r)).toEqual(['cell-baseline', 'cell-baseline-previous', 'cell-num']);
    expect(tooltip()).toBe('取自 2024 年度已存的值');

    state.baselines.set(
      cellKey('T1', 'A2'),
      cell({
        kept: { kind: 'number', number: '8' },
        used: { kind: 'number', number: '8' },
        source: 'kept',
        enteredBy: '张三',
      }),
    );
    expect(shown(base, r)).toBe('8');
    expect(editable()).toBe(true);
    expect(tooltip()).toBe('填报的上年数（张三）');
    (base.valueSetter as (x: unknown) => boolean)(p(r, { newValue: '9' }));
    expect(state.baselineCommits).toEqual([['T1', 'A2', '9']]);
  });
});
