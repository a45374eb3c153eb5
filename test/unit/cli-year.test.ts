/**
 * A whole appraisal year through the `appraisal` command, in-process, on a temporary database,
 * with the worked example of /shared/examples (ex1-*).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inspectDatabaseFile } from '../../electron/store/store';
import {
  EXAMPLES,
  EX_TARGETS,
  ex1Expected,
  ex1Scheme,
  ex1Values,
  runCli,
  snapshotFile,
  tempDir,
  valueText,
} from './support/ex1';

let dir: string;
let db: string;

const cli = (...args: string[]) => runCli(db, ...args);

const dbSnapshot = () => snapshotFile(db);

const Y = ['--year', '2024', '--scheme', 'EX'];

beforeAll(() => {
  dir = tempDir('cli-');
  db = path.join(dir, 'county.db');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('appraisal CLI: a whole year with the worked example', () => {
  it('creates the database on first use and adds targets', async () => {
    expect(fs.existsSync(db)).toBe(false);
    for (const t of EX_TARGETS) {
      const r = await cli('targets', 'add', '--code', t.code, '--name', t.name, '--kind', 'community_centre');
      expect(r.code, r.err).toBe(0);
    }
    expect(fs.existsSync(db)).toBe(true);
    const bad = await cli('targets', 'add', '--code', 'X', '--name', 'N', '--kind', 'hospital');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('hospital');
  });

  it('imports the scheme and prints its code', async () => {
    const r = await cli('scheme', 'import', path.join(EXAMPLES, 'ex1-scheme.json'));
    expect(r.code, r.err).toBe(0);
    expect(r.out.trim()).toBe('EX');
    const check = await cli('scheme', 'check', ...Y, '--json');
    expect(check.code).toBe(0);
    expect(JSON.parse(check.out)).toEqual({ valid: true, problems: [] });
  });

  it('refuses an invalid scheme with exit 2, naming the node codes, and writes nothing', async () => {
    const bad = ex1Scheme() as {
      code: string;
      indicators: { children: { method: Record<string, unknown>; weight: number }[] }[];
    };
    bad.code = 'BAD';
    bad.indicators[0]!.children[0]!.method = { type: 'ratio', target: -5 };
    bad.indicators[1]!.children[0]!.weight = 30;
    const file = path.join(dir, 'bad-scheme.json');
    fs.writeFileSync(file, JSON.stringify(bad));
    const before = await dbSnapshot();
    const r = await cli('scheme', 'import', file);
    expect(r.code).toBe(2);
    expect(r.err).toContain('P1');
    expect(await dbSnapshot()).toEqual(before);
  });

  it('refuses an unknown JSON field with exit 2 and its path', async () => {
    const bad = ex1Scheme() as { indicators: { children: Record<string, unknown>[] }[] };
    bad.indicators[2]!.children[0]!.colour = 'red';
    const file = path.join(dir, 'unknown-field.json');
    fs.writeFileSync(file, JSON.stringify(bad));
    const before = await dbSnapshot();
    const r = await cli('scheme', 'import', file);
    expect(r.code).toBe(2);
    expect(r.err).toContain('indicators[2].children[0]');
    expect(r.err).toContain('colour');
    expect(await dbSnapshot()).toEqual(before);
  });

  it('sets every value of the example', async () => {
    for (const [target, row] of Object.entries(ex1Values())) {
      for (const [indicator, v] of Object.entries(row)) {
        const r = await cli(
          'values',
          'set',
          ...Y,
          '--target',
          target,
          '--indicator',
          indicator,
          '--value',
          valueText(v),
          '--reason',
          '填报',
        );
        expect(r.code, `${target}/${indicator}: ${r.err}`).toBe(0);
      }
    }
  });

  it('rejects an unknown target, an unknown label and an out-of-range value with exit 2, writing nothing', async () => {
    const before = await dbSnapshot();
    const unknownTarget = await cli(
      'values',
      'set',
      ...Y,
      '--target',
      'EX-99',
      '--indicator',
      'P1',
      '--value',
      '80',
      '--reason',
      'r',
    );
    expect(unknownTarget.code).toBe(2);
    expect(unknownTarget.err).toContain('EX-99');
    const unknownLabel = await cli(
      'values',
      'set',
      ...Y,
      '--target',
      'EX-01',
      '--indicator',
      'S1',
      '--value',
      '非常满意',
      '--reason',
      'r',
    );
    expect(unknownLabel.code).toBe(2);
    expect(unknownLabel.err).toContain('S1');
    const outOfRange = await cli(
      'values',
      'set',
      ...Y,
      '--target',
      'EX-01',
      '--indicator',
      'P1',
      '--value',
      '101',
      '--reason',
      'r',
    );
    expect(outOfRange.code).toBe(2);
    expect(outOfRange.err).toContain('P1');
    const negative = await cli(
      'values',
      'set',
      ...Y,
      '--target',
      'EX-01',
      '--indicator',
      'Q3',
      '--value',
      '-5',
      '--reason',
      'r',
    );
    expect(negative.code).toBe(2);
    expect(await dbSnapshot()).toEqual(before);
  });

  it('records the example adjustments; a veto and its removal', async () => {
    expect((await cli('adjust', ...Y, '--target', 'EX-02', '--bonus', '2', '--reason', '省级示范')).code).toBe(0);
    expect((await cli('adjust', ...Y, '--target', 'EX-02', '--bonus', '2', '--reason', '经验推广')).code).toBe(0);
    expect((await cli('adjust', ...Y, '--target', 'EX-03', '--deduct', '1', '--reason', '督导发现问题')).code).toBe(0);
    expect((await cli('adjust', ...Y, '--target', 'EX-03', '--reason', '缺分数')).code).toBe(2);
    expect((await cli('veto', ...Y, '--target', 'EX-01', '--reason', '核查中')).code).toBe(0);
    const vetoed = JSON.parse((await cli('score', ...Y, '--json')).out);
    expect(vetoed.results.find((r: { target: string }) => r.target === 'EX-01')).toMatchObject({
      grade: '不合格',
      veto: '核查中',
      rank: 3,
    });
    expect((await cli('unveto', ...Y, '--target', 'EX-01', '--reason', '核查后撤销')).code).toBe(0);
  });

  it('score --json equals the worked example', async () => {
    const r = await cli('score', ...Y, '--json');
    expect(r.code, r.err).toBe(0);
    const got = JSON.parse(r.out);
    expect(got).toMatchObject({ year: 2024, scheme: 'EX', fullScore: 100 });
    const exp = ex1Expected().results;
    expect(got.results.map((t: { target: string }) => t.target)).toEqual(['EX-02', 'EX-01', 'EX-03']);
    for (const t of got.results) {
      const e = exp[t.target]!;
      expect({
        base: t.base,
        bonus: t.bonus,
        deduction: t.deduction,
        total: t.total,
        grade: t.grade,
        rank: t.rank,
        flags: t.flags,
      }).toEqual({
        base: e.base,
        bonus: e.bonus,
        deduction: e.deduction,
        total: e.total,
        grade: e.grade,
        rank: e.rank,
        flags: e.flags,
      });
      expect(t.veto).toBeNull();
      for (const [code, score] of Object.entries(e.indicators)) expect(t.indicators[code].score).toBe(score);
    }
    const ex01 = got.results.find((t: { target: string }) => t.target === 'EX-01');
    expect(ex01.indicators.P1.value).toBe(80.2);
    expect(ex01.indicators.S1.value).toBe('满意');
    expect(typeof ex01.indicators.P1.trace).toBe('string');
    expect(ex01.dimensions.P).toEqual({ score: 34.87, applicableWeight: 40 });
    const ex02 = got.results.find((t: { target: string }) => t.target === 'EX-02');
    expect(ex02.indicators.Q2.value).toBe('N/A');
    const ex03 = got.results.find((t: { target: string }) => t.target === 'EX-03');
    expect(ex03.indicators.P2.value).toBeNull();
  });

  it('salary set and compute --json give the example lines', async () => {
    for (const e of ex1Expected().salary) {
      const r = await cli(
        'salary',
        'set',
        '--year',
        '2024',
        '--person',
        e.person,
        '--role',
        '主任',
        '--target',
        e.target,
        '--scheme',
        'EX',
        '--base',
        String(e.base),
        '--performance-base',
        String(e.performanceBase),
        '--months',
        String(e.months),
      );
      expect(r.code, r.err).toBe(0);
    }
    const r = await cli('salary', 'compute', '--year', '2024', '--json');
    expect(r.code, r.err).toBe(0);
    const { lines } = JSON.parse(r.out);
    expect(lines).toHaveLength(3);
    for (const e of ex1Expected().salary) {
      const l = lines.find((x: { person: string }) => x.person === e.person);
      expect(l).toMatchObject({
        target: e.target,
        role: '主任',
        months: e.months,
        k: e.k,
        pay: e.pay,
        payInWords: e.payInWords,
        base: e.base,
        performanceBase: e.performanceBase,
      });
      expect(Object.keys(l).sort()).toEqual([
        'annual',
        'base',
        'flags',
        'k',
        'months',
        'pay',
        'payInWords',
        'payer',
        'performanceBase',
        'performancePay',
        'person',
        'role',
        'target',
      ]);
      // Community centres with no group: paid by county finance (finance.md, 发放主体).
      expect(l.payer).toBe('县财政');
    }
    expect(JSON.parse(r.out).payers).toEqual([
      { payer: '县财政', total: '243507.50', totalInWords: '贰拾肆万叁仟伍佰零柒元伍角' },
    ]);
  });

  it('allocate --amount 100000 --exclude-grades "" equals the example', async () => {
    const r = await cli('allocate', ...Y, '--amount', '100000', '--exclude-grades', '', '--json');
    expect(r.code, r.err).toBe(0);
    const got = JSON.parse(r.out);
    expect(Object.fromEntries(got.parts.map((p: { target: string; amount: string }) => [p.target, p.amount]))).toEqual(
      ex1Expected().allocation100000_noGradeExcluded,
    );
    expect(got.sum).toBe('100000.00');
    expect(Object.keys(got.parts[0]).sort()).toEqual(['amount', 'factor', 'target', 'total']);
    // Scores and factors are numbers; money is a 2-decimal string.
    expect(got.parts.find((p: { target: string }) => p.target === 'EX-02')).toEqual({
      target: 'EX-02',
      total: 95.5,
      factor: 1,
      amount: '46724.40',
    });
    // Without --exclude-grades the last band (不合格) takes no part.
    const d = JSON.parse((await cli('allocate', ...Y, '--amount', '100000', '--json')).out);
    expect(d.parts.map((p: { target: string }) => p.target).sort()).toEqual(['EX-01', 'EX-02']);
  });

  it('lock: every change exits 3 and writes nothing; reading still works', async () => {
    const lock = await cli('lock', ...Y);
    expect(lock.code, lock.err).toBe(0);
    expect(lock.out.trim()).toMatch(/^[0-9a-f]{16}$/);
    const before = await dbSnapshot();
    const refused = [
      await cli('values', 'set', ...Y, '--target', 'EX-01', '--indicator', 'P1', '--value', '90', '--reason', 'r'),
      await cli('adjust', ...Y, '--target', 'EX-01', '--bonus', '1', '--reason', 'r'),
      await cli('veto', ...Y, '--target', 'EX-01', '--reason', 'r'),
      await cli('unveto', ...Y, '--target', 'EX-01', '--reason', 'r'),
      await cli('scheme', 'import', path.join(EXAMPLES, 'ex1-scheme.json')),
      await cli(
        'salary',
        'set',
        '--year',
        '2024',
        '--person',
        '甲',
        '--role',
        '主任',
        '--target',
        'EX-01',
        '--scheme',
        'EX',
        '--base',
        '1',
        '--performance-base',
        '1',
      ),
      await cli('allocate', ...Y, '--amount', '100', '--json'),
    ];
    for (const r of refused) {
      expect(r.code, r.err).toBe(3);
      expect(r.err).toContain('已定稿');
    }
    expect(await dbSnapshot()).toEqual(before);
    expect((await cli('score', ...Y, '--json')).code).toBe(0);
  });

  it('unlock needs a reason; with it, changes are possible again', async () => {
    expect((await cli('unlock', ...Y)).code).toBe(2);
    const r = await cli('unlock', ...Y, '--reason', '财政局退回更正');
    expect(r.code, r.err).toBe(0);
    expect(
      (
        await cli(
          'values',
          'set',
          ...Y,
          '--target',
          'EX-01',
          '--indicator',
          'P1',
          '--value',
          '80.2',
          '--reason',
          '复核',
        )
      ).code,
    ).toBe(0);
  });

  it('audit --json lists the changes with who, old → new and reasons', async () => {
    const r = await cli('audit', '--json');
    expect(r.code, r.err).toBe(0);
    const { entries } = JSON.parse(r.out);
    const actions = entries.map((e: { action: string }) => e.action);
    expect(actions).toContain('定稿');
    const unlock = entries.find((e: { action: string }) => e.action === '解除定稿');
    expect(unlock.reason).toBe('财政局退回更正');
    const p1 = entries.filter(
      (e: { entity: string; key: string }) => e.entity === 'value' && e.key === '2024/EX/EX-01/P1',
    );
    expect(p1.map((e: { new: string }) => JSON.parse(e.new))).toEqual([{ kind: 'number', number: '80.2' }]);
    const veto = entries
      .filter((e: { entity: string }) => e.entity === 'veto')
      .map((e: { action: string; reason: string }) => [e.action, e.reason]);
    expect(veto).toEqual([
      ['新增', '核查中'],
      ['撤销', '核查后撤销'],
    ]);
    const since = await cli('audit', '--since', '2999-01-01', '--json');
    expect(JSON.parse(since.out).entries).toEqual([]);
  });

  it('backup writes a consistent copy; restore brings it back', async () => {
    const out = path.join(dir, 'backup.db');
    const r = await cli('backup', '--out', out);
    expect(r.code, r.err).toBe(0);
    expect(inspectDatabaseFile(out)).toBeGreaterThan(0);
    expect(
      (
        await cli(
          'values',
          'set',
          ...Y,
          '--target',
          'EX-01',
          '--indicator',
          'P1',
          '--value',
          '10',
          '--reason',
          '误操作',
        )
      ).code,
    ).toBe(0);
    const restored = await cli('restore', out);
    expect(restored.code, restored.err).toBe(0);
    const score = JSON.parse((await cli('score', ...Y, '--json')).out);
    expect(score.results.find((t: { target: string }) => t.target === 'EX-01').total).toBe(86.37);
  });

  it('exit codes for a bad command line, an unknown command and a missing scheme', async () => {
    expect((await cli('score', ...Y, '--bogus')).code).toBe(2);
    expect((await cli('frobnicate')).code).toBe(2);
    expect((await cli('score', '--year', '2024', '--scheme', 'NOPE', '--json')).code).toBe(2);
    expect(
      (
        await cli(
          'values',
          'set',
          '--year',
          '2024',
          '--scheme',
          'NOPE',
          '--target',
          'EX-01',
          '--indicator',
          'P1',
          '--value',
          '1',
        )
      ).code,
    ).toBe(2);
  });
});
