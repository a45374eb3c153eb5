/**
 * The 定稿 page's state (renderer/src/pages/lock/lockRows.ts): what a scheme's row offers, what the
 * lock dialog warns of, and a finance workbook's verification in words.
 */
import { describe, expect, it } from 'vitest';
import type { SchemeSummary, WorkbookVerification } from '../../shared/api/contract';
import { lockDialogLines, lockRow, verifyView } from '../../renderer/src/pages/lock/lockRows';
import { formatTime } from '../../renderer/src/lib/format';

const scheme = (over: Partial<SchemeSummary> = {}): SchemeSummary => ({
  year: 2024,
  code: 'TC',
  name: '乡镇卫生院',
  targetKind: 'township_centre',
  state: 'scored',
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

describe('a scheme row', () => {
  it('a valid scheme not locked offers 定稿', () => {
    expect(lockRow(scheme(), {})).toEqual({
      code: 'TC',
      title: '乡镇卫生院（TC）',
      state: 'scored',
      stateText: '已计分',
      lockedAt: '',
      missing: 0,
      fingerprint: '',
      action: 'lock',
      canLock: true,
    });
  });
  it('an invalid scheme cannot be locked', () => {
    const r = lockRow(scheme({ valid: false, state: 'draft' }), {});
    expect(r.action).toBe('lock');
    expect(r.canLock).toBe(false);
    expect(r.stateText).toBe('草稿');
  });
  it('a locked scheme offers 解除定稿, with its time and the fingerprint made in this session', () => {
    const r = lockRow(scheme({ state: 'locked', lockedAt: '2024-12-30T08:00:00Z' }), { TC: 'ab12cd34ef56ab78' });
    expect(r.action).toBe('unlock');
    expect(r.stateText).toBe('已定稿');
    expect(r.lockedAt).toBe(formatTime('2024-12-30T08:00:00Z'));
    expect(r.fingerprint).toBe('ab12cd34ef56ab78');
    expect(lockRow(scheme({ code: 'MG' }), { TC: 'x' }).fingerprint).toBe('');
  });
});

describe('the lock dialog', () => {
  it('warns when values are missing, as they score 0', () => {
    expect(lockDialogLines(scheme({ missing: 3 }), 2024)).toEqual([
      { text: '定稿后本方案 2024 年度的数据不能再修改。' },
      { text: '注意：还有 3 项缺报，缺报项按 0 分计。', warn: true },
      { text: '确定定稿吗？' },
    ]);
    expect(lockDialogLines(scheme(), 2025).map((l) => l.text)).toEqual([
      '定稿后本方案 2025 年度的数据不能再修改。',
      '确定定稿吗？',
    ]);
  });
});

describe('a verification in words', () => {
  const v = (over: Partial<WorkbookVerification>): WorkbookVerification => ({
    ok: false,
    status: 'different',
    message: '有 12 处与定稿数据不同',
    year: 2024,
    scheme: 'TC',
    fingerprint: null,
    lockedAt: null,
    differences: [],
    ...over,
  });
  it('a match reads 一致 and lists nothing', () => {
    const r = verifyView('财政报表.xlsx', v({ ok: true, status: 'match', message: '一致' }));
    expect(r).toMatchObject({ ok: true, verdict: '一致', fileName: '财政报表.xlsx', differences: [] });
  });
  it('lists the first 10 differing cells, but not a single one (the message names it)', () => {
    const diffs = Array.from({ length: 12 }, (_, i) => ({
      cell: `考核结果汇总!D${i + 5}`,
      workbook: `${i}`,
      locked: '9',
    }));
    const r = verifyView('a.xlsx', v({ differences: diffs }));
    expect(r.verdict).toBe('不一致');
    expect(r.differences).toHaveLength(10);
    expect(r.differences[0]).toEqual({
      cell: '考核结果汇总!D5',
      text: '考核结果汇总!D5：工作簿中为“0”，定稿数据为“9”',
    });
    expect(verifyView('a.xlsx', v({ differences: diffs.slice(0, 1) })).differences).toEqual([]);
  });
});
