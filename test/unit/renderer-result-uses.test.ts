/**
 * The 考核结果运用 page's pure parts (renderer/src/pages/result-uses/model.ts): the feeds table's cells,
 * the term table's columns and cells, the settings note, and the term settings as typed.
 */
import { describe, expect, it } from 'vitest';
import type { ResultFeed } from '../../shared/api/contract';
import {
  feedCells,
  kindName,
  settingsNote,
  termYears,
  termYearText,
  typedTermSettings,
} from '../../renderer/src/pages/result-uses/model';

const feed = (f: Partial<ResultFeed>): ResultFeed => ({
  scheme: 'MG',
  schemeName: '医疗集团考核',
  targetKind: 'medical_group',
  salaryLines: 0,
  payTotals: 2,
  allocation: null,
  appointmentFlags: 0,
  locked: false,
  ...f,
});

describe('what each scheme’s results feed', () => {
  it('a group scheme: pay totals counted, nothing yet allocated or flagged', () => {
    expect(feedCells(feed({}))).toEqual({
      scheme: '医疗集团考核（MG）',
      kind: '医疗集团',
      salaryLines: '—',
      payTotals: '2',
      allocation: '未分配',
      appointmentFlags: '—',
      locked: '未定稿',
    });
  });

  it('a clinic scheme: no pay totals; salaries, the allocation and flags as counted', () => {
    const c = feedCells(
      feed({
        targetKind: 'village_clinic',
        salaryLines: 12,
        allocation: '60000.00',
        appointmentFlags: 1,
        locked: true,
      }),
    );
    expect([c.kind, c.salaryLines, c.payTotals, c.allocation, c.appointmentFlags, c.locked]).toEqual([
      '村卫生室',
      '12',
      '—',
      '60000.00',
      '1',
      '已定稿',
    ]);
    expect(kindName('other')).toBe('其他');
    expect(kindName('hospice')).toBe('hospice');
  });
});

describe('the term', () => {
  it('one column a year of the term', () => {
    expect(termYears({ termFrom: 2023, termTo: 2025 })).toEqual([2023, 2024, 2025]);
    expect(termYears(null)).toEqual([]);
  });

  it('a year with its total, grade and rank, or none', () => {
    expect(termYearText({ year: 2024, total: '91.50', grade: '优秀', rank: 2, failed: false })).toBe(
      '91.50 优秀 第2名',
    );
    expect(termYearText({ year: 2023, total: null, grade: null, rank: null, failed: false })).toBeNull();
  });

  it('says the settings in force with the term’s years', () => {
    expect(settingsNote({ years: 3, failLimit: 2 }, { termFrom: 2023, termTo: 2025 })).toBe(
      ' 当前：任期 3 年（2023–2025），不合格 2 次提示。',
    );
    expect(settingsNote(null, null)).toBe('');
  });

  it('takes a term of 1–10 years and 1–50 failures, whole numbers only', () => {
    expect(typedTermSettings('3', '2')).toEqual({ years: 3, failLimit: 2 });
    expect(typedTermSettings('10', '50')).toEqual({ years: 10, failLimit: 50 });
    for (const [y, f] of [
      ['0', '2'],
      ['11', '2'],
      ['2.5', '2'],
      ['', '2'],
      ['3', '0'],
      ['3', '51'],
      ['3', 'x'],
    ])
      expect(typedTermSettings(y!, f!)).toBeNull();
  });
});
