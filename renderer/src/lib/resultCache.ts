import type { AdjustmentRow, VetoRow } from '../../../shared/api/contract';
import type { Scheme, SchemeResult } from '../../../shared/domain/types';
import { api } from '../api/transport';

export interface CachedResults {
  scheme: Scheme;
  result: SchemeResult;
  adjustments: AdjustmentRow[];
  vetoes: VetoRow[];
}

/**
 * Last results per year and scheme, so that opening 考核结果 shows them at once; the page always
 * asks for fresh ones too and replaces these.
 */
export const resultCache = new Map<string, CachedResults>();

export const cacheKey = (year: number, scheme: string) => `${year}\u0001${scheme}`;

/** Compute a scheme's results in the background (after first paint) so the first visit is quick. */
export async function prefetchResults(year: number, scheme: string): Promise<void> {
  const key = cacheKey(year, scheme);
  if (resultCache.has(key)) return;
  try {
    const [s, result, adjustments, vetoes] = await Promise.all([
      api.getScheme({ year, scheme }),
      api.score({ year, scheme }),
      api.listAdjustments({ year, scheme }),
      api.listVetoes({ year, scheme }),
    ]);
    if (!resultCache.has(key)) resultCache.set(key, { scheme: s, result, adjustments, vetoes });
  } catch {
    // An invalid scheme cannot be scored; the page will say why when it is opened.
  }
}
