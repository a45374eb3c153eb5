/**
 * Issue 14: a re-import records its changes as ONE history row per target (as a first import
 * does), holding the old and new values of the cells it wrote. Everything that reads history must
 * stay exact: 数值历史 (valueHistory) spelt out per cell in order, undoing an import (refused whole
 * when a value it wrote — a changed, new or cleared cell — is not what it wrote any more; restores
 * old values, cleared ones too), and an indicator code rename, which must carry the cells held
 * inside those per-target rows to the new code.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../electron/services/errors';
import type { Services } from '../../electron/services/index';
import type { IndicatorNode } from '../../shared/domain/types';
import { historyServices, importCells, lab, MISSING, NA, num, values, Y, type Cell } from './helpers/history-fixtures';

let services: Services | null = null;
afterEach(async () => {
  await services?.close();
  services = null;
});

async function setup(): Promise<Services> {
  services = await historyServices('reimport-history-', 3);
  return services;
}

const historyRows = (s: Services, importId: number) =>
  s.ctx.raw.prepare('SELECT target, indicator FROM value_history WHERE import_id = ? ORDER BY id').all(importId) as {
    target: string;
    indicator: string;
  }[];

const FIRST: Cell[] = [
  { target: 'T000001', indicator: 'I01', value: num('10') },
  { target: 'T000001', indicator: 'I02', value: num('20') },
  { target: 'T000001', indicator: 'I03', value: NA },
  { target: 'T000001', indicator: 'I08', value: lab('好') },
  { target: 'T000002', indicator: 'I01', value: num('30') },
  { target: 'T000002', indicator: 'I02', value: num('40') },
];
/** Over FIRST: changed, unchanged, cleared, N/A → number, label changed, new (also a new target). */
const SECOND: Cell[] = [
  { target: 'T000001', indicator: 'I01', value: num('11') },
  { target: 'T000001', indicator: 'I02', value: num('20') },
  { target: 'T000001', indicator: 'I03', value: num('5.5') },
  { target: 'T000001', indicator: 'I08', value: lab('较好') },
  { target: 'T000001', indicator: 'I04', value: NA },
  { target: 'T000002', indicator: 'I01', value: MISSING },
  { target: 'T000002', indicator: 'I02', value: num('41') },
  { target: 'T000002', indicator: 'I05', value: MISSING }, // missing over missing: not written
  { target: 'T000003', indicator: 'I01', value: num('99') },
];

describe('a re-import records its changes as one history row per target', () => {
  it('writes one row per target it changed, none for a target it left as it was', async () => {
    const s = await setup();
    const first = importCells(s, 'a.xlsx', FIRST);
    expect(historyRows(s, first)).toEqual([
      { target: 'T000001', indicator: '' },
      { target: 'T000002', indicator: '' },
    ]);
    const second = importCells(s, 'b.xlsx', SECOND, 'replace');
    expect(historyRows(s, second)).toEqual([
      { target: 'T000001', indicator: '' },
      { target: 'T000002', indicator: '' },
      { target: 'T000003', indicator: '' },
    ]);
    // Only the unchanged cells of T000001 again (and a missing over a missing): nothing written, no row.
    const third = importCells(s, 'c.xlsx', [
      { target: 'T000001', indicator: 'I02', value: num('20') },
      { target: 'T000003', indicator: 'I01', value: num('99') },
      { target: 'T000003', indicator: 'I02', value: MISSING },
    ]);
    expect(historyRows(s, third)).toEqual([]);
  });

  it('数值历史 spells every cell out in order: imports, a hand edit, a clearing re-import', async () => {
    const s = await setup();
    const first = importCells(s, 'a.xlsx', FIRST);
    const second = importCells(s, 'b.xlsx', SECOND, 'replace');
    s.writeValues({ ...Y, cells: [{ target: 'T000001', indicator: 'I01', value: num('12') }], reason: '更正' });
    const third = importCells(
      s,
      'c.xlsx',
      [
        { target: 'T000001', indicator: 'I01', value: MISSING },
        { target: 'T000001', indicator: 'I03', value: NA },
      ],
      'replace',
    );
    const h = async (target: string, indicator: string) =>
      (await s.valueHistory({ ...Y, target, indicator })).map((e) => [e.old, e.new, e.importId, e.reason]);
    expect(await h('T000001', 'I01')).toEqual([
      [MISSING, num('10'), first, '导入文件 a.xlsx'],
      [num('10'), num('11'), second, '导入文件 b.xlsx'],
      [num('11'), num('12'), null, '更正'],
      [num('12'), MISSING, third, '导入文件 c.xlsx'],
    ]);
    expect(await h('T000001', 'I02')).toEqual([[MISSING, num('20'), first, '导入文件 a.xlsx']]);
    expect(await h('T000001', 'I03')).toEqual([
      [MISSING, NA, first, '导入文件 a.xlsx'],
      [NA, num('5.5'), second, '导入文件 b.xlsx'],
      [num('5.5'), NA, third, '导入文件 c.xlsx'],
    ]);
    expect(await h('T000001', 'I08')).toEqual([
      [MISSING, lab('好'), first, '导入文件 a.xlsx'],
      [lab('好'), lab('较好'), second, '导入文件 b.xlsx'],
    ]);
    expect(await h('T000001', 'I04')).toEqual([[MISSING, NA, second, '导入文件 b.xlsx']]);
    expect(await h('T000002', 'I01')).toEqual([
      [MISSING, num('30'), first, '导入文件 a.xlsx'],
      [num('30'), MISSING, second, '导入文件 b.xlsx'],
    ]);
    expect(await h('T000002', 'I05')).toEqual([]);
    expect(await h('T000003', 'I01')).toEqual([[MISSING, num('99'), second, '导入文件 b.xlsx']]);
    expect(await h('T000003', 'I02')).toEqual([]);
    const entry = (await s.valueHistory({ ...Y, target: 'T000002', indicator: 'I02' })).at(-1)!;
    expect(entry).toMatchObject({ who: '测试', old: num('40'), new: num('41'), importId: second });
  });

  it('undo restores every old value (cleared ones too) and is refused whole when a written cell changed since', async () => {
    const s = await setup();
    const first = importCells(s, 'a.xlsx', FIRST);
    const afterFirst = await values(s);
    const second = importCells(s, 'b.xlsx', SECOND, 'replace');
    const afterSecond = await values(s);

    // A changed cell typed over, a cleared cell filled again, a new cell cleared: each refuses the undo.
    for (const [cell, now] of [
      [{ target: 'T000002', indicator: 'I02' }, num('42')],
      [{ target: 'T000002', indicator: 'I01' }, num('30')],
      [{ target: 'T000003', indicator: 'I01' }, MISSING],
    ] as const) {
      s.writeValues({ ...Y, cells: [{ ...cell, value: now }], reason: '手改' });
      const err = (await s.undoImport({ importId: second }).catch((e: unknown) => e)) as ApiError;
      expect(err, JSON.stringify(cell)).toBeInstanceOf(ApiError);
      expect(err.message).toContain(`${cell.target} 的指标 ${cell.indicator}`);
      expect(err.message).toMatch(/现为/);
      expect(err.problems).toHaveLength(1);
      const back = afterSecond[`${cell.target}/${cell.indicator}`] ?? MISSING;
      s.writeValues({ ...Y, cells: [{ ...cell, value: back }], reason: '改回' });
      expect(await values(s)).toEqual(afterSecond);
    }
    // The first import is refused too: the second changed what it wrote.
    const refused = (await s.undoImport({ importId: first }).catch((e: unknown) => e)) as ApiError;
    expect(refused).toBeInstanceOf(ApiError);
    expect(refused.problems).toHaveLength(5);

    const r = await s.undoImport({ importId: second });
    // New 2 (T000001/I04, T000003/I01) + changed 4 + cleared 1.
    expect(r.restored).toBe(7);
    expect(await values(s)).toEqual(afterFirst);
    await s.undoImport({ importId: first });
    expect(await values(s)).toEqual({});
    // The undo's own history: the cleared cell came back.
    const h = await s.valueHistory({ ...Y, target: 'T000002', indicator: 'I01' });
    expect(h.map((e) => [e.old, e.new, e.importId])).toEqual([
      [MISSING, num('30'), first],
      [num('30'), MISSING, second],
      // the three refusals above wrote and restored T000002/I01 by hand
      [MISSING, num('30'), null],
      [num('30'), MISSING, null],
      [MISSING, num('30'), null],
      [num('30'), MISSING, null],
    ]);
  });
});

