import type { Problem } from '../../../../shared/domain/types';

/**
 * The scheme's problems when scoring was refused because the scheme is not valid (the error
 * carries them), else null: any other failure is an error to show as such.
 */
export function scoreProblems(e: unknown): Problem[] | null {
  const p = e && typeof e === 'object' ? (e as { problems?: unknown }).problems : undefined;
  return Array.isArray(p) && p.length ? (p as Problem[]) : null;
}
