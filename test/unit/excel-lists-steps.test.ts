/**
 * The steps readTargetsWorkbook and readSalaryWorkbook are made of (issue 12 point 3): year,
 * 是否在用 and 任职月数 cells, the medical-group index, and the same-name warnings.
 */
import { describe, expect, it } from 'vitest';
import {
  activeState,
  addGroup,
  findGroup,
  monthsOf,
  sameNameWarnings,
  yearOf,
  type GroupIndex,
  type TargetRow,
} from '../../electron/excel/lists-import';
import { numberReading, type CellReading } from '../../electron/excel/cells';
import type { Target } from '../../shared/domain/types';

const text = (t: string): CellReading => ({ kind: 'text', text: t, written: t });
const blank: CellReading = { kind: 'blank' };

describe('cells of the list workbooks', () => {
  it('a year: 2000–2100 as a number or text with 年/年度, full-width digits too; blank is no limit', () => {
    expect(yearOf(numberReading(2025, false))).toEqual({ ok: true, year: 2025 });
    expect(yearOf(text(' 2024年度'))).toEqual({ ok: true, year: 2024 });
    expect(yearOf(text('２０２１年'))).toEqual({ ok: true, year: 2021 });
    expect(yearOf(numberReading(2100, false))).toEqual({ ok: true, year: 2100 });
    expect(yearOf(blank)).toEqual({ ok: true, year: null });
    for (const r of [
      numberReading(1999, false),
      numberReading(2101, false),
      numberReading(2025.5, false),
      text('二〇二五'),
    ])
      expect(yearOf(r)).toEqual({ ok: false });
  });

  it('是否在用: yes, no, blank or unknown', () => {
    for (const t of ['是', '在用', '启用', 'true', 'TRUE', 'Yes', '1', 'Y', 'y', ' 是 '])
      expect(activeState(t)).toBe('yes');
    for (const t of ['否', '停用', '不在用', 'false', 'FALSE', 'No', '0', 'N', 'n', '０'])
      expect(activeState(t)).toBe('no');
    expect(activeState('  ')).toBe('blank');
    expect(activeState('撤并')).toBe('unknown');
  });

  it('任职月数: blank is 12; an integer 1–12 (full-width too); anything else null', () => {
    expect(monthsOf(blank)).toBe(12);
    expect(monthsOf(numberReading(6, false))).toBe(6);
    expect(monthsOf(text('１０'))).toBe(10);
    for (const r of [numberReading(0, false), numberReading(13, false), numberReading(6.5, false), text('六')])
      expect(monthsOf(r)).toBeNull();
  });
});

describe('medical groups named in 所属医疗集团', () => {
  it('found by code in any case, or by name as written, trimmed or width-folded', () => {
    const g: GroupIndex = { codes: new Map(), names: new Map() };
    addGroup(g, 'MG-01', ' 县第一医疗集团 ');
    addGroup(g, 'mg-02', '县第二（医疗）集团');
    expect(findGroup(g, 'mg-01')).toBe('MG-01');
    expect(findGroup(g, 'MG-02')).toBe('mg-02');
    expect(findGroup(g, '县第一医疗集团')).toBe('MG-01');
    expect(findGroup(g, '县第二(医疗)集团')).toBe('mg-02');
    expect(findGroup(g, 'ＭＧ-01')).toBeUndefined(); // codes are matched as written, in any case
    expect(findGroup(g, '县第三医疗集团')).toBeUndefined();
  });

  it('a group registered later under the same name wins (a group new in the file over a registered one)', () => {
    const g: GroupIndex = { codes: new Map(), names: new Map() };
    addGroup(g, 'MG-01', '县医疗集团');
    addGroup(g, 'MG-09', '县医疗集团');
    expect(findGroup(g, '县医疗集团')).toBe('MG-09');
    expect(findGroup(g, 'mg-01')).toBe('MG-01');
  });
});

function row(n: number, target: Partial<Target> & { code: string; name: string }): TargetRow {
  return {
    rec: {
      sheet: '考核对象',
      row: n,
      cell: () => blank,
      where: (k) => `考核对象!${k === 'name' ? 'B' : 'A'}${n}`,
      has: () => true,
    },
    target: { kind: 'township_centre', group: null, from: null, to: null, ...target } as Target,
    groupText: '',
  };
}

describe('sameNameWarnings', () => {
  const existing = [
    { code: 'TC-01', name: '城关镇卫生院', kind: 'township_centre', group: 'MG-01', from: null, to: null },
    { code: 'TC-02', name: '河西乡卫生院', kind: 'township_centre', group: 'MG-01', from: null, to: null },
  ] as Target[];

  it('warns on a file row named like a registered target of the same group, on its name cell', () => {
    const w = sameNameWarnings(existing, [row(3, { code: 'TC-09', name: ' 城关镇卫生院', group: 'MG-01' })]);
    expect(w).toEqual([
      {
        sheet: '考核对象',
        cell: '考核对象!B3',
        target: 'TC-09',
        indicator: '',
        value: ' 城关镇卫生院',
        message: '医疗集团 MG-01 中已有同名的考核对象“城关镇卫生院”（TC-01），请确认 TC-09 不是重复登记',
      },
    ]);
  });

  it('does not count a registered target the file itself changes, nor the same name in another group', () => {
    expect(
      sameNameWarnings(existing, [
        row(3, { code: 'TC-01', name: '城关镇卫生院', group: 'MG-01' }),
        row(4, { code: 'TC-08', name: '河西乡卫生院', group: 'MG-02' }),
      ]),
    ).toEqual([]);
  });

  it('within the file, warns on the later rows and names every earlier code', () => {
    const w = sameNameWarnings(
      [],
      [
        row(3, { code: 'A', name: '新卫生院' }),
        row(4, { code: 'B', name: '新卫生院' }),
        row(5, { code: 'C', name: '新卫生院 ' }),
      ],
    );
    expect(w.map((x) => [x.cell, x.message])).toEqual([
      ['考核对象!B4', '未归属医疗集团的对象中已有同名的考核对象“新卫生院”（A），请确认 B 不是重复登记'],
      ['考核对象!B5', '未归属医疗集团的对象中已有同名的考核对象“新卫生院”（A、B），请确认 C 不是重复登记'],
    ]);
  });
});
