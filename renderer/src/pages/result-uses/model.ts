/**
 * What the 考核结果运用 page shows, as pure functions: the kind of a target in words, the cells of the
 * feeds table, the columns and cells of the term table, the note on the term settings, and the term
 * settings as typed (the bounds the API's saveTermSettings takes: a term of 1–10 years, 1–50 failures).
 */
import type { ResultFeed, ResultUseReport, TermReport, TermSettings } from '../../../../shared/api/contract';
import { TARGET_KIND_NAMES, type TargetKind } from '../../../../shared/domain/types';
import { termSettingsInBounds } from '../../../../shared/finance/term';

/** A target kind in words ("medical_group" → "医疗集团"); an unknown one as it is. */
export function kindName(k: string): string {
  return TARGET_KIND_NAMES[k as TargetKind] ?? k;
}

/** A row of 各方案考核结果的用途. 绩效工资总量 concerns groups only; a scheme without a fund allocation says 未分配. */
export function feedCells(f: ResultFeed) {
  return {
    scheme: `${f.schemeName}（${f.scheme}）`,
    kind: kindName(f.targetKind),
    salaryLines: f.salaryLines ? String(f.salaryLines) : '—',
    payTotals: f.targetKind === 'medical_group' ? String(f.payTotals) : '—',
    allocation: f.allocation ?? '未分配',
    appointmentFlags: f.appointmentFlags ? String(f.appointmentFlags) : '—',
    locked: f.locked ? '已定稿' : '未定稿',
  };
}

/** The years of the term, one column each. */
export function termYears(report: Pick<ResultUseReport, 'termFrom' | 'termTo'> | null): number[] {
  return report ? Array.from({ length: report.termTo - report.termFrom + 1 }, (_, i) => report.termFrom + i) : [];
}

/** One year of a group's term: "91.50 优秀 第2名", or null for 无结果. */
export function termYearText(y: TermReport['years'][number]): string | null {
  return y.total === null ? null : `${y.total} ${y.grade} 第${y.rank}名`;
}

/** The settings in force after the county-practice note: " 当前：任期 3 年（2023–2025），不合格 2 次提示。" */
export function settingsNote(
  settings: TermSettings | null,
  report: Pick<ResultUseReport, 'termFrom' | 'termTo'> | null,
): string {
  return settings
    ? ` 当前：任期 ${settings.years} 年（${report?.termFrom ?? ''}–${report?.termTo ?? ''}），不合格 ${settings.failLimit} 次提示。`
    : '';
}

/** The term settings as typed, as numbers the API takes; null when either is out of its bounds. */
export function typedTermSettings(years: string, failLimit: string): TermSettings | null {
  const fl = Number(failLimit);
  const ty = Number(years);
  return termSettingsInBounds(ty, fl) ? { failLimit: fl, years: ty } : null;
}
