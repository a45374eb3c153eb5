/**
 * Issue 14: undoing an import records its restoration as ONE value_history row per target it
 * touched (indicator '' = ALL_CELLS, store/history.ts), like the imports themselves: `old` the
 * values the import wrote (a cell it cleared is absent), `new` the values put back (a cell that had
 * no value before the import as false). 数值历史 still spells out every cell in order, the undo's
 * entries included; the history of an import kept per cell (written before imports were recorded
 * per target) is undone all the same; a code rename carries the undo's rows too; one audit entry.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../electron/services/errors';
import type { Services } from '../../electron/services/index';
import { applyValueChanges, bulkUpsertTargets } from '../../electron/store/bulk';
import type { IndicatorNode } from '../../shared/domain/types';
import { benchScheme, benchTargets, benchValues } from '../bench/dataset';
import {
  historyServices,
  importCells as importAs,
  lab,
  MISSING,
  NA,
  num,
  values,
  Y,
  type Cell,
} from './helpers/history-fixtures';

let services: Services | null = null;
afterEach(async () => {
  await services?.close();
  services = null;
});

async function setup(): Promise<Services> {
  services = await historyServices('undo-history-', 4);
  return services;
}

/** The imports here are recorded as 整表替换 (replace). */
const importCells = (s: Services, fileName: string, cells: Cell[]) => importAs(s, fileName, cells, 'replace');

interface Row {
  target: string;
  indicator: string;
  old: unknown;
  new: unknown;
  reason: string | null;
  import_id: number | null;
}
/** The history rows written after row id `after`, JSON parsed. */
function rowsAfter(s: Services, after: number): Row[] {
  return (
    s.ctx.raw
      .prepare('SELECT target, indicator, old, new, reason, import_id FROM value_history WHERE id > ? ORDER BY id')
      .all(after) as Row[]
  ).map((r) => ({ ...r, old: JSON.parse(r.old as string), new: JSON.parse(r.new as string) }));
}
const lastId = (s: Services) =>
  (s.ctx.raw.prepare('SELECT coalesce(max(id), 0) FROM value_history').pluck().get() as number) ?? 0;

const FIRST: Cell[] = [
  { target: 'T000001', indicator: 'I01', value: num('10') },
  { target: 'T000001', indicator: 'I02', value: num('20') },
  { target: 'T000001', indicator: 'I03', value: NA },
  { target: 'T000001', indicator: 'I08', value: lab('好') },
  { target: 'T000002', indicator: 'I01', value: num('30') },
  { target: 'T000002', indicator: 'I02', value: num('40') },
];
/** Over FIRST: changed, unchanged, N/A → number, label changed, new, cleared, a new target. */
const SECOND: Cell[] = [
  { target: 'T000001', indicator: 'I01', value: num('11') },
  { target: 'T000001', indicator: 'I02', value: num('20') },
  { target: 'T000001', indicator: 'I03', value: num('5.5') },
  { target: 'T000001', indicator: 'I08', value: lab('较好') },
  { target: 'T000001', indicator: 'I04', value: NA },
  { target: 'T000002', indicator: 'I01', value: MISSING },
  { target: 'T000002', indicator: 'I02', value: num('41') },
  { target: 'T000003', indicator: 'I01', value: num('99') },
];

