/**
 * score() computes once per state of the data (issue 14): the kept result is handed out again
 * while nothing in the database changed, and any change — through this context, another
 * connection, a lock, a setting, a rename, a raw write — gives a fresh result equal to what a
 * new connection (nothing kept) computes.
 */
import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openServices, type Services } from '../../electron/services';
import { score } from '../../electron/services/scoring';
import { readSchemeValues } from '../../electron/store/bulk';
import type { SchemeResult } from '../../shared/domain/types';
import { EX_TARGETS, ex1Scheme, loadEx1, openTemp } from './support/ex1';

// Counts the reads of a scheme's values: each uncached score() reads this year's once.
vi.mock(import('../../electron/store/bulk'), async (importOriginal) => {
  const mod = await importOriginal();
  return { ...mod, readSchemeValues: vi.fn(mod.readSchemeValues) };
});
const loads = () =>
  vi.mocked(readSchemeValues).mock.calls.filter(([, year, scheme]) => year === 2024 && scheme === 'EX').length;

const y = { year: 2024, scheme: 'EX' };
let s: Services;
let dir: string;
let dbPath: string;
const others: Services[] = [];

beforeEach(async () => {
  ({ s, dir, dbPath } = openTemp('score-cache-'));
  await loadEx1(s);
});
afterEach(async () => {
  for (const o of others.splice(0)) await o.close();
  await s.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Another connection to the same file. */
function second(): Services {
  const o = openServices({ dbPath, who: '另一人' });
  others.push(o);
  return o;
}

/** What a fresh connection computes (nothing kept). */
async function uncached(): Promise<SchemeResult> {
  const o = openServices({ dbPath });
  try {
    return await o.score(y);
  } finally {
    await o.close();
  }
}

const p1 = (r: SchemeResult, target = 'EX-01') => r.results.find((t) => t.target === target)!.indicators.P1!;

describe('score() kept per state of the data', () => {
  it('hands out the kept result while nothing changed: no second read, also for the finance export', async () => {
    const a = await s.score(y);
    const n = loads();
    expect(await s.score(y)).toBe(a);
    await s.exportResults(y);
    await s.whatIf({ ...y, weights: { P1: 40 } });
    await s.computeSalary({ year: 2024 });
    await s.resultUses({ year: 2024 });
    expect(await s.score(y)).toBe(a);
    // whatIf reads once for itself; score and the export read nothing more.
    expect(loads()).toBe(n + 1);
    expect(a).toEqual(await uncached());
  });

  it('is read-only: a caller cannot change what the next caller gets', async () => {
    const a = await s.score(y);
    const t = a.results[0]!;
    expect(() => ((t as { total: string }).total = '0.00')).toThrow(TypeError);
    expect(() => t.flags.push('VETO')).toThrow(TypeError);
    expect(() => p1(a).flags.push('MISSING')).toThrow(TypeError);
    // The leaf objects themselves are not frozen (1.5 M at province size; freezing them cost about a
    // tenth of score()): no code writes to a result after scoring (the test above checks the callers).
    expect(() => ((t.dimensions[Object.keys(t.dimensions)[0]!] as { score: string }).score = '0')).toThrow(TypeError);
    expect(() => ((p1(a).value as { number: string }).number = '0')).toThrow(TypeError);
    expect(() => ((t.indicators as Record<string, unknown>).P1 = null)).toThrow(TypeError);
    expect(() => a.results.pop()).toThrow(TypeError);
    expect(await s.score(y)).toEqual(await uncached());
  });

  it('a value set through the API gives a fresh result', async () => {
    const a = await s.score(y);
    const n = loads();
    await s.setValue({ ...y, target: 'EX-01', indicator: 'P1', text: '95', reason: '更正' });
    const b = await s.score(y);
    expect(b).not.toBe(a);
    expect(loads()).toBe(n + 1);
    expect(p1(b).value).toEqual({ kind: 'number', number: '95' });
    expect(p1(b).score).not.toBe(p1(a).score);
    expect(b).toEqual(await uncached());
  });

  it('a write by another connection to the same file gives a fresh result', async () => {
    const a = await s.score(y);
    await second().setValue({ ...y, target: 'EX-01', indicator: 'P1', text: '95', reason: '另一窗口更正' });
    const b = await s.score(y);
    expect(b).not.toBe(a);
    expect(p1(b).value).toEqual({ kind: 'number', number: '95' });
    expect(b).toEqual(await uncached());
    // …and a veto by the other connection, too.
    await others[0]!.setVeto({ ...y, target: 'EX-02', reason: '发生重大医疗安全事件' });
    const c = await s.score(y);
    expect(c.results.find((t) => t.target === 'EX-02')!.veto).toBe('发生重大医疗安全事件');
    expect(c).toEqual(await uncached());
  });

  it('a row written on this connection outside the services gives a fresh result', async () => {
    const a = await s.score(y);
    s.ctx.raw
      .prepare(
        "UPDATE indicator_values SET number = '95' WHERE year = 2024 AND scheme = 'EX' AND target = 'EX-01' AND indicator = 'P1'",
      )
      .run();
    const b = await s.score(y);
    expect(b).not.toBe(a);
    expect(p1(b).value).toEqual({ kind: 'number', number: '95' });
    expect(b).toEqual(await uncached());
  });

  it('a lock, and an unlock and change by another connection, give fresh results', async () => {
    const a = await s.score(y);
    await s.lock(y);
    const b = await s.score(y);
    expect(b).not.toBe(a);
    expect(b).toEqual(await uncached());
    // Read back from the lock, and read-only all the same.
    expect(() => ((p1(b) as { score: string | null }).score = '0.00')).toThrow(TypeError);
    expect(() => ((p1(b).value as { number: string }).number = '0')).toThrow(TypeError);
    const o = second();
    await o.unlock({ ...y, reason: '数据有误，重新核对' });
    await o.setValue({ ...y, target: 'EX-01', indicator: 'P1', text: '95', reason: '更正' });
    const c = await s.score(y);
    expect(p1(c).value).toEqual({ kind: 'number', number: '95' });
    expect(c).toEqual(await uncached());
  });

  it('a settings change and a rename give fresh results', async () => {
    const a = await s.score(y);
    await s.saveSettings({ countyName: '示例县', appraiserName: '张三' });
    const b = await s.score(y);
    expect(b).not.toBe(a);
    expect(b).toEqual(await uncached());
    const t = EX_TARGETS[0]!;
    await s.saveTarget({
      target: { code: t.code, name: '城关镇中心卫生院', kind: 'community_centre', group: null, active: true },
      reason: '更名',
    });
    const c = await s.score(y);
    expect(c.results.find((r) => r.target === t.code)!.name).toBe('城关镇中心卫生院');
    expect(c).toEqual(await uncached());
  });

  it('an adjustment and a scheme change give fresh results', async () => {
    const a = await s.score(y);
    await s.addAdjustment({ ...y, target: 'EX-01', kind: 'bonus', points: '1', reason: '经验推广' });
    const b = await s.score(y);
    const ex01 = (r: SchemeResult) => r.results.find((t) => t.target === 'EX-01')!;
    expect(ex01(b).bonus).not.toBe(ex01(a).bonus);
    expect(b).toEqual(await uncached());
    // Every grade bound raised above 100: every target gets the last band.
    const scheme = ex1Scheme() as { grades: { name: string; min: number | null }[] };
    scheme.grades = scheme.grades.map((g) => ({ ...g, min: g.min === null ? null : g.min + 200 }));
    await s.saveScheme({ scheme, year: 2024, strict: true });
    const c = await s.score(y);
    expect(c.results.map((t) => t.grade)).toEqual(['不合格', '不合格', '不合格']);
    expect(c).toEqual(await uncached());
  });

  it('a restore into the file gives other connections fresh results', async () => {
    const backup = `${dir}/备份.db`;
    await s.backupTo(backup);
    await s.setValue({ ...y, target: 'EX-01', indicator: 'P1', text: '95', reason: '更正' });
    const o = second();
    const a = await o.score(y);
    expect(p1(a).value).toEqual({ kind: 'number', number: '95' });
    await s.restoreFrom(backup);
    const b = await o.score(y);
    expect(p1(b).value).toEqual({ kind: 'number', number: '80.2' });
    expect(b).toEqual(await uncached());
    expect(await s.score(y)).toEqual(b);
  });

  it('last year’s change reaches this year’s REPEATED_FAIL', async () => {
    await loadEx1(s, 2023);
    const a = await s.score(y);
    expect(a.results.find((t) => t.target === 'EX-03')!.flags).toContain('REPEATED_FAIL');
    // EX-03 did well in 2023 after all: no longer failed two years in a row.
    for (const [indicator, text] of [
      ['P1', '99'],
      ['P2', '99'],
      ['Q1', '30'],
      ['Q2', '20'],
      ['S1', '满意'],
    ])
      await second().setValue({ year: 2023, scheme: 'EX', target: 'EX-03', indicator, text, reason: '更正' });
    const b = await s.score(y);
    expect(b.results.find((t) => t.target === 'EX-03')!.flags).not.toContain('REPEATED_FAIL');
    expect(b).toEqual(await uncached());
  });

  it('keeps nothing computed inside a transaction that rolls back', async () => {
    const before = await uncached();
    const raw = s.ctx.raw;
    let inside: SchemeResult | null = null;
    expect(() =>
      raw.transaction(() => {
        raw
          .prepare(
            "UPDATE indicator_values SET number = '95' WHERE year = 2024 AND scheme = 'EX' AND target = 'EX-01' AND indicator = 'P1'",
          )
          .run();
        inside = score(s.ctx, 2024, 'EX');
        throw new Error('回滚');
      })(),
    ).toThrow('回滚');
    expect(p1(inside!).value).toEqual({ kind: 'number', number: '95' });
    const after = await s.score(y);
    expect(after).toEqual(before);
    expect(p1(after).value).toEqual({ kind: 'number', number: '80.2' });
  });
});
