/**
 * domain.md: a target's code is "compared without regard to case". Input naming a target (CLI,
 * forms, API) is turned into the code as stored before anything looks it up, so `ex-01` finds
 * `EX-01` and never becomes a second target. A code that matches nothing is returned unchanged
 * (a new target keeps the case it was typed in; an unknown one is refused where it is looked up).
 */
import type { ServiceContext } from './context';

/** The stored code equal to `code` without regard to case, else `code` itself. */
export function storedTargetCode(ctx: ServiceContext, code: string): string {
  return storedTargetCodes(ctx)(code);
}

/** A lookup for many codes at once (one read of the codes when any is not stored exactly). */
export function storedTargetCodes(ctx: ServiceContext): (code: string) => string {
  let folded: Map<string, string> | null = null;
  return (code: string) => {
    if (ctx.first(ctx.db.selectFrom('targets').select('code').where('code', '=', code))) return code;
    if (!folded) {
      folded = new Map();
      for (const r of ctx.all(ctx.db.selectFrom('targets').select('code').orderBy('id'))) {
        const k = r.code.toUpperCase();
        if (!folded.has(k)) folded.set(k, r.code);
      }
    }
    return folded.get(code.toUpperCase()) ?? code;
  };
}