describe('undoing an import writes one history row per target', () => {
  it('a re-import: old = what it wrote, new = what comes back (cleared cells as the format says)', async () => {
    const s = await setup();
    importCells(s, 'a.xlsx', FIRST);
    const second = importCells(s, 'b.xlsx', SECOND);
    const before = lastId(s);
    const r = await s.undoImport({ importId: second, reason: '导错了' });
    expect(r.restored).toBe(7);
    const reason = `撤销导入 #${second}（b.xlsx）：导错了`;
    expect(rowsAfter(s, before)).toEqual([
      {
        target: 'T000001',
        indicator: '',
        old: { I01: '11', I03: '5.5', I08: ['较好'], I04: null },
        new: { I01: '10', I03: null, I08: ['好'], I04: false },
        reason,
        import_id: null,
      },
      {
        target: 'T000002',
        indicator: '',
        // I01 was cleared by the import: it has no value now, so it is not in old.
        old: { I02: '41' },
        new: { I01: '30', I02: '40' },
        reason,
        import_id: null,
      },
      { target: 'T000003', indicator: '', old: { I01: '99' }, new: { I01: false }, reason, import_id: null },
    ]);
  });

  it('a first import: one row per target, every cell back to no value', async () => {
    const s = await setup();
    const first = importCells(s, 'a.xlsx', FIRST);
    const before = lastId(s);
    expect((await s.undoImport({ importId: first })).restored).toBe(6);
    expect(await values(s)).toEqual({});
    expect(rowsAfter(s, before).map((r) => [r.target, r.indicator, r.old, r.new])).toEqual([
      [
        'T000001',
        '',
        { I01: '10', I02: '20', I03: null, I08: ['好'] },
        { I01: false, I02: false, I03: false, I08: false },
      ],
      ['T000002', '', { I01: '30', I02: '40' }, { I01: false, I02: false }],
    ]);
  });

  it('数值历史 spells out the undo per cell, in order, after the imports and a hand edit', async () => {
    const s = await setup();
    const first = importCells(s, 'a.xlsx', FIRST);
    const second = importCells(s, 'b.xlsx', SECOND);
    await s.undoImport({ importId: second });
    s.writeValues({ ...Y, cells: [{ target: 'T000001', indicator: 'I02', value: num('21') }], reason: '更正' });
    s.writeValues({ ...Y, cells: [{ target: 'T000001', indicator: 'I02', value: num('20') }], reason: '改回' });
    await s.undoImport({ importId: first });
    const u2 = `撤销导入 #${second}（b.xlsx）`;
    const u1 = `撤销导入 #${first}（a.xlsx）`;
    const h = async (target: string, indicator: string) =>
      (await s.valueHistory({ ...Y, target, indicator })).map((e) => [e.old, e.new, e.importId, e.reason, e.who]);
    expect(await h('T000001', 'I01')).toEqual([
      [MISSING, num('10'), first, '导入文件 a.xlsx', '测试'],
      [num('10'), num('11'), second, '导入文件 b.xlsx', '测试'],
      [num('11'), num('10'), null, u2, '测试'],
      [num('10'), MISSING, null, u1, '测试'],
    ]);
    expect(await h('T000001', 'I02')).toEqual([
      [MISSING, num('20'), first, '导入文件 a.xlsx', '测试'],
      [num('20'), num('21'), null, '更正', '测试'],
      [num('21'), num('20'), null, '改回', '测试'],
      [num('20'), MISSING, null, u1, '测试'],
    ]);
    expect(await h('T000001', 'I03')).toEqual([
      [MISSING, NA, first, '导入文件 a.xlsx', '测试'],
      [NA, num('5.5'), second, '导入文件 b.xlsx', '测试'],
      [num('5.5'), NA, null, u2, '测试'],
      [NA, MISSING, null, u1, '测试'],
    ]);
    expect(await h('T000001', 'I08')).toEqual([
      [MISSING, lab('好'), first, '导入文件 a.xlsx', '测试'],
      [lab('好'), lab('较好'), second, '导入文件 b.xlsx', '测试'],
      [lab('较好'), lab('好'), null, u2, '测试'],
      [lab('好'), MISSING, null, u1, '测试'],
    ]);
    expect(await h('T000001', 'I04')).toEqual([
      [MISSING, NA, second, '导入文件 b.xlsx', '测试'],
      [NA, MISSING, null, u2, '测试'],
    ]);
    expect(await h('T000002', 'I01')).toEqual([
      [MISSING, num('30'), first, '导入文件 a.xlsx', '测试'],
      [num('30'), MISSING, second, '导入文件 b.xlsx', '测试'],
      [MISSING, num('30'), null, u2, '测试'],
      [num('30'), MISSING, null, u1, '测试'],
    ]);
    expect(await h('T000003', 'I01')).toEqual([
      [MISSING, num('99'), second, '导入文件 b.xlsx', '测试'],
      [num('99'), MISSING, null, u2, '测试'],
    ]);
    expect(await h('T000003', 'I02')).toEqual([]);
  });

  it('rows = targets touched, one audit entry, the import marked undone, a second undo refused', async () => {
    const s = await setup();
    importCells(s, 'a.xlsx', FIRST);
    const second = importCells(s, 'b.xlsx', SECOND);
    const before = lastId(s);
    const audits = () => s.ctx.raw.prepare('SELECT count(*) FROM audit_log').pluck().get() as number;
    const a0 = audits();
    await s.undoImport({ importId: second });
    expect(rowsAfter(s, before)).toHaveLength(3);
    expect(audits()).toBe(a0 + 1);
    const entry = s.ctx.raw.prepare('SELECT action, new FROM audit_log ORDER BY id DESC LIMIT 1').get() as {
      action: string;
      new: string;
    };
    expect(entry.action).toBe('撤销导入');
    expect(JSON.parse(entry.new)).toEqual({ restored: 7, baselinesRestored: 0 });
    const again = (await s.undoImport({ importId: second }).catch((e: unknown) => e)) as ApiError;
    expect(again).toBeInstanceOf(ApiError);
    expect(again.message).toMatch(/不能重复撤销/);
    expect(rowsAfter(s, before)).toHaveLength(3);
  });

  it('refused whole, naming the cells in order, when values it wrote changed since: nothing written', async () => {
    const s = await setup();
    importCells(s, 'a.xlsx', FIRST);
    const second = importCells(s, 'b.xlsx', SECOND);
    s.writeValues({
      ...Y,
      cells: [
        { target: 'T000003', indicator: 'I01', value: num('98') },
        { target: 'T000001', indicator: 'I08', value: MISSING },
      ],
      reason: '手改',
    });
    const now = await values(s);
    const before = lastId(s);
    const err = (await s.undoImport({ importId: second }).catch((e: unknown) => e)) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect(err.problems!.map((p) => p.message)).toEqual([
      'T000001 的指标 I08：导入写入 较好，现为 （缺报）',
      'T000003 的指标 I01：导入写入 99，现为 98',
    ]);
    expect(err.message).toContain('其中 2 个值在导入之后又被修改过');
    expect(rowsAfter(s, before)).toEqual([]);
    expect(await values(s)).toEqual(now);
    expect((await s.listImports({ ...Y }))[0]).toMatchObject({ id: second, status: 'imported' });
  });

  it('a refusal over thousands of changed cells counts them all and lists the first 2,000, in order', async () => {
    const s = await setup();
    bulkUpsertTargets(s.ctx.raw, benchTargets(60), '2024-01-01T00:00:00.000Z');
    const first = importCells(s, 'a.xlsx', [...benchValues(benchScheme(2024), benchTargets(60), 7)]);
    const second = importCells(s, 'b.xlsx', [...benchValues(benchScheme(2024), benchTargets(60), 8)]);
    // Cells both imports wrote, with another value the second time: each refuses the first's undo.
    const changed = s.ctx.raw
      .prepare(
        `SELECT count(*) FROM indicator_values AS v JOIN value_history AS h
           ON h.import_id = @first AND h.target = v.target AND json_type(h.new, '$.' || json_quote(v.indicator)) IS NOT NULL
         WHERE v.import_id = @second`,
      )
      .pluck()
      .get({ first, second }) as number;
    const written = s.ctx.raw.prepare('SELECT count(*) FROM indicator_values WHERE import_id = ?').pluck().get(second);
    expect(changed).toBeGreaterThan(2000);
    const before = lastId(s);
    const err = (await s.undoImport({ importId: first }).catch((e: unknown) => e)) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect(err.message).toContain(`其中 ${changed} 个值在导入之后又被修改过（T000001 的指标 I01：导入写入`);
    expect(err.problems).toHaveLength(2000);
    expect(err.problems![0]!.message).toMatch(/^T000001 的指标 I01：/);
    const targets = err.problems!.map((p) => p.message.slice(0, 7));
    expect(targets).toEqual([...targets].sort());
    expect(rowsAfter(s, before)).toEqual([]);
    expect((await s.undoImport({ importId: second })).restored).toBe(written);
    expect(rowsAfter(s, before)).toHaveLength(60);
  });

  it('an import whose history was kept per cell (older databases) is undone the same way', async () => {
    const s = await setup();
    s.writeValues({
      ...Y,
      cells: [
        { target: 'T000001', indicator: 'I01', value: num('1') },
        { target: 'T000002', indicator: 'I08', value: lab('差') },
      ],
      reason: '录入',
    });
    // An import as older versions recorded it: one history row per cell (and a per-target row for
    // a fresh cell of the same target, as applyFreshValues + applyValueChanges wrote).
    const importId = s.tx(() => {
      const id = s.recordImport({ kind: 'values', fileName: 'old.xlsx', bytes: Buffer.from('o'), ...Y, outcome: {} });
      const c = { ...Y, who: '旧版', at: '2024-03-01T00:00:00.000Z', reason: '导入文件 old.xlsx', importId: id };
      applyValueChanges(s.ctx.raw, c, [
        { target: 'T000001', indicator: 'I01', old: num('1'), value: num('2') },
        { target: 'T000002', indicator: 'I08', old: lab('差'), value: MISSING },
        { target: 'T000004', indicator: 'I03', old: MISSING, value: NA },
      ]);
      s.ctx.raw
        .prepare(
          `INSERT INTO indicator_values (year, scheme, target, indicator, kind, number, label, entered_by, entered_at, import_id)
           VALUES (2024, 'BENCH', 'T000001', 'I05', 'number', '7', NULL, '旧版', '2024-03-01', ?)`,
        )
        .run(id);
      s.ctx.raw
        .prepare(
          `INSERT INTO value_history (year, scheme, target, indicator, old, new, at, who, reason, import_id)
           VALUES (2024, 'BENCH', 'T000001', '', '{"kind":"missing"}', '{"I05":"7"}', '2024-03-01', '旧版', '导入文件 old.xlsx', ?)`,
        )
        .run(id);
      s.updateImportOutcome(id, { status: 'imported', mode: 'merge', written: 4 });
      return id;
    });
    const before = lastId(s);
    expect((await s.undoImport({ importId })).restored).toBe(4);
    expect(await values(s)).toEqual({ 'T000001/I01': num('1'), 'T000002/I08': lab('差') });
    expect(rowsAfter(s, before).map((r) => [r.target, r.indicator, r.old, r.new])).toEqual([
      ['T000001', '', { I01: '2', I05: '7' }, { I01: '1', I05: false }],
      ['T000002', '', {}, { I08: ['差'] }],
      ['T000004', '', { I03: null }, { I03: false }],
    ]);
    const h = await s.valueHistory({ ...Y, target: 'T000002', indicator: 'I08' });
    expect(h.map((e) => [e.old, e.new])).toEqual([
      [MISSING, lab('差')],
      [lab('差'), MISSING],
      [MISSING, lab('差')],
    ]);
  });

  it('after an indicator code rename: undo works, and a later rename carries the undo rows too', async () => {
    const leaf = (nodes: IndicatorNode[], code: string): IndicatorNode | null => {
      for (const n of nodes) {
        if (n.code === code) return n;
        const found = n.children ? leaf(n.children, code) : null;
        if (found) return found;
      }
      return null;
    };
    const s = await setup();
    const first = importCells(s, 'a.xlsx', FIRST);
    const second = importCells(s, 'b.xlsx', SECOND);
    let scheme = await s.getScheme(Y);
    leaf(scheme.indicators, 'I01')!.code = 'I01X';
    await s.saveScheme({ scheme, renames: { I01: 'I01X' } });
    await s.undoImport({ importId: second });
    expect((await values(s))['T000002/I01X']).toEqual(num('30'));
    scheme = await s.getScheme(Y);
    leaf(scheme.indicators, 'I01X')!.code = 'I01Y';
    await s.saveScheme({ scheme, renames: { I01X: 'I01Y' } });
    const h = (await s.valueHistory({ ...Y, target: 'T000002', indicator: 'I01Y' })).map((e) => [
      e.old,
      e.new,
      e.importId,
    ]);
    expect(h).toEqual([
      [MISSING, num('30'), first],
      [num('30'), MISSING, second],
      [MISSING, num('30'), null],
    ]);
    await s.undoImport({ importId: first });
    expect(await values(s)).toEqual({});
  });
});
