/**
 * The money rules end to end through the `appraisal` command (cli.md, finance.md): two medical
 * groups with their township centres and village clinics; salaries split by payer (县财政 and the two
 * groups), pay totals with one OVER_CAP, an insurance surplus split with tiers, a three-year term
 * with TERM_FAIL, the village doctors' post subsidy; bad input refused with nothing written; a
 * locked group year refused (exit 3); the finance workbooks read back (each sheet's total = the sum
 * of its lines).
 *
 * Worked numbers (one manual indicator of 100 points: the value is the total):
 *   G1 2022 50 (不合格), 2023 55 (不合格), 2024 88; G2 2023 85, 2024 92 (no 2021 scheme → a gap).
 *   书记 G1: 150,000 + 200,000 × 0.88 = 326,000.00 (县财政); 院长 G2: 150,000 + 200,000 × 0.92 = 334,000.00.
 *   T1 (G1) 90 → 60,000 + 40,000 × 0.9 = 96,000.00; T2 (G2) 80 → 92,000.00;
 *   王五 at T1, 6 months, paid by hand by G2: (40,000 + 20,000 × 0.9) × 6/12 = 29,000.00.
 *   村医 V1 (G1) 合格 → k 1 → 12,000.00; V2 (G2) 不合格 → 0.00 (grade rule, 不合格 → 0).
 *   Payers: 县财政 660,000.00; G1 108,000.00; G2 121,000.00.
 *   Pay totals: G1 T 10,000,000 × 0.88 = 8,800,000 > 5 × 1,500,000 → 7,500,000.00 OVER_CAP, + 300,000
 *   签约服务费 → 7,800,000.00; G2 5,000,000 × 0.92 = 4,600,000.00 < 10,000,000.00.
 *   Surplus G1 1,000,000.01, 40:60 → 400,000.00 / 600,000.01 (the remainders are .4 and .6 fen);
 *   6:3:1 → 600,000.01 / 300,000.00 / 100,000.00; county 40:60 → 240,000.00 / 360,000.01.
 */
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, snapshotFile, tempDir } from './support/ex1';
import { buildMoneyCounty } from './support/money';

let dir: string;
let db: string;
const cli = (...args: string[]) => runCli(db, ...args);

async function ok(...args: string[]) {
  const r = await cli(...args);
  expect(r.code, `${args.join(' ')}: ${r.err}`).toBe(0);
  return r;
}

