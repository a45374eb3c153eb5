/**
 * A scheme and its targets for one year, as the value workbook, the collection template and the
 * finance workbook see them: the scheme normalized, and the targets its year holds (a locked
 * scheme/year: the roster it was locked with).
 */
import type { AppraisalApi } from '../../../shared/api/contract';
import type { Scheme } from '../../../shared/domain/types';
import { normalizeScheme } from '../../../shared/scheme/parse';

export type SchemeDeps = Pick<AppraisalApi, 'getScheme'>;
export type SchemeRosterDeps = Pick<AppraisalApi, 'getScheme' | 'listTargets'>;

export function schemeFor(deps: SchemeDeps, year: number, code: string): Promise<Scheme> {
  return deps.getScheme({ year, scheme: code }).then((s) => normalizeScheme(s));
}

/** The scheme's targets that year (their years hold it; a locked scheme/year: its locked roster). */
export async function schemeTargets(
  deps: Pick<AppraisalApi, 'listTargets'>,
  scheme: Scheme,
  year: number,
): Promise<{ code: string; name: string }[]> {
  return (await deps.listTargets({ year, scheme: scheme.code })).map((t) => ({ code: t.code, name: t.name }));
}
