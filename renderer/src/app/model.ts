/**
 * Pure rules of the app state (AppProvider): which year and scheme stay chosen after a reload,
 * the notices shown at once, the busy list, the progress bar's state.
 */
import type { SchemeSummary } from '../../../shared/api/contract';
import type { ProgressEvent } from '../../../shared/api/shell';

export interface Notice {
  id: number;
  text: string;
  kind: 'ok' | 'info';
}

/** Progress reported by long work (0..1) with its message, or null when no bar is to be shown. */
export type Progress = { fraction: number | null; message: string } | null;

/** At most `max` notices at once, newest last, so a burst of confirmations never covers the page. */
export function addNotice(list: Notice[], notice: Notice, max = 3): Notice[] {
  return [...list, notice].slice(-max);
}

/** The list without the first occurrence of `item` (one ended call of several with the same label). */
export function withoutOne<T>(list: T[], item: T): T[] {
  const i = list.indexOf(item);
  return i < 0 ? list : [...list.slice(0, i), ...list.slice(i + 1)];
}

/** The progress bar after an event: gone once the work is done or failed. */
export function progressAfter(e: Pick<ProgressEvent, 'phase' | 'fraction' | 'message'>): Progress {
  return e.phase === 'done' || e.phase === 'error' ? null : { fraction: e.fraction, message: e.message };
}

/** The year to show after a reload: the current one while it exists (or none exist), else the latest. */
export function pickYear(years: number[], current: number): number {
  if (years.length === 0 || years.includes(current)) return current;
  return Math.max(...years);
}

/** The scheme to show: the current one while the year has it, else the year's first, else none. */
export function pickScheme(list: Pick<SchemeSummary, 'code'>[], current: string | null): string | null {
  return current && list.some((s) => s.code === current) ? current : (list[0]?.code ?? null);
}

/** The year picker's options: the known years plus the shown one (a year with no data yet), newest first. */
export function yearChoices(years: number[], year: number): number[] {
  return (years.includes(year) ? years : [...years, year]).slice().sort((a, b) => b - a);
}
