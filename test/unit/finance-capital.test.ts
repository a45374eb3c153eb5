import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { capitalAmount } from '../../shared/finance';

const examples = path.resolve(__dirname, '../../../shared/examples');
const expected = JSON.parse(readFileSync(path.join(examples, 'ex1-expected.json'), 'utf8')) as {
  capital: Record<string, string>;
};

describe('capitalAmount — finance.md canonical form', () => {
  it.each(Object.entries(expected.capital))('ex1-expected capital %s → %s', (yuan, words) => {
    expect(capitalAmount(yuan)).toBe(words);
  });

  it.each([
    ['10.00', '壹拾元整'],
    ['100000000.00', '壹亿元整'],
    ['0.00', '零元整'],
    ['1409.50', '壹仟肆佰零玖元伍角'],
    ['6007.14', '陆仟零柒元壹角肆分'],
    ['10007.00', '壹万零柒元整'],
    ['107000.53', '壹拾万柒仟元零伍角叁分'],
    ['1680.32', '壹仟陆佰捌拾元零叁角贰分'],
    ['6007.04', '陆仟零柒元零肆分'],
    ['0.53', '伍角叁分'],
    ['0.05', '伍分'],
    ['15.00', '壹拾伍元整'],
    ['99375.00', '玖万玖仟叁佰柒拾伍元整'],
    ['105000.00', '壹拾万伍仟元整'],
    ['90000.00', '玖万元整'],
    ['407050.00', '肆拾万柒仟零伍拾元整'],
    ['113185.00', '壹拾壹万叁仟壹佰捌拾伍元整'],
    ['49062.50', '肆万玖仟零陆拾贰元伍角'],
    ['81260.00', '捌万壹仟贰佰陆拾元整'],
  ])('finance.md %s → %s', (yuan, words) => {
    expect(capitalAmount(yuan)).toBe(words);
  });

  it('zeros: one 零 per run, none at the end of a group, one at the start of a lower group', () => {
    expect(capitalAmount('1001.00')).toBe('壹仟零壹元整');
    expect(capitalAmount('1010.00')).toBe('壹仟零壹拾元整');
    expect(capitalAmount('1100.00')).toBe('壹仟壹佰元整');
    expect(capitalAmount('100100.00')).toBe('壹拾万零壹佰元整');
    expect(capitalAmount('10000000.00')).toBe('壹仟万元整');
    expect(capitalAmount('105000000.00')).toBe('壹亿零伍佰万元整');
    expect(capitalAmount('110000000.00')).toBe('壹亿壹仟万元整');
    expect(capitalAmount('100000500.00')).toBe('壹亿零伍佰元整');
    expect(capitalAmount('10.05')).toBe('壹拾元零伍分');
    expect(capitalAmount('0.50')).toBe('伍角');
    expect(capitalAmount('1.00')).toBe('壹元整');
  });

  it('handles amounts up to and beyond 10^12', () => {
    expect(capitalAmount('1000000000000.00')).toBe('壹万亿元整');
    expect(capitalAmount('1000100000000.00')).toBe('壹万零壹亿元整');
    expect(capitalAmount('1234567890123.45')).toBe('壹万贰仟叁佰肆拾伍亿陆仟柒佰捌拾玖万零壹佰贰拾叁元肆角伍分');
    expect(capitalAmount('9999999999999999.99')).toBe(
      '玖仟玖佰玖拾玖万玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分',
    );
    expect(() => capitalAmount('10000000000000000.00')).toThrow(/金额过大/);
  });

  it('reads numbers and plain strings, rounding past the fen half-up', () => {
    expect(capitalAmount(20.5)).toBe('贰拾元零伍角');
    expect(capitalAmount('15')).toBe('壹拾伍元整');
    expect(capitalAmount('1.005')).toBe('壹元零壹分');
  });

  it('negative or non-numeric amounts throw a Chinese message', () => {
    expect(() => capitalAmount('-1.00')).toThrow(/不能为负数/);
    expect(() => capitalAmount('-0.01')).toThrow(/不能为负数/);
    expect(() => capitalAmount('abc')).toThrow(/不是有效的数值/);
  });
});
