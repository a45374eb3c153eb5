import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Services } from '../../electron/services';
import { inspectDatabaseFile } from '../../electron/store/store';
import { ex1Expected, ex1Scheme, loadEx1, openTemp } from './support/ex1';

let s: Services;
let dir: string;
beforeEach(async () => {
  ({ s, dir } = openTemp('score-'));
  await loadEx1(s);
});
afterEach(async () => {
  await s.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const y = { year: 2024, scheme: 'EX' };

describe('score from the store', () => {
  it('gives the worked example exactly', async () => {
    const r = await s.score(y);
    const exp = ex1Expected().results;
    expect(r.results.map((t) => t.target)).toEqual(['EX-02', 'EX-01', 'EX-03']);
    for (const t of r.results) {
      const e = exp[t.target]!;
      expect([Number(t.base), Number(t.bonus), Number(t.deduction), Number(t.total), t.grade, t.rank]).toEqual([
        e.base,
        e.bonus,
        e.deduction,
        e.total,
        e.grade,
        e.rank,
      ]);
      expect(t.flags).toEqual(e.flags);
      for (const [code, score] of Object.entries(e.indicators)) {
        expect(t.indicators[code]!.score === null ? null : Number(t.indicators[code]!.score)).toBe(score);
      }
    }
  });

  it('whatIf uses the weights given and saves nothing', async () => {
    const before = await s.score(y);
    const r = await s.whatIf({ ...y, weights: { P1: 40, P2: 0 } });
    expect(r.results.find((t) => t.target === 'EX-02')!.indicators.P1!.weight).toBe('40');
    expect(await s.score(y)).toEqual(before);
    await expect(s.whatIf({ ...y, weights: { ZZ: 1 } })).rejects.toMatchObject({ code: 'INPUT' });
  });

  it('flags REPEATED_FAIL when the last band was given this year and the year before', async () => {
    await loadEx1(s, 2023);
    const r = await s.score(y);
    expect(r.results.find((t) => t.target === 'EX-03')!.flags).toContain('REPEATED_FAIL');
    expect(r.results.find((t) => t.target === 'EX-01')!.flags).not.toContain('REPEATED_FAIL');
    expect(await s.gradeHistory({ target: 'EX-03', scheme: 'EX' })).toEqual([
      { year: 2023, grade: '不合格', total: '22.52' },
      { year: 2024, grade: '不合格', total: '22.52' },
    ]);
    // The year before alone does not flag (one failure).
    expect(
      (await s.score({ year: 2023, scheme: 'EX' })).results.find((t) => t.target === 'EX-03')!.flags,
    ).not.toContain('REPEATED_FAIL');
  });

  it('reads last year from its lock snapshot when that year is locked', async () => {
    await loadEx1(s, 2023);
    await s.lock({ year: 2023, scheme: 'EX' });
    const r = await s.score(y);
    expect(r.results.find((t) => t.target === 'EX-03')!.flags).toContain('REPEATED_FAIL');
  });

  it('salary lines of the example', async () => {
    for (const [person, target, months] of [
      ['甲', 'EX-01', 12],
      ['乙', 'EX-02', 5],
      ['丙', 'EX-03', 12],
    ] as const) {
      await s.setSalaryInput({
        year: 2024,
        input: {
          person,
          role: '主任',
          target,
          scheme: 'EX',
          base: '70000',
          performanceBase: '50000',
          months,
          cap: null,
        },
      });
    }
    const lines = await s.computeSalary({ year: 2024 });
    expect(lines.map((l) => [l.person, l.k, l.pay, l.payInWords])).toEqual(
      ex1Expected().salary.map((e) => [e.person, String(e.k), e.pay, e.payInWords]),
    );
  });

  it('a salary line whose target has no result is an error naming the person', async () => {
    await s.saveTarget({
      target: { code: 'EX-04', name: '新设中心', kind: 'community_centre', group: null, active: true },
    });
    await s.setSalaryInput({
      year: 2024,
      input: {
        person: '丁',
        role: '主任',
        target: 'EX-04',
        scheme: 'EX',
        base: '1',
        performanceBase: '1',
        months: 12,
        cap: null,
      },
    });
    await s.retireTarget({ code: 'EX-04', from: 2024, reason: '撤并' });
    const line = (await s.computeSalary({ year: 2024 })).find((l) => l.person === '丁')!;
    expect(line.error).toContain('丁');
    expect(line.pay).toBe('');
  });

  it('allocates 100,000.00 with no grade excluded as the example, and saves it', async () => {
    const a = await s.allocate({ ...y, amount: '100000', excludeGrades: [] });
    expect(Object.fromEntries(a.parts.map((p) => [p.target, p.amount]))).toEqual(
      ex1Expected().allocation100000_noGradeExcluded,
    );
    expect(a.sum).toBe('100000.00');
    expect(s.savedAllocation(2024, 'EX')).toEqual(a);
    // Default: the last band (不合格) takes no part.
    const d = await s.allocate({ ...y, amount: '100000' });
    expect(d.parts.map((p) => p.target).sort()).toEqual(['EX-01', 'EX-02']);
    expect(d.sum).toBe('100000.00');
  });

  it('a vetoed target gets the last band and takes no part in an allocation', async () => {
    await s.setVeto({ ...y, target: 'EX-02', reason: '瞒报' });
    const r = await s.score(y);
    const t = r.results.find((x) => x.target === 'EX-02')!;
    expect(t.grade).toBe('不合格');
    expect(t.veto).toBe('瞒报');
    const a = await s.allocate({ ...y, amount: '100', excludeGrades: [] });
    expect(a.parts.map((p) => p.target).sort()).toEqual(['EX-01', 'EX-03']);
  });

  it('summaries count targets, leaves, missing and N/A values', async () => {
    const [sum] = await s.listSchemes({ year: 2024 });
    // 3 targets × 5 scored leaves (Q3 is monitor); EX-03 P2 missing; EX-02 Q2 N/A.
    expect(sum).toMatchObject({
      code: 'EX',
      valid: true,
      targets: 3,
      leaves: 5,
      missing: 1,
      na: 1,
      state: 'collecting',
      publicWelfareShare: '0.4',
    });
    expect(await s.listYears()).toEqual([2024]);
  });

  it('copies schemes to a new year without touching existing ones', async () => {
    const r = await s.copySchemes({ fromYear: 2024, toYear: 2025 });
    expect(r.copied).toEqual(['EX']);
    expect((await s.getScheme({ year: 2025, scheme: 'EX' })).year).toBe(2025);
    expect((await s.copySchemes({ fromYear: 2024, toYear: 2025 })).copied).toEqual([]);
    expect((await s.getScheme({ year: 2024, scheme: 'EX' })).name).toBe(ex1Scheme().name);
  });
});

describe('backup and restore', () => {
  it('restores a backup after a safety copy of the current data', async () => {
    const made = await s.backup({});
    const backup = made.path;
    // Always into <dataFolder>/备份/, named by the program.
    expect(path.dirname(backup)).toBe(path.join(path.dirname(s.ctx.dbPath), '备份'));
    expect(made.name).toMatch(/^数据备份-\d{8}-\d{6}(-\d+)?\.db$/);
    expect((await s.listBackups()).map((b) => b.name)).toEqual([made.name]);
    expect(inspectDatabaseFile(backup)).toBeGreaterThan(0);
    await s.setValue({ ...y, target: 'EX-01', indicator: 'P1', text: '10' });
    // Another connection on the same file (the app's worker) stays usable and sees the restore.
    const { openServices: open } = await import('../../electron/services');
    const worker = open({ dbPath: s.ctx.dbPath });
    expect((await worker.getValues(y)).find((c) => c.target === 'EX-01' && c.indicator === 'P1')!.value).toEqual({
      kind: 'number',
      number: '10',
    });
    const r = await s.restore({ name: made.name });
    expect((await worker.getValues(y)).find((c) => c.target === 'EX-01' && c.indicator === 'P1')!.value).toEqual({
      kind: 'number',
      number: '80.2',
    });
    await worker.close();
    expect(r.restoredFrom).toBe(backup);
    expect(fs.existsSync(r.safetyBackup)).toBe(true);
    expect((await s.listBackups()).find((b) => b.name === path.basename(r.safetyBackup))?.kind).toBe('safety');
    const p1 = (await s.getValues(y)).find((c) => c.target === 'EX-01' && c.indicator === 'P1')!;
    expect(p1.value).toEqual({ kind: 'number', number: '80.2' });
    // The safety copy holds the data as it was just before the restore.
    const { openServices } = await import('../../electron/services');
    const safety = openServices({ dbPath: r.safetyBackup });
    const q = (await safety.getValues(y)).find((c) => c.target === 'EX-01' && c.indicator === 'P1')!;
    expect(q.value).toEqual({ kind: 'number', number: '10' });
    await safety.close();
    expect((await s.audit({ entity: 'database' })).at(-1)).toMatchObject({ action: '恢复' });
  });

  it('refuses to restore a damaged file and leaves the current data alone', async () => {
    const bad = path.join(dir, 'bad.db');
    fs.writeFileSync(bad, 'not a database at all, just text'.repeat(100));
    // By path (the CLI) and as an upload (a page): refused either way, nothing kept in the list.
    // A file that is not this program's database is bad input (CLI exit 2, HTTP 400), not a failure.
    await expect(s.restoreFrom(bad)).rejects.toMatchObject({ code: 'INPUT' });
    const upload = { fileName: 'bad.db', base64: fs.readFileSync(bad).toString('base64') };
    await expect(s.restore({ upload })).rejects.toMatchObject({
      code: 'INPUT',
      message: expect.stringContaining('bad.db'),
    });
    expect(await s.listBackups()).toEqual([]);
    expect((await s.score(y)).results).toHaveLength(3);
  });
});

describe('history results are recomputed when last year changes', () => {
  it("a change to last year shows in this year's REPEATED_FAIL at once", async () => {
    await loadEx1(s, 2023);
    expect((await s.score(y)).results.find((t) => t.target === 'EX-03')!.flags).toContain('REPEATED_FAIL');
    // Last year EX-03 gets good values: no longer failed then.
    for (const [indicator, text] of [
      ['P1', '85'],
      ['P2', '70'],
      ['Q1', '35'],
      ['Q2', '20'],
      ['S1', '满意'],
    ] as const) {
      await s.setValue({ year: 2023, scheme: 'EX', target: 'EX-03', indicator, text });
    }
    expect((await s.score(y)).results.find((t) => t.target === 'EX-03')!.flags).not.toContain('REPEATED_FAIL');
  });

  it("another connection's change to last year is seen too", async () => {
    await loadEx1(s, 2023);
    expect((await s.score(y)).results.find((t) => t.target === 'EX-03')!.flags).toContain('REPEATED_FAIL');
    const { openServices } = await import('../../electron/services');
    const other = openServices({ dbPath: s.ctx.dbPath });
    await other.setVeto({ year: 2023, scheme: 'EX', target: 'EX-01', reason: '另一窗口录入' });
    await other.setVeto({ year: 2024, scheme: 'EX', target: 'EX-01', reason: '另一窗口录入' });
    await other.close();
    expect((await s.score(y)).results.find((t) => t.target === 'EX-01')!.flags).toContain('REPEATED_FAIL');
  });
});