describe('an indicator code rename carries the cells inside per-target history rows', () => {
  function leaf(nodes: IndicatorNode[], code: string): IndicatorNode {
    for (const n of nodes) {
      if (n.code === code) return n;
      const found = n.children ? leaf(n.children, code) : null;
      if (found) return found;
    }
    return null as unknown as IndicatorNode;
  }

  it('数值历史 under the new code and undo of both imports still work (a swap too)', async () => {
    const s = await setup();
    const first = importCells(s, 'a.xlsx', FIRST);
    const afterFirst = await values(s);
    const second = importCells(s, 'b.xlsx', SECOND, 'replace');
    const scheme = await s.getScheme(Y);
    leaf(scheme.indicators, 'I01').code = 'I01X';
    // And a swap of I02 and I03.
    leaf(scheme.indicators, 'I02').code = 'TMP';
    leaf(scheme.indicators, 'I03').code = 'I02';
    leaf(scheme.indicators, 'TMP').code = 'I03';
    await s.saveScheme({ scheme, renames: { I01: 'I01X', I02: 'I03', I03: 'I02' } });
    const h = async (target: string, indicator: string) =>
      (await s.valueHistory({ ...Y, target, indicator })).map((e) => [e.old, e.new, e.importId]);
    expect(await h('T000001', 'I01X')).toEqual([
      [MISSING, num('10'), first],
      [num('10'), num('11'), second],
    ]);
    expect(await h('T000001', 'I01')).toEqual([]);
    expect(await h('T000002', 'I01X')).toEqual([
      [MISSING, num('30'), first],
      [num('30'), MISSING, second],
    ]);
    // Was I02 (20, unchanged by the second import) → now I03; was I03 (N/A → 5.5) → now I02.
    expect(await h('T000001', 'I03')).toEqual([[MISSING, num('20'), first]]);
    expect(await h('T000001', 'I02')).toEqual([
      [MISSING, NA, first],
      [NA, num('5.5'), second],
    ]);
    expect(await h('T000002', 'I03')).toEqual([
      [MISSING, num('40'), first],
      [num('40'), num('41'), second],
    ]);
    await s.undoImport({ importId: second });
    const rename: Record<string, string> = { I01: 'I01X', I02: 'I03', I03: 'I02' };
    const moved = Object.fromEntries(
      Object.entries(afterFirst).map(([k, v]) => {
        const [t, i] = k.split('/') as [string, string];
        return [`${t}/${rename[i] ?? i}`, v];
      }),
    );
    expect(await values(s)).toEqual(moved);
    await s.undoImport({ importId: first });
    expect(await values(s)).toEqual({});
  });
});
