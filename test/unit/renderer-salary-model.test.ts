/**
 * The 年薪核算 page's pure parts (renderer/src/pages/salary/model.ts, columns.ts): the inputs grid's
 * rows, payers in words, the lines by payer with exact subtotals in figures and capital figures,
 * the page's total, the groups whose terms are shown and the term in words, refused imports.
 */
import { describe, expect, it } from 'vitest';
import type { ColDef } from 'ag-grid-community';
import type { SalaryInput, SalaryLine, TermReport } from '../../shared/api/contract';
import { COUNTY_FINANCE } from '../../shared/finance/payer';
import type { Target } from '../../shared/domain/types';
import { capText, salaryInputColumns } from '../../renderer/src/pages/salary/columns';
import {
  inputRows,
  lineTerm,
  newSalaryInput,
  payerName,
  payerSections,
  refusedImport,
  salaryTotals,
  targetNames,
  termGroups,
  termKey,
  termSpan,
  termText,
  toInput,
  type InputRow,
} from '../../renderer/src/pages/salary/model';

const TARGETS: Target[] = [
  { code: 'G01', name: '县人民医院医疗集团', kind: 'medical_group' },
  { code: 'G02', name: '县中医院医疗集团', kind: 'medical_group' },
  { code: 'T01', name: '城关镇卫生院', kind: 'township_centre', group: 'G01' },
];
const NAMES = targetNames(TARGETS);

const line = (person: string, target: string, payer: string | undefined, pay: string, error?: string): SalaryLine => ({
  person,
  role: '院长',
  target,
  scheme: target.startsWith('G') ? 'MG' : 'TC',
  months: 12,
  base: '70000',
  performanceBase: '50000',
  k: '0.86',
  performancePay: '',
  annual: '',
  pay: error ? '' : pay,
  payInWords: '',
  flags: [],
  ...(error ? { error } : {}),
  ...(payer === undefined ? {} : { payer }),
});

describe('the inputs grid', () => {
  const input: SalaryInput = {
    person: '张三',
    role: '院长',
    target: 'T01',
    scheme: 'TC',
    base: '70000',
    performanceBase: '50000',
    months: 12,
    cap: null,
  };

  it('names the unit with its code and the payer set by hand, else （默认）', () => {
    const rows = inputRows(
      [
        input,
        { ...input, person: '李四', payer: 'G02' },
        { ...input, person: '王五', target: 'X9', payer: COUNTY_FINANCE },
      ],
      NAMES,
    );
    expect(rows.map((r) => [r.unit, r.payerText])).toEqual([
      ['城关镇卫生院（T01）', '（默认）'],
      ['城关镇卫生院（T01）', '县中医院医疗集团'],
      ['（X9）', '县财政'],
    ]);
  });

  it('a row gives back the stored input, without the names shown', () => {
    const [row] = inputRows([{ ...input, payer: 'G01' }], NAMES);
    expect(toInput(row!)).toEqual({ ...input, payer: 'G01' });
    expect(Object.keys(toInput(row!))).not.toContain('unit');
  });

  it('payers in words: 县财政, the group name, the code when unknown, nothing for none', () => {
    expect(payerName(COUNTY_FINANCE, NAMES)).toBe('县财政');
    expect(payerName('G01', NAMES)).toBe('县人民医院医疗集团');
    expect(payerName('G99', NAMES)).toBe('G99');
    expect(payerName(null, NAMES)).toBe('');
    expect(payerName(undefined, NAMES)).toBe('');
  });

  it('a new person: blank, 12 months, the scheme given, the scheme’s own cap', () => {
    expect(newSalaryInput('MG')).toEqual({
      person: '',
      role: '',
      target: '',
      scheme: 'MG',
      base: '',
      performanceBase: '',
      months: 12,
      cap: null,
    });
  });

  it('columns: the unit and payer columns read the names; a blank cap reads 按方案', () => {
    const cols = salaryInputColumns();
    expect(cols.map((c) => c.colId ?? c.field)).toEqual([
      'person',
      'role',
      'target',
      'scheme',
      'payer',
      'base',
      'performanceBase',
      'months',
      'cap',
    ]);
    const by = (id: string) => cols.find((c) => (c.colId ?? c.field) === id) as ColDef<InputRow>;
    expect(by('target').field).toBe('unit');
    expect(by('payer').field).toBe('payerText');
    const fmt = by('cap').valueFormatter as (p: { value: unknown }) => string;
    expect(fmt({ value: null })).toBe('按方案');
    expect(fmt({ value: '200000' })).toBe('200000');
    expect(capText(undefined)).toBe('按方案');
  });
});

