/**
 * 新建考核年度 and the overview cards (renderer/src/pages/overview/newYear.ts): the dialog's start,
 * the typed year, when it may be confirmed, a scheme file's JSON, the message after; a card's
 * completeness and next step.
 */
import { describe, expect, it } from 'vitest';
import type { SchemeSummary } from '../../shared/api/contract';
import {
  canCreate,
  completeness,
  createdText,
  isJsonFile,
  newYearDefaults,
  nextStep,
  readYear,
  schemeJsonOf,
} from '../../renderer/src/pages/overview/newYear';

describe('the new-year dialog', () => {
  it('starts the year after the newest, copying from it; on an empty database this year from a template', () => {
    expect(newYearDefaults([2023, 2024], 2030)).toEqual({ year: '2025', source: 'copy', fromYear: 2024 });
    expect(newYearDefaults([], 2026)).toEqual({ year: '2026', source: 'template', fromYear: 0 });
  });
  it('takes a whole year from 2000 to 2100', () => {
    expect(readYear('2025')).toBe(2025);
    expect(readYear('2000')).toBe(2000);
    expect(readYear('2100')).toBe(2100);
    expect(readYear('1999')).toBeNull();
    expect(readYear('2101')).toBeNull();
    expect(readYear('2025.5')).toBeNull();
    expect(readYear('')).toBeNull();
    expect(readYear('二〇二五')).toBeNull();
  });
  it('may be confirmed with a good year and a chosen source, not copying a year onto itself', () => {
    const c = { year: 2025, source: 'copy' as const, template: '', fromYear: 2024, hasFile: false };
    expect(canCreate(c)).toBe(true);
    expect(canCreate({ ...c, fromYear: 2025 })).toBe(false);
    expect(canCreate({ ...c, fromYear: 0 })).toBe(false);
    expect(canCreate({ ...c, year: null })).toBe(false);
    expect(canCreate({ ...c, source: 'template' })).toBe(false);
    expect(canCreate({ ...c, source: 'template', template: 'township' })).toBe(true);
    expect(canCreate({ ...c, source: 'file' })).toBe(false);
    expect(canCreate({ ...c, source: 'file', hasFile: true })).toBe(true);
  });
  it('reads a scheme file as JSON, naming the file when it is not', () => {
    expect(schemeJsonOf('{"code":"TC"}', 'a.json')).toEqual({ code: 'TC' });
    expect(() => schemeJsonOf('{code', '方案.json')).toThrow(
      expect.objectContaining({ code: 'INPUT', message: '方案.json 不是有效的 JSON 文件' }),
    );
    expect(isJsonFile('方案.JSON')).toBe(true);
    expect(isJsonFile('方案.xlsx')).toBe(false);
  });
  it('says what was made', () => {
    expect(createdText({ source: 'template', year: 2025, code: 'TC' })).toBe('已按模板建立 2025 年度方案 TC');
    expect(createdText({ source: 'copy', year: 2025, fromYear: 2024, copied: 3 })).toBe(
      '已从 2024 年复制 3 个方案到 2025 年',
    );
    expect(createdText({ source: 'file', code: 'X', problems: 2 })).toBe('已导入方案 X（草稿，有 2 处问题）');
    expect(createdText({ source: 'file', code: 'X', problems: 0 })).toBe('已导入方案 X');
  });
});

const card = (over: Partial<SchemeSummary> = {}): SchemeSummary => ({
  year: 2024,
  code: 'TC',
  name: '乡镇卫生院',
  targetKind: 'township_centre',
  state: 'collecting',
  valid: true,
  problems: 0,
  targets: 15,
  leaves: 20,
  missing: 0,
  na: 0,
  publicWelfareShare: '0.3',
  publicWelfareShareChange: null,
  lockedAt: null,
  ...over,
});

describe('a scheme card', () => {
  it('completeness is the filled share of targets × leaves, rounded down', () => {
    expect(completeness(card({ missing: 1 }))).toBe(99);
    expect(completeness(card({ missing: 300 }))).toBe(0);
    expect(completeness(card({ missing: 150 }))).toBe(50);
    expect(completeness(card({ targets: 0 }))).toBe(0);
  });
  it('the next step: locked, then problems, targets, missing values, else the results', () => {
    expect(nextStep(card({ state: 'locked', valid: false })).page).toBe('lock');
    expect(nextStep(card({ valid: false, problems: 4, missing: 3 }))).toEqual({
      text: '方案有 4 处问题，须先修正才能计分。',
      page: 'scheme',
      action: '修正方案',
    });
    expect(nextStep(card({ targets: 0, missing: 3 })).page).toBe('targets');
    expect(nextStep(card({ missing: 3 })).text).toBe('还有 3 项缺报，请导入采集表或在表格中录入。');
    expect(nextStep(card()).page).toBe('results');
  });
});