beforeAll(async () => {
  dir = tempDir('cli-money-');
  db = path.join(dir, 'county.db');
  await buildMoneyCounty(db, dir);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const Y = ['--year', '2024'];
const salarySet = (...a: string[]) => cli('salary', 'set', ...Y, ...a);

describe('appraisal CLI: the money rules', () => {
  it('salary lines with payers: 县财政 for the group leaders, each group for its members, one set by hand', async () => {
    await ok(
      'salary',
      'set',
      ...Y,
      '--person',
      '张书记',
      '--role',
      '党委书记',
      '--target',
      'G1',
      '--scheme',
      'GM',
      '--base',
      '150000',
      '--performance-base',
      '200000',
    );
    await ok(
      'salary',
      'set',
      ...Y,
      '--person',
      '李院长',
      '--role',
      '院长',
      '--target',
      'G2',
      '--scheme',
      'GM',
      '--base',
      '150000',
      '--performance-base',
      '200000',
    );
    await ok(
      'salary',
      'set',
      ...Y,
      '--person',
      '赵一',
      '--role',
      '乡镇卫生院院长',
      '--target',
      'T1',
      '--scheme',
      'TS',
      '--base',
      '60000',
      '--performance-base',
      '40000',
    );
    await ok(
      'salary',
      'set',
      ...Y,
      '--person',
      '钱二',
      '--role',
      '乡镇卫生院院长',
      '--target',
      'T2',
      '--scheme',
      'TS',
      '--base',
      '60000',
      '--performance-base',
      '40000',
    );
    await ok(
      'salary',
      'set',
      ...Y,
      '--person',
      '王五',
      '--role',
      '副院长',
      '--target',
      'T1',
      '--scheme',
      'TS',
      '--base',
      '40000',
      '--performance-base',
      '20000',
      '--months',
      '6',
      '--payer',
      '第二医疗集团',
    );
    // 村医岗位补助 (偏政发〔2024〕12号: 每月 1000 元): base 0, performance base 12,000.
    await ok(
      'salary',
      'set',
      ...Y,
      '--person',
      '孙村医',
      '--role',
      '村医',
      '--target',
      'V1',
      '--scheme',
      'VS',
      '--base',
      '0',
      '--performance-base',
      '12000',
    );
    await ok(
      'salary',
      'set',
      ...Y,
      '--person',
      '周村医',
      '--role',
      '村医',
      '--target',
      'V2',
      '--scheme',
      'VS',
      '--base',
      '0',
      '--performance-base',
      '12000',
    );

    const r = await ok('salary', 'compute', ...Y, '--json');
    const j = JSON.parse(r.out) as { lines: Record<string, unknown>[]; payers: Record<string, unknown>[] };
    const by = Object.fromEntries(j.lines.map((l) => [l.person, l]));
    expect(Object.keys(j.lines[0]!).sort()).toEqual(
      [
        'person',
        'role',
        'target',
        'payer',
        'months',
        'base',
        'performanceBase',
        'k',
        'performancePay',
        'annual',
        'pay',
        'payInWords',
        'flags',
      ].sort(),
    );
    expect(by['张书记']).toMatchObject({ payer: '县财政', k: 0.88, pay: '326000.00', payInWords: '叁拾贰万陆仟元整' });
    expect(by['李院长']).toMatchObject({ payer: '县财政', k: 0.92, pay: '334000.00' });
    expect(by['赵一']).toMatchObject({ payer: 'G1', k: 0.9, pay: '96000.00' });
    expect(by['钱二']).toMatchObject({ payer: 'G2', pay: '92000.00' });
    expect(by['王五']).toMatchObject({ payer: 'G2', months: 6, annual: '58000.00', pay: '29000.00' });
    expect(by['孙村医']).toMatchObject({
      role: '村医',
      payer: 'G1',
      base: 0,
      performanceBase: 12000,
      k: 1,
      pay: '12000.00',
      payInWords: '壹万贰仟元整',
    });
    expect(by['周村医']).toMatchObject({ payer: 'G2', k: 0, pay: '0.00', payInWords: '零元整' });
    expect(j.payers).toEqual([
      { payer: '县财政', total: '660000.00', totalInWords: '陆拾陆万元整' },
      { payer: 'G1', total: '108000.00', totalInWords: '壹拾万捌仟元整' },
      { payer: 'G2', total: '121000.00', totalInWords: '壹拾贰万壹仟元整' },
    ]);
  });

  it('refuses a payer that is neither 县财政 nor a group, naming it, and writes nothing', async () => {
    const before = await snapshotFile(db);
    const r = await salarySet(
      '--person',
      '王五',
      '--role',
      '副院长',
      '--target',
      'T1',
      '--scheme',
      'TS',
      '--base',
      '1',
      '--performance-base',
      '1',
      '--payer',
      '乡财政',
    );
    expect(r.code).toBe(2);
    expect(r.err).toContain('乡财政');
    expect(r.err).toContain('王五');
    expect(await snapshotFile(db)).toEqual(before);
  });

  it('paytotal: k from the group scheme, the 5× cap, OVER_CAP, excluded items', async () => {
    await ok(
      'paytotal',
      'set',
      ...Y,
      '--target',
      'G1',
      '--proposed',
      '10000000',
      '--benchmark',
      '1500000',
      '--excluded',
      '300000',
      '--reason',
      '集团申报',
    );
    await ok(
      'paytotal',
      'set',
      ...Y,
      '--target',
      'G2',
      '--proposed',
      '5000000',
      '--benchmark',
      '2000000',
      '--reason',
      '集团申报',
    );
    const r = await ok('paytotal', 'compute', ...Y, '--scheme', 'GM', '--json');
    expect(JSON.parse(r.out)).toEqual({
      groups: [
        {
          target: 'G1',
          k: 0.88,
          proposed: '10000000.00',
          benchmark: '1500000.00',
          multiple: 5,
          cap: '7500000.00',
          approved: '7500000.00',
          excluded: '300000.00',
          available: '7800000.00',
          flags: ['OVER_CAP'],
        },
        {
          target: 'G2',
          k: 0.92,
          proposed: '5000000.00',
          benchmark: '2000000.00',
          multiple: 5,
          cap: '10000000.00',
          approved: '4600000.00',
          excluded: '0.00',
          available: '4600000.00',
          flags: [],
        },
      ],
    });
    const audit = JSON.parse((await ok('audit', '--json')).out) as {
      entries: { entity: string; key: string; reason: string }[];
    };
    expect(audit.entries.filter((e) => e.entity === 'pay_total').map((e) => [e.key, e.reason])).toEqual([
      ['2024/G1', '集团申报'],
      ['2024/G2', '集团申报'],
    ]);
  });

  it('paytotal refuses bad input with nothing written: negative, non-numeric, a group with no result, not a group', async () => {
    const before = await snapshotFile(db);
    const neg = await cli(
      'paytotal',
      'set',
      ...Y,
      '--target',
      'G1',
      '--proposed',
      '-5',
      '--benchmark',
      '1',
      '--reason',
      'x',
    );
    expect(neg.code).toBe(2);
    expect(neg.err).toContain('不能为负数');
    const nan = await cli(
      'paytotal',
      'set',
      ...Y,
      '--target',
      'G1',
      '--proposed',
      '十万',
      '--benchmark',
      '1',
      '--reason',
      'x',
    );
    expect(nan.code).toBe(2);
    expect(nan.err).toMatch(/申报数须为数字/);
    const noResult = await cli(
      'paytotal',
      'set',
      '--year',
      '2021',
      '--target',
      'G1',
      '--proposed',
      '1',
      '--benchmark',
      '1',
      '--reason',
      'x',
    );
    expect(noResult.code).toBe(2);
    expect(noResult.err).toContain('G1（第一医疗集团）');
    expect(noResult.err).toContain('没有考核结果');
    const notGroup = await cli(
      'paytotal',
      'set',
      ...Y,
      '--target',
      'T1',
      '--proposed',
      '1',
      '--benchmark',
      '1',
      '--reason',
      'x',
    );
    expect(notGroup.code).toBe(2);
    expect(notGroup.err).toContain('不是医疗集团');
    expect(await snapshotFile(db)).toEqual(before);
  });

  it('surplus: 40:60 and 6:3:1 with each tier split again, to the fen by largest remainder', async () => {
    const r = await ok(
      'surplus',
      ...Y,
      '--target',
      'G1',
      '--amount',
      '1000000.01',
      '--tiers',
      '6:3:1',
      '--reason',
      '2024 年医保结余',
      '--json',
    );
    expect(JSON.parse(r.out)).toEqual({
      target: 'G1',
      amount: '1000000.01',
      development: '400000.00',
      staff: '600000.01',
      tiers: {
        county: { amount: '600000.01', development: '240000.00', staff: '360000.01' },
        township: { amount: '300000.00', development: '120000.00', staff: '180000.00' },
        village: { amount: '100000.00', development: '40000.00', staff: '60000.00' },
      },
    });
    const plain = await ok(
      'surplus',
      ...Y,
      '--target',
      'G2',
      '--amount',
      '0.05',
      '--split',
      '40:0',
      '--reason',
      '只用于发展',
      '--json',
    );
    expect(JSON.parse(plain.out)).toEqual({
      target: 'G2',
      amount: '0.05',
      development: '0.05',
      staff: '0.00',
      tiers: null,
    });
  });

  it('surplus refuses 0:0, a wrong number of parts, negative and non-numeric amounts, writing nothing', async () => {
    const before = await snapshotFile(db);
    for (const [args, text] of [
      [['--amount', '100', '--split', '0:0'], '合计为 0'],
      [['--amount', '100', '--tiers', '6:4'], '6:4'],
      [['--amount', '-100'], '不能为负数'],
      [['--amount', 'abc'], '须为数字'],
      [['--amount', '1.005'], '两位小数'],
    ] as const) {
      const r = await cli('surplus', ...Y, '--target', 'G1', ...args, '--reason', 'x');
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).toContain(text);
    }
    expect(await snapshotFile(db)).toEqual(before);
  });

  it('term: three years with two failures → TERM_FAIL; a year without a scheme → TERM_GAP; from > to refused', async () => {
    const r = await ok('term', '--scheme', 'GM', '--target', 'G1', '--from', '2022', '--to', '2024', '--json');
    expect(JSON.parse(r.out)).toEqual({
      target: 'G1',
      scheme: 'GM',
      from: 2022,
      to: 2024,
      years: [
        { year: 2022, total: 50, grade: '不合格', rank: 2 },
        { year: 2023, total: 55, grade: '不合格', rank: 2 },
        { year: 2024, total: 88, grade: '良好', rank: 2 },
      ],
      average: 64.33,
      failYears: 2,
      flags: ['TERM_FAIL'],
    });
    const limit3 = JSON.parse(
      (
        await ok(
          'term',
          '--scheme',
          'GM',
          '--target',
          'G1',
          '--from',
          '2022',
          '--to',
          '2024',
          '--fail-limit',
          '3',
          '--json',
        )
      ).out,
    );
    expect(limit3.flags).toEqual([]);
    const gap = JSON.parse(
      (await ok('term', '--scheme', 'GM', '--target', 'G2', '--from', '2021', '--to', '2024', '--json')).out,
    );
    expect(gap.years[0]).toEqual({ year: 2021, total: null, grade: null, rank: null });
    expect(gap.average).toBe(79); // (60 + 85 + 92) / 3
    expect(gap.flags).toEqual(['TERM_GAP']);
    const bad = await cli('term', '--scheme', 'GM', '--target', 'G1', '--from', '2024', '--to', '2022', '--json');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('2024');
    expect(bad.err).toContain('晚于');
  });

  it('the finance workbooks: 县财政 and the two groups on their own pay sheets; 绩效工资总量 and 医保结余分配; totals add up', async () => {
    const gm = path.join(dir, 'GM.xlsx');
    const ts = path.join(dir, 'TS.xlsx');
    const vs = path.join(dir, 'VS.xlsx');
    await ok('export', 'results', ...Y, '--scheme', 'GM', '--out', gm);
    await ok('export', 'results', ...Y, '--scheme', 'TS', '--out', ts);
    await ok('export', 'results', ...Y, '--scheme', 'VS', '--out', vs);
    const load = async (f: string) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(fs.readFileSync(f) as unknown as ArrayBuffer);
      return wb;
    };
    const g = await load(gm);
    expect(g.worksheets.map((w) => w.name)).toEqual([
      '考核结果汇总',
      '指标得分明细',
      '年薪核算',
      '年薪核算（县财政）',
      '绩效工资总量',
      '医保结余分配',
    ]);
    const t = await load(ts);
    expect(t.worksheets.map((w) => w.name)).toEqual([
      '考核结果汇总',
      '指标得分明细',
      '年薪核算',
      '年薪核算（第一医疗集团）',
      '年薪核算（第二医疗集团）',
    ]);
    const v = await load(vs);
    expect(v.worksheets.map((w) => w.name)).toEqual([
      '考核结果汇总',
      '指标得分明细',
      '年薪核算',
      '年薪核算（第一医疗集团）',
      '年薪核算（第二医疗集团）',
    ]);

    /** The rows between the header (row 3) and 合计, and 合计's row. */
    const lines = (ws: ExcelJS.Worksheet) => {
      let total = 0;
      ws.eachRow((row, n) => {
        if (n > 3 && row.getCell(1).value === '合计' && !total) total = n;
      });
      expect(total, ws.name).toBeGreaterThan(3);
      return { rows: Array.from({ length: total - 4 }, (_, i) => ws.getRow(4 + i)), total: ws.getRow(total) };
    };
    const sumCol = (rows: ExcelJS.Row[], col: number) =>
      Math.round(rows.reduce((s, r) => s + Number(r.getCell(col).value ?? 0), 0) * 100) / 100;

    const county = lines(g.getWorksheet('年薪核算（县财政）')!);
    expect(county.rows.map((r) => r.getCell(2).value)).toEqual(['张书记', '李院长']);
    expect(county.total.getCell(12).value).toBe(660000);
    expect(county.total.getCell(13).value).toBe('陆拾陆万元整');
    const g2 = lines(t.getWorksheet('年薪核算（第二医疗集团）')!);
    expect(g2.rows.map((r) => r.getCell(2).value)).toEqual(['钱二', '王五']);
    expect(g2.total.getCell(12).value).toBe(121000);
    const village = lines(v.getWorksheet('年薪核算（第一医疗集团）')!);
    expect(village.rows.map((r) => [r.getCell(3).value, r.getCell(12).value])).toEqual([['村医', 12000]]);
    for (const wb of [g, t, v]) {
      for (const ws of wb.worksheets.filter((w) => w.name.startsWith('年薪核算'))) {
        const { rows, total } = lines(ws);
        for (const col of [7, 8, 10, 11, 12])
          expect(total.getCell(col).value, `${ws.name} col ${col}`).toBe(sumCol(rows, col));
        const signs: unknown[] = [];
        ws.eachRow((row, n) => {
          if (n > total.number) row.eachCell((c) => signs.push(c.value));
        });
        expect(signs.filter((x) => String(x).endsWith('人：'))).toEqual(['制表人：', '审核人：', '负责人：']);
        expect(ws.pageSetup.orientation).toBe('landscape');
        expect(ws.headerFooter.oddFooter).toContain('第 &P 页 共 &N 页');
      }
    }
    const pt = lines(g.getWorksheet('绩效工资总量')!);
    expect(
      pt.rows.map((r) => [r.getCell(2).value, r.getCell(10).value, r.getCell(12).value, r.getCell(13).value]),
    ).toEqual([
      ['G1', 7500000, 7800000, '超过总量上限'],
      ['G2', 4600000, 4600000, null],
    ]);
    for (const col of [4, 5, 7, 9, 10, 11, 12])
      expect(pt.total.getCell(col).value, `绩效工资总量 col ${col}`).toBe(sumCol(pt.rows, col));
    const sp = lines(g.getWorksheet('医保结余分配')!);
    expect(
      sp.rows.map((r) => [
        r.getCell(2).value,
        r.getCell(4).value,
        r.getCell(6).value,
        r.getCell(7).value,
        r.getCell(8).value,
      ]),
    ).toEqual([
      ['G1', 1000000.01, 400000, 600000.01, 600000.01],
      ['G2', 0.05, 0.05, 0, null],
    ]);
    for (const col of [4, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16])
      expect(sp.total.getCell(col).value, `医保结余分配 col ${col}`).toBe(sumCol(sp.rows, col));
    for (const ws of [g.getWorksheet('绩效工资总量')!, g.getWorksheet('医保结余分配')!]) {
      expect(ws.pageSetup).toMatchObject({
        paperSize: 9,
        orientation: 'landscape',
        fitToPage: true,
        fitToWidth: 1,
        printTitlesRow: '1:3',
      });
    }
  });

  it('a locked group year refuses pay totals and surplus splits (exit 3), and its export carries the fingerprint', async () => {
    const lock = JSON.parse((await ok('lock', ...Y, '--scheme', 'GM', '--json')).out) as { fingerprint: string };
    const before = await snapshotFile(db);
    const p = await cli(
      'paytotal',
      'set',
      ...Y,
      '--target',
      'G1',
      '--proposed',
      '1',
      '--benchmark',
      '1',
      '--reason',
      'x',
    );
    expect(p.code).toBe(3);
    const s = await cli('surplus', ...Y, '--target', 'G1', '--amount', '1', '--reason', 'x');
    expect(s.code).toBe(3);
    expect(await snapshotFile(db)).toEqual(before);
    const out = path.join(dir, 'GM-locked.xlsx');
    await ok('export', 'results', ...Y, '--scheme', 'GM', '--out', out);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(fs.readFileSync(out) as unknown as ArrayBuffer);
    for (const name of ['绩效工资总量', '医保结余分配'])
      expect(wb.getWorksheet(name)!.headerFooter.oddFooter).toContain(lock.fingerprint);
  });

  it('考核结果运用: TERM_FAIL on G1 with its source, every group term, exported with its sheets', async () => {
    const { openServices } = await import('../../electron/services');
    const { fromPayload } = await import('../../electron/services/workbooks/payload');
    const s = openServices({ dbPath: db });
    try {
      const r = await s.resultUses({ year: 2024 });
      expect(r).toMatchObject({ termFrom: 2022, termTo: 2024, failLimit: 2 });
      expect(r.rows.map((x) => [x.target, x.flags, x.source])).toEqual([
        ['G1', ['TERM_FAIL'], '汴政办〔2019〕74号 三(一)、四(七)'],
      ]);
      expect(r.terms.map((t) => [t.target, t.failYears, t.flags])).toEqual([
        ['G1', 2, ['TERM_FAIL']],
        ['G2', 0, []],
      ]);
      const gm = r.feeds.find((f) => f.scheme === 'GM')!;
      expect(gm).toMatchObject({ salaryLines: 2, payTotals: 2, allocation: null, appointmentFlags: 1, locked: true });
      expect(r.feeds.find((f) => f.scheme === 'VS')).toMatchObject({ salaryLines: 2 });
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(fromPayload(await s.exportResultUses({ year: 2024 })) as unknown as ArrayBuffer);
      expect(wb.worksheets.map((w) => w.name)).toEqual(['考核结果运用', '结果用途', '任期考核']);
      expect(wb.getWorksheet('任期考核')!.getRow(4).values).toEqual(
        expect.arrayContaining([
          'GM',
          'G1',
          '第一医疗集团',
          '50.00 / 不合格 / 第 2 名',
          64.33,
          2,
          '任期内多次考核不合格',
        ]),
      );
      for (const ws of wb.worksheets)
        expect(ws.pageSetup).toMatchObject({
          paperSize: 9,
          orientation: 'landscape',
          fitToWidth: 1,
          printTitlesRow: '1:3',
        });
    } finally {
      await s.close();
    }
  });
});