describe('totals', () => {
  it('应发合计 is exact and leaves out the lines that could not be computed', () => {
    // Beyond 2^53 fen: binary floats would lose the last fen.
    const lines = [
      line('甲', 'G01', COUNTY_FINANCE, '90071992547409.93'),
      line('乙', 'T01', 'G01', '0.01'),
      line('丙', 'T01', 'G01', '0.10'),
      line('丁', 'T01', 'G01', '', '该对象没有考核结果'),
    ];
    expect(salaryTotals(lines)).toEqual({ total: '90071992547410.04', failed: 1 });
    expect(salaryTotals([])).toEqual({ total: '0.00', failed: 0 });
  });

  it('lines by payer: 县财政 first, then groups by code, each with its subtotal in figures and capital figures', () => {
    const sections = payerSections([
      line('乙', 'T01', 'G02', '49062.50'),
      line('甲', 'G01', undefined, '113185.00'), // no payer: 县财政
      line('丙', 'T01', 'G01', '0.10'),
      line('丁', 'T01', 'G01', '0.20'),
      line('戊', 'G02', COUNTY_FINANCE, '70000.00'),
    ]);
    expect(sections.map((s) => [s.payer, s.lines.map((l) => l.person), s.total, s.totalInWords])).toEqual([
      ['县财政', ['甲', '戊'], '183185.00', '壹拾捌万叁仟壹佰捌拾伍元整'],
      ['G01', ['丙', '丁'], '0.30', '叁角'],
      ['G02', ['乙'], '49062.50', '肆万玖仟零陆拾贰元伍角'],
    ]);
  });

  it('a payer whose lines all failed is listed with 0.00 / 零元整', () => {
    const [s] = payerSections([line('甲', 'T01', 'G01', '', '没有结果')]);
    expect(s).toMatchObject({ payer: 'G01', total: '0.00', totalInWords: '零元整' });
    expect(s!.lines).toHaveLength(1);
  });
});

describe('terms', () => {
  const term: TermReport = {
    target: 'G01',
    name: '县人民医院医疗集团',
    scheme: 'MG',
    from: 2022,
    to: 2024,
    failLimit: 2,
    years: [],
    average: '71.20',
    failYears: 2,
    flags: ['TERM_FAIL'],
  };

  it('asks once per group paid by 县财政 (its leaders), never for a member institution', () => {
    const lines = [
      line('书记', 'G01', COUNTY_FINANCE, '1.00'),
      line('院长', 'G01', COUNTY_FINANCE, '1.00'),
      line('院长', 'T01', 'G01', '1.00'),
      line('院长', 'G02', COUNTY_FINANCE, '1.00'),
    ];
    expect(termGroups(lines)).toEqual([
      { scheme: 'MG', target: 'G01' },
      { scheme: 'MG', target: 'G02' },
    ]);
  });

  it('the term ends with the year shown', () => {
    expect(termSpan(2024, 3)).toEqual({ from: 2022, to: 2024 });
    expect(termSpan(2024, 1)).toEqual({ from: 2024, to: 2024 });
  });

  it('is shown on a group’s own lines only, in words with its flags', () => {
    const terms = new Map([[termKey('MG', 'G01'), term]]);
    const kinds = new Map(TARGETS.map((t) => [t.code, t.kind]));
    expect(lineTerm(line('院长', 'G01', COUNTY_FINANCE, '1'), kinds, terms)).toBe(term);
    expect(lineTerm({ ...line('院长', 'T01', 'G01', '1'), scheme: 'MG' }, kinds, terms)).toBeUndefined();
    expect(termText(term)).toBe('2022–2024 年均 71.20，不合格 2 次（任期内多次考核不合格）');
    expect(termText({ ...term, average: null, failYears: 0, flags: [] })).toBe('2022–2024 年均 —，不合格 0 次');
  });
});

describe('refused imports', () => {
  it('an error carrying the workbook’s errors becomes an outcome with nothing written', () => {
    const errors = [
      { sheet: '年薪', cell: 'D3', target: 'T01', indicator: '', value: 'abc', message: '基本年薪不是金额' },
    ];
    const e = Object.assign(new Error('导入失败'), { errors });
    expect(refusedImport(e)).toEqual({ importId: null, written: 0, errors, warnings: [] });
  });

  it('any other failure is not an outcome', () => {
    expect(refusedImport(new Error('磁盘已满'))).toBeNull();
    expect(refusedImport(Object.assign(new Error('x'), { errors: [] }))).toBeNull();
    expect(refusedImport(undefined)).toBeNull();
  });
});
