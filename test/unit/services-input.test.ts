import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Services } from '../../electron/services';
import { ApiError } from '../../electron/services/errors';
import { ex1Scheme, loadEx1, openTemp, snapshot } from './support/ex1';

let s: Services;
let dir: string;
beforeEach(async () => {
  ({ s, dir } = openTemp('input-'));
  await loadEx1(s);
});
afterEach(async () => {
  await s.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Runs a call that must be refused as INPUT, and proves nothing in the database changed. */
async function refusedUnchanged(call: () => Promise<unknown>): Promise<ApiError> {
  const before = snapshot(s.ctx.raw);
  let err: unknown;
  try {
    await call();
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(ApiError);
  expect((err as ApiError).code).toBe('INPUT');
  expect(snapshot(s.ctx.raw)).toEqual(before);
  return err as ApiError;
}

const y = { year: 2024, scheme: 'EX' };

describe('bad input writes nothing', () => {
  it('an unknown target, naming it', async () => {
    const e = await refusedUnchanged(() => s.setValue({ ...y, target: 'EX-99', indicator: 'P1', text: '80' }));
    expect(e.message).toContain('EX-99');
  });

  it('an unknown indicator, naming target and indicator', async () => {
    const e = await refusedUnchanged(() => s.setValue({ ...y, target: 'EX-01', indicator: 'Z9', text: '80' }));
    expect(e.message).toContain('EX-01');
    expect(e.message).toContain('Z9');
  });

  it('a dimension is not a leaf', async () => {
    const e = await refusedUnchanged(() => s.setValue({ ...y, target: 'EX-01', indicator: 'P', text: '80' }));
    expect(e.message).toContain('P');
  });

  it('an unknown grade label, naming the indicator', async () => {
    const e = await refusedUnchanged(() => s.setValue({ ...y, target: 'EX-01', indicator: 'S1', text: '很满意' }));
    expect(e.message).toContain('S1');
    expect(e.message).toContain('很满意');
  });

  it('a value outside min/max, and manual points outside [0, w]', async () => {
    const a = await refusedUnchanged(() => s.setValue({ ...y, target: 'EX-01', indicator: 'P1', text: '120' }));
    expect(a.message).toContain('P1');
    const b = await refusedUnchanged(() => s.setValue({ ...y, target: 'EX-01', indicator: 'Q2', text: '25' }));
    expect(b.message).toContain('Q2');
  });

  it('unreadable text', async () => {
    await refusedUnchanged(() => s.setValue({ ...y, target: 'EX-01', indicator: 'P1', text: '八十' }));
  });

  it('a pasted block with one bad cell writes none of its cells', async () => {
    const e = await refusedUnchanged(() =>
      s.setValues({
        ...y,
        cells: [
          { target: 'EX-01', indicator: 'P1', text: '70' },
          { target: 'EX-02', indicator: 'P1', text: '71' },
          { target: 'EX-03', indicator: 'S1', text: '优' },
        ],
      }),
    );
    expect(e.problems?.map((p) => p.path)).toEqual(['EX-03/S1']);
  });

  it('writeValues checks every cell too (the Excel import path)', async () => {
    const before = snapshot(s.ctx.raw);
    expect(() =>
      s.writeValues({
        ...y,
        cells: [
          { target: 'EX-01', indicator: 'P1', value: { kind: 'number', number: '70' } },
          { target: 'EX-01', indicator: 'P1', value: { kind: 'number', number: '71' } },
        ],
      }),
    ).toThrow(/重复/);
    expect(snapshot(s.ctx.raw)).toEqual(before);
  });

  it('wrongly typed API input gives the field path in Chinese', async () => {
    const e = await refusedUnchanged(() =>
      s.addAdjustment({ ...y, target: 'EX-01', kind: 'bonus', points: '-1', reason: '测试' }),
    );
    expect(e.problems?.[0]?.path).toBe('points');
    const f = await refusedUnchanged(() =>
      s.setValue({ year: '2024' as never, scheme: 'EX', target: 'EX-01', indicator: 'P1', text: '1' }),
    );
    expect(f.problems?.[0]?.path).toBe('year');
    const g = await refusedUnchanged(() =>
      s.addAdjustment({ ...y, target: 'EX-01', kind: 'bonus', points: '1', reason: '' }),
    );
    expect(g.problems?.[0]?.path).toBe('reason');
  });

  it('an invalid scheme in strict mode, with the node codes; a draft otherwise', async () => {
    const bad = ex1Scheme() as { indicators: { children: { method: Record<string, unknown> }[] }[]; code: string };
    bad.code = 'BAD';
    bad.indicators[0]!.children[0]!.method = { type: 'ratio', target: 0 };
    const e = await refusedUnchanged(() => s.saveScheme({ scheme: bad, strict: true }));
    expect(e.problems?.some((p) => p.path.includes('P1'))).toBe(true);
    const draft = await s.saveScheme({ scheme: bad });
    expect(draft.problems.length).toBeGreaterThan(0);
    const summary = (await s.listSchemes({ year: 2024 })).find((x) => x.code === 'BAD')!;
    expect(summary).toMatchObject({ state: 'draft', valid: false });
    await expect(s.score({ year: 2024, scheme: 'BAD' })).rejects.toMatchObject({ code: 'INPUT' });
  });

  it('an unknown field in a scheme is refused with its path', async () => {
    const bad = ex1Scheme() as { indicators: { children: Record<string, unknown>[] }[] };
    bad.indicators[0]!.children[1]!.colour = 'red';
    const e = await refusedUnchanged(() => s.saveScheme({ scheme: bad }));
    expect(e.problems?.some((p) => p.path.startsWith('indicators[0].children[1]'))).toBe(true);
  });

  it('adjustments and vetoes on a target of another kind or unknown', async () => {
    await s.saveTarget({
      target: { code: 'G01', name: '第一医疗集团', kind: 'medical_group', group: null, active: true },
    });
    await refusedUnchanged(() => s.setVeto({ ...y, target: 'G01', reason: '测试' }));
    await refusedUnchanged(() => s.addAdjustment({ ...y, target: 'NOPE', kind: 'bonus', points: '1', reason: '测试' }));
  });

  it('salary inputs for an unknown target or scheme', async () => {
    const input = {
      person: '丁',
      role: '主任',
      target: 'EX-09',
      scheme: 'EX',
      base: '1',
      performanceBase: '1',
      months: 12,
      cap: null,
    };
    await refusedUnchanged(() => s.setSalaryInput({ year: 2024, input }));
    await refusedUnchanged(() =>
      s.setSalaryInput({ year: 2024, input: { ...input, target: 'EX-01', scheme: 'NOPE' } }),
    );
    await refusedUnchanged(() => s.setSalaryInput({ year: 2024, input: { ...input, target: 'EX-01', months: 13 } }));
  });

  it('allocation with an unknown grade to exclude, or nobody taking part', async () => {
    await refusedUnchanged(() => s.allocate({ ...y, amount: '1000', excludeGrades: ['甲等'] }));
    await refusedUnchanged(() => s.allocate({ ...y, amount: '1000', excludeGrades: ['优秀', '良好', '不合格'] }));
  });
});

describe('scheme year', () => {
  it('a given year supplies a missing one and replaces a present one', async () => {
    const noYear = ex1Scheme();
    delete noYear.year;
    await refusedUnchanged(() => s.saveScheme({ scheme: noYear }));
    expect((await s.saveScheme({ scheme: noYear, year: 2026, strict: true })).code).toBe('EX');
    expect((await s.getScheme({ year: 2026, scheme: 'EX' })).year).toBe(2026);
    await s.saveScheme({ scheme: ex1Scheme(), year: 2027, strict: true });
    expect(await s.listYears()).toEqual([2027, 2026, 2024]);
  });
});
