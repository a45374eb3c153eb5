import { describe, expect, it } from 'vitest';
import type { IndicatorNode } from '../../shared/domain/types';
import {
  checkValue,
  numberCellToValue,
  parseValueText,
  percentFractionWarning,
  valueToText,
} from '../../shared/values/parse';

const pct: IndicatorNode = {
  code: 'A1',
  name: '规范管理率',
  weight: 10,
  unit: '%',
  method: { type: 'ratio', target: 85 },
  min: 0,
  max: 100,
};
const count: IndicatorNode = {
  code: 'B1',
  name: '医疗事故',
  weight: 10,
  unit: '起',
  direction: 'lower',
  method: { type: 'deduct', target: 0, points: 2, mode: 'whole' },
};
const plain: IndicatorNode = { code: 'C1', name: '门诊人次', weight: 10, unit: '人次', method: { type: 'best' } };
const manual: IndicatorNode = { code: 'M1', name: '住院服务', weight: 20, unit: '分', method: { type: 'manual' } };
const grade: IndicatorNode = {
  code: 'S1',
  name: '满意度',
  weight: 20,
  method: { type: 'grade', labels: { 满意: 1, 基本满意: 0.7, 不满意: 0 } },
};

const numberOf = (text: string, leaf: IndicatorNode = pct) => {
  const r = parseValueText(text, leaf);
  return r.ok && r.value.kind === 'number' ? r.value.number : r;
};

describe('parseValueText: numbers', () => {
  it('85 → 85', () => expect(numberOf('85')).toBe('85'));
  it('" 85.5 " (trimmed) → 85.5', () => expect(numberOf(' 85.5 ')).toBe('85.5'));
  it('full-width digits ８５ → 85', () => expect(numberOf('８５')).toBe('85'));
  it('full-width point and ideographic spaces: "　８５．５　" → 85.5', () =>
    expect(numberOf('　８５．５　')).toBe('85.5'));
  it('thousands separators 1,234.5 → 1234.5', () => expect(numberOf('1,234.5', plain)).toBe('1234.5'));
  it('trailing zeros normalised: 85.50 → 85.5', () => expect(numberOf('85.50')).toBe('85.5'));
  it('85% for a % indicator → 85', () => expect(numberOf('85%')).toBe('85'));
  it('85.5％ (full-width percent) for a % indicator → 85.5', () => expect(numberOf('85.5％')).toBe('85.5'));
  it('% sign on a non-% indicator is an error', () => {
    const r = parseValueText('85%', plain);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toContain('百分号');
  });
  it('text that is not a number is an error', () => {
    for (const t of ['abc', '8 5x', '1,23', '--5', '85%%']) expect(parseValueText(t, pct).ok).toBe(false);
  });
  it('negative and decimal-only numbers', () => {
    expect(numberOf('-3.5', { ...plain, unit: '' })).toBe('-3.5');
    expect(numberOf('.5', plain)).toBe('0.5');
  });
});

describe('parseValueText: N/A and missing', () => {
  for (const t of ['不适用', 'N/A', 'NA', 'n/a', '/', '—', '－', '-', '–', ' N/A ', 'Ｎ／Ａ']) {
    it(`"${t}" → N/A`, () => expect(parseValueText(t, pct)).toEqual({ ok: true, value: { kind: 'na' } }));
  }
  it('N/A tokens also for grade leaves', () =>
    expect(parseValueText('不适用', grade)).toEqual({ ok: true, value: { kind: 'na' } }));
  for (const t of ['', '   ', '　']) {
    it(`blank "${t}" → missing`, () =>
      expect(parseValueText(t, pct)).toEqual({ ok: true, value: { kind: 'missing' } }));
  }
});

describe('parseValueText: grade labels', () => {
  it('a label is trimmed', () =>
    expect(parseValueText(' 基本满意 ', grade)).toEqual({ ok: true, value: { kind: 'label', label: '基本满意' } }));
  it('an unknown label is an error listing the labels', () => {
    const r = parseValueText('很满意', grade);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toContain('满意、基本满意、不满意');
  });
  it('a number for a grade leaf is an error', () => expect(parseValueText('85', grade).ok).toBe(false));
});

describe('checkValue (also applied by parseValueText)', () => {
  it('min/max', () => {
    expect(parseValueText('101', pct).ok).toBe(false);
    expect(checkValue({ kind: 'number', number: '-1' }, pct)).toContain('下限');
    expect(checkValue({ kind: 'number', number: '100' }, pct)).toBeNull();
  });
  it('manual within [0, w]', () => {
    expect(checkValue({ kind: 'number', number: '20.5' }, manual)).toContain('超出 0～20 分');
    expect(checkValue({ kind: 'number', number: '20' }, manual)).toBeNull();
    expect(parseValueText('25', manual, 30).ok).toBe(true);
  });
  it('negative count', () => {
    expect(checkValue({ kind: 'number', number: '-1' }, count)).toContain('不能为负');
    expect(checkValue({ kind: 'number', number: '-1' }, plain)).toContain('不能为负');
  });
  it('unknown grade label; label on a number leaf', () => {
    expect(checkValue({ kind: 'label', label: '优' }, grade)).toContain('不是指标 S1 的等级');
    expect(checkValue({ kind: 'label', label: '优' }, pct)).toContain('应填写数值');
  });
  it('N/A and missing are always acceptable', () => {
    expect(checkValue({ kind: 'na' }, pct)).toBeNull();
    expect(checkValue({ kind: 'missing' }, grade)).toBeNull();
  });
});

describe('numberCellToValue (Excel numeric cells)', () => {
  it('percent-formatted 0.85 for a % leaf → 85', () =>
    expect(numberCellToValue(0.85, pct, true)).toEqual({ ok: true, value: { kind: 'number', number: '85' } }));
  it('percent-formatted 0.1 + 0.2 style doubles are converted exactly on the shortest text', () => {
    expect(numberCellToValue(0.825, pct, true)).toEqual({ ok: true, value: { kind: 'number', number: '82.5' } });
    expect(numberCellToValue(0.0007, pct, true)).toEqual({ ok: true, value: { kind: 'number', number: '0.07' } });
    expect(numberCellToValue(0.1 + 0.2, pct, true)).toEqual({
      ok: true,
      value: { kind: 'number', number: '30.000000000000004' },
    });
  });
  it('a plain number stays as is', () =>
    expect(numberCellToValue(82.5, pct, false)).toEqual({ ok: true, value: { kind: 'number', number: '82.5' } }));
  it('numbers are checked', () => expect(numberCellToValue(1.5, pct, true).ok).toBe(false));
  it('a number for a grade leaf is an error', () => expect(numberCellToValue(1, grade, false).ok).toBe(false));
});

describe('valueToText and the fraction warning', () => {
  it('valueToText', () => {
    expect(valueToText({ kind: 'number', number: '82.5' })).toBe('82.5');
    expect(valueToText({ kind: 'label', label: '满意' })).toBe('满意');
    expect(valueToText({ kind: 'na' })).toBe('N/A');
    expect(valueToText({ kind: 'missing' })).toBe('');
  });
  it('0.85 in a % column of mostly > 1 values is warned about', () => {
    const col = ['85', '90', '0.85', '77'].map((n) => ({ kind: 'number' as const, number: n }));
    expect(percentFractionWarning(col[2], pct, col)).toBe('0.85 可能应为 85%');
    expect(percentFractionWarning(col[0], pct, col)).toBeNull();
  });
});
