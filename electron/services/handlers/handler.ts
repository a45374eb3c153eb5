/**
 * The shape of the per-domain handler modules (settings.ts, targets.ts, schemes.ts …): each
 * implements its slice of the contract (shared/api/contract.ts) over a ServiceContext, taking the
 * input already checked. services/index.ts combines them with `checkedApi`, which checks every
 * method's input once (shared/api/schemas.ts) where the handlers are combined — not inside each
 * method — and fails the build unless every contract method is implemented exactly once.
 */
import type { ApiMethod, AppraisalApi, LongCallOptions } from '../../../shared/api/contract';
import type { ApiInput } from '../../../shared/api/schemas';
import type { ServiceContext } from '../context';
import { canonicalTargetCode } from '../targets';

/** One method's implementation: its input is what the method's schema produced. */
export type Handler<M extends ApiMethod> = (input: ApiInput<M>, opts?: LongCallOptions) => ReturnType<AppraisalApi[M]>;

/** The implementations of some of the contract's methods. */
export type Handlers<M extends ApiMethod> = { [K in M]: Handler<K> };

type KeysOf<P> = P extends readonly [infer H, ...infer R] ? keyof H | KeysOf<R> : never;
type Twice<P, Seen = never> = P extends readonly [infer H, ...infer R]
  ? (keyof H & Seen) | Twice<R, Seen | keyof H>
  : never;

/**
 * `true` when the handler modules `P` implement every contract method exactly once; otherwise a
 * type naming the methods implemented twice or missing (so `checkedApi(…, true)` fails to compile).
 */
export type EveryMethodOnce<P extends readonly object[]> = [Twice<P>] extends [never]
  ? [Exclude<ApiMethod, KeysOf<P>>] extends [never]
    ? true
    : { missing: Exclude<ApiMethod, KeysOf<P>> }
  : { implementedTwice: Twice<P> };

type AnyHandler = (input: unknown, opts?: LongCallOptions) => Promise<unknown>;

/** Some handlers, each behind the input check of its method (ctx.check: ApiError('INPUT') with field paths). */
export function withInputCheck<M extends ApiMethod>(ctx: ServiceContext, handlers: Handlers<M>): Pick<AppraisalApi, M> {
  const out: Record<string, AnyHandler> = {};
  for (const [method, handler] of Object.entries(handlers) as [M, AnyHandler][]) {
    out[method] = async (input, opts) => handler(ctx.check(method, input), opts);
  }
  return out as unknown as Pick<AppraisalApi, M>;
}

/** The whole contract from the domains' handler modules; `once` is `true` only when each method is in exactly one. */
export function checkedApi<const P extends readonly Partial<Handlers<ApiMethod>>[]>(
  ctx: ServiceContext,
  parts: P,
  once: EveryMethodOnce<P>,
): AppraisalApi {
  void once;
  return withInputCheck(ctx, Object.assign({}, ...parts) as Handlers<ApiMethod>);
}

/** A target code as typed → the stored code (codes are compared without regard to case). */
export function targetCoding(ctx: ServiceContext) {
  return <T extends { target: string }>(i: T): T => ({ ...i, target: canonicalTargetCode(ctx, i.target) });
}
