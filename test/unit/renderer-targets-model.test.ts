/**
 * The 考核对象 page's pure parts (renderer/src/pages/targets/model.ts, columns.ts): groups first with
 * their members under them, the filters (year, kind, search), a target's years and its state in
 * the year shown, and the grid's cells.
 */
import { describe, expect, it } from 'vitest';
import type { ColDef } from 'ag-grid-community';
import type { Target } from '../../shared/domain/types';
import { targetColumns } from '../../renderer/src/pages/targets/columns';
import {
  asTarget,
  hierarchy,
  indentedName,
  newTarget,
  shownRows,
  yearState,
  yearsText,
  type Row,
  type TargetFilter,
} from '../../renderer/src/pages/targets/model';

const T: Target[] = [
  { code: 'T02', name: '石桥镇卫生院', kind: 'township_centre', group: 'G01' },
  { code: 'V01', name: '石桥村卫生室', kind: 'village_clinic', group: 'T02' },
  { code: 'G02', name: '县中医院医疗集团', kind: 'medical_group', from: 2025 },
  { code: 'T01', name: '城关镇卫生院', kind: 'township_centre', group: 'G01', to: 2023 },
  { code: 'G01', name: '县人民医院医疗集团', kind: 'medical_group' },
  { code: 'C01', name: '东街社区卫生服务中心', kind: 'community_centre', group: 'G99' },
  { code: 'S01', name: '自成一组', kind: 'township_centre', group: 'S01' },
];
const ALL: TargetFilter = { kind: '', showInactive: true, search: '' };

describe('the hierarchy', () => {
  it('groups first (by code), each followed by its members, deeper members indented further', () => {
    const rows = hierarchy(T);
    expect(rows.map((r) => [r.code, r.depth, r.groupName])).toEqual([
      ['G01', 0, ''],
      ['T01', 1, '县人民医院医疗集团'],
      ['T02', 1, '县人民医院医疗集团'],
      ['V01', 2, '石桥镇卫生院'],
      ['G02', 0, ''],
      // An unknown group, or a target naming itself: at the top level, the unknown group's code shown.
      ['C01', 0, 'G99'],
      ['S01', 0, '自成一组'],
    ]);
  });

  it('every target once, even in a cycle of groups', () => {
    const cycle: Target[] = [
      { code: 'A', name: 'a', kind: 'township_centre', group: 'B' },
      { code: 'B', name: 'b', kind: 'township_centre', group: 'A' },
    ];
    expect(hierarchy(cycle).map((r) => r.code)).toEqual(['A', 'B']);
  });
});

describe('the rows shown', () => {
  it('by default only the targets appraised in the year', () => {
    const f = { ...ALL, showInactive: false };
    expect(shownRows(T, f, 2024).map((r) => r.code)).toEqual(['G01', 'T02', 'V01', 'C01', 'S01']);
    expect(shownRows(T, f, 2025).map((r) => r.code)).toContain('G02');
    expect(shownRows(T, f, 2023).map((r) => r.code)).toContain('T01');
  });

  it('of one kind; a member whose group is filtered out stands at the top level', () => {
    const rows = shownRows(T, { ...ALL, kind: 'township_centre' }, 2024);
    expect(rows.map((r) => [r.code, r.depth])).toEqual([
      ['S01', 0],
      ['T01', 0],
      ['T02', 0],
    ]);
    expect(rows.find((r) => r.code === 'T02')!.groupName).toBe('G01');
  });

  it('searched by code, name or the group’s name', () => {
    expect(shownRows(T, { ...ALL, search: ' V0 ' }, 2024).map((r) => r.code)).toEqual(['V01']);
    expect(shownRows(T, { ...ALL, search: '石桥' }, 2024).map((r) => r.code)).toEqual(['T02', 'V01']);
    expect(shownRows(T, { ...ALL, search: '人民医院' }, 2024).map((r) => r.code)).toEqual(['G01', 'T01', 'T02']);
  });
});

describe('years and state', () => {
  it('years in words, 各年度 when unbounded', () => {
    expect(yearsText({})).toBe('各年度');
    expect(yearsText({ from: 2025, to: null })).toBe('2025 年起');
    expect(yearsText({ from: 2021, to: 2024 })).toBe('2021–2024 年');
  });

  it('参加考核, 已停用 after its last year, 尚未开始 before its first', () => {
    expect(yearState({ from: 2021, to: 2024 }, 2024)).toBe('参加考核');
    expect(yearState({ from: 2021, to: 2024 }, 2025)).toBe('已停用');
    expect(yearState({ from: 2025 }, 2024)).toBe('尚未开始');
    expect(yearState({}, 1999)).toBe('参加考核');
  });
});

describe('rows to targets', () => {
  it('only the stored fields go back to the API', () => {
    const [row] = hierarchy([{ code: 'T9', name: 'n', kind: 'township_centre' }]);
    expect(asTarget(row!)).toEqual({
      code: 'T9',
      name: 'n',
      kind: 'township_centre',
      group: null,
      from: null,
      to: null,
    });
  });

  it('a new target takes the kind filtered on, else 乡镇卫生院', () => {
    expect(newTarget('').kind).toBe('township_centre');
    expect(newTarget('village_clinic')).toEqual({
      code: '',
      name: '',
      kind: 'village_clinic',
      group: null,
      from: null,
      to: null,
    });
  });
});

describe('the grid’s columns', () => {
  const cols = targetColumns(2025);
  const by = (id: string) => cols.find((c) => (c.colId ?? c.field) === id) as ColDef<Row>;
  const get = (id: string, data: Row | undefined) =>
    (by(id).valueGetter as (p: { data: Row | undefined }) => unknown)({ data });
  const rows = hierarchy(T);
  const row = (code: string) => rows.find((r) => r.code === code)!;

  it('in order, the state column headed with the year', () => {
    expect(cols.map((c) => c.colId ?? c.field)).toEqual(['code', 'name', 'kind', 'groupName', 'years', 'state']);
    expect(by('state').headerName).toBe('2025 年度');
  });

  it('the name indented under its group, the kind in Chinese, years and state in words', () => {
    const name = by('name').valueFormatter as (p: { value: unknown; data: Row | undefined }) => string;
    expect(name({ value: '石桥村卫生室', data: row('V01') })).toBe('\u3000\u3000└ 石桥村卫生室');
    expect(name({ value: '县人民医院医疗集团', data: row('G01') })).toBe('县人民医院医疗集团');
    expect(indentedName(1, 'x')).toBe('\u3000└ x');
    const kind = by('kind').valueFormatter as (p: { value: unknown }) => string;
    expect(kind({ value: 'medical_group' })).toBe('医疗集团');
    expect(get('years', row('G02'))).toBe('2025 年起');
    expect(get('state', row('T01'))).toBe('已停用');
    expect(get('state', row('G02'))).toBe('参加考核');
    expect(get('state', undefined)).toBe('');
  });
});
