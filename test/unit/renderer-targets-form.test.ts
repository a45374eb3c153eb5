/**
 * The 考核对象 and 停用 dialogs' checks (renderer/src/pages/targets/form.ts): years typed, a code
 * taken in any case, a span that ends before it starts, a same-named target in the group, the
 * target saved, and the year a target is retired from. What the dialog lets through, the API's
 * input check (shared/api/schemas) takes.
 */
import { describe, expect, it } from 'vitest';
import { apiInputSchemas } from '../../shared/api/schemas';
import type { Target } from '../../shared/domain/types';
import {
  checkTargetForm,
  retireYearError,
  targetForm,
  targetFormResult,
  yearText,
  type TargetForm,
} from '../../renderer/src/pages/targets/form';

const EXISTING: Target[] = [
  { code: 'EX-01', name: '城关社区卫生服务中心', kind: 'community_centre', group: 'G1' },
  { code: 'G1', name: '县人民医院医疗集团', kind: 'medical_group', group: null },
];
const blank: Target = { code: '', name: '', kind: 'township_centre', group: null, from: null, to: null };
const form = (t: Partial<Target>, years: Partial<TargetForm> = {}): TargetForm => ({
  ...targetForm({ ...blank, ...t }),
  ...years,
});

describe('years typed', () => {
  it('blank → no limit; a year 2000–2100; anything else invalid', () => {
    expect(yearText('  ')).toBeNull();
    expect(yearText(' 2025 ')).toBe(2025);
    expect(yearText('2000')).toBe(2000);
    expect(yearText('2100')).toBe(2100);
    for (const bad of ['1999', '2101', '25', '2025年', '２０２５', '2025.0'])
      expect(yearText(bad), bad).toBeUndefined();
  });

  it('a stored target’s years shown as texts', () => {
    expect(targetForm({ ...blank, from: 2021, to: null })).toMatchObject({ fromText: '2021', toText: '' });
  });
});

describe('the target dialog', () => {
  it('a new code must be free, in any case', () => {
    const c = checkTargetForm(form({ code: ' ex-01 ', name: '新中心' }), true, EXISTING);
    expect(c.code).toBe('该编码已存在：EX-01（城关社区卫生服务中心）；编码不区分大小写');
    expect(c.ok).toBe(false);
    // An edit keeps its own code.
    expect(checkTargetForm(form({ code: 'EX-01', name: '城关' }), false, EXISTING)).toMatchObject({
      code: null,
      ok: true,
    });
  });

  it('code and name required', () => {
    const c = checkTargetForm(form({ code: ' ', name: ' ' }), true, EXISTING);
    expect([c.code, c.name, c.ok]).toEqual(['请填写对象编码', '请填写对象名称', false]);
  });

  it('years: each 2000–2100 or blank, the end not before the start', () => {
    const t = { code: 'EX-09', name: '新中心' };
    expect(checkTargetForm(form(t, { fromText: '2025', toText: '2024' }), true, EXISTING)).toMatchObject({
      from: null,
      to: '终止年度不能早于起始年度',
      ok: false,
    });
    expect(checkTargetForm(form(t, { fromText: '2025', toText: '2025' }), true, EXISTING).ok).toBe(true);
    expect(checkTargetForm(form(t, { fromText: '二〇二五' }), true, EXISTING).from).toBe(
      '应为 2000–2100 的年份，或留空',
    );
    expect(checkTargetForm(form(t, { toText: '3000' }), true, EXISTING).to).toBe('应为 2000–2100 的年份，或留空');
  });

  it('a same-named target in the same group is a warning, not an error', () => {
    const same = checkTargetForm(form({ code: 'EX-02', name: ' 城关社区卫生服务中心 ', group: 'G1' }), true, EXISTING);
    expect(same.sameName?.code).toBe('EX-01');
    expect(same.ok).toBe(true);
    expect(checkTargetForm(form({ code: 'EX-02', name: '城关社区卫生服务中心' }), true, EXISTING).sameName).toBe(
      undefined,
    );
    // The target itself is not its own namesake.
    expect(
      checkTargetForm(form({ code: 'EX-01', name: '城关社区卫生服务中心', group: 'G1' }), false, EXISTING).sameName,
    ).toBeUndefined();
  });

  it('the target saved: trimmed, blank group and years → null; the API takes it', () => {
    const t = targetFormResult(
      form(
        { code: ' EX-09 ', name: ' 新中心 ', group: '', kind: 'community_centre' },
        { fromText: ' 2025 ', toText: '' },
      ),
    );
    expect(t).toEqual({ code: 'EX-09', name: '新中心', kind: 'community_centre', group: null, from: 2025, to: null });
    expect(apiInputSchemas.saveTarget.safeParse({ target: t }).success).toBe(true);
  });
});

describe('停用', () => {
  it('from a year after the target’s first', () => {
    expect(retireYearError({ from: null }, 2025)).toBeNull();
    expect(retireYearError({ from: 2021 }, 2022)).toBeNull();
    expect(retireYearError({ from: 2021 }, 2021)).toBe('该对象自 2021 年起才参加考核，停用年度须晚于它');
  });

  it('a year is required', () => {
    expect(retireYearError({}, yearText(''))).toBe('请填写 2000–2100 的年份');
    expect(retireYearError({}, yearText('20xx'))).toBe('请填写 2000–2100 的年份');
  });
});
