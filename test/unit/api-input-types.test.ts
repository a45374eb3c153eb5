/**
 * AppraisalApi's input types are derived from the zod schemas (z.input), not restated: what the
 * schema accepts type-checks, what it refuses does not (checked by `npm run typecheck`; the
 * expectations below also run).
 */
import { describe, expect, it } from 'vitest';
import type { AppraisalApi } from '../../shared/api/contract';
import { checkApiInput } from '../../shared/api/schemas';

type In<M extends keyof AppraisalApi> = Parameters<AppraisalApi[M]>[0];

describe('API input types come from the schemas', () => {
  it('accepts what the schema accepts, and the compiler refuses what it refuses', () => {
    // The schema reads a target kind by its Chinese name too, so the type takes any text.
    const target: In<'saveTarget'> = { target: { code: 'T1', name: '甲', kind: '乡镇卫生院' } };
    expect(checkApiInput('saveTarget', target).ok).toBe(true);
    // @ts-expect-error a year is a number
    const badYear: In<'getScheme'> = { year: '2024', scheme: 'EX' };
    expect(checkApiInput('getScheme', badYear).ok).toBe(false);
    // @ts-expect-error unknown fields are refused (strict objects)
    const extra: In<'lock'> = { year: 2024, scheme: 'EX', colour: 'red' };
    expect(checkApiInput('lock', extra).ok).toBe(false);
    // @ts-expect-error a reason is required to unlock
    const noReason: In<'unlock'> = { year: 2024, scheme: 'EX' };
    expect(checkApiInput('unlock', noReason).ok).toBe(false);
  });
});
