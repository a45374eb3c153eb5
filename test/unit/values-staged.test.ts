/**
 * Issue 14: an import over stored values is compared and written in SQLite (store/stage.ts). It
 * must give what the JavaScript comparison (planValueWrites) gives — the same counts, the same
 * stored values, one history row per changed or cleared cell with its old value — and undoing it
 * must bring every value back. Every kind of cell: unchanged, changed, number ↔ N/A, label
 * changed and kept, new, cleared, missing over missing.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { openServices, type Services } from '../../electron/services/index';
import { planImportCounts, planValueWrites } from '../../electron/services/values';
import { bulkUpsertTargets } from '../../electron/store/bulk';
import type { Value } from '../../shared/domain/types';
import { benchScheme, benchTargets } from '../bench/dataset';
import { tmpDir } from './excel-fixtures';

let services: Services | null = null;
afterEach(async () => {
  await services?.close();
  services = null;
});

const Y = { year: 2024, scheme: 'BENCH' };
const num = (n: string): Value => ({ kind: 'number', number: n });
const lab = (l: string): Value => ({ kind: 'label', label: l });
const NA: Value = { kind: 'na' };
const MISSING: Value = { kind: 'missing' };

async function setup(): Promise<Services> {
  const s = openServices({ dbPath: `${tmpDir('staged-')}/t.db`, who: '测试' });
  services = s;
  await s.saveScheme({ scheme: benchScheme(2024) });
  bulkUpsertTargets(s.ctx.raw, benchTargets(3), '2024-01-01T00:00:00.000Z');
  return s;
}

/** I01–I07 numbers (I08 is the grade leaf in the bench scheme). */
const BEFORE = [
  { target: 'T000001', indicator: 'I01', value: num('80.5') }, // unchanged
  { target: 'T000001', indicator: 'I02', value: num('70') }, // changed
  { target: 'T000001', indicator: 'I03', value: num('60') }, // → N/A
  { target: 'T000001', indicator: 'I04', value: NA }, // → number
  { target: 'T000001', indicator: 'I08', value: lab('好') }, // label changed
  { target: 'T000002', indicator: 'I08', value: lab('一般') }, // label kept
  { target: 'T000002', indicator: 'I01', value: num('55') }, // cleared
  { target: 'T000002', indicator: 'I02', value: NA }, // N/A kept
];
const IMPORT = [
  { target: 'T000001', indicator: 'I01', value: num('80.5') },
  { target: 'T000001', indicator: 'I02', value: num('71.25') },
  { target: 'T000001', indicator: 'I03', value: NA },
  { target: 'T000001', indicator: 'I04', value: num('12') },
  { target: 'T000001', indicator: 'I08', value: lab('较好') },
  { target: 'T000002', indicator: 'I08', value: lab('一般') },
  { target: 'T000002', indicator: 'I01', value: MISSING },
  { target: 'T000002', indicator: 'I02', value: NA },
  { target: 'T000002', indicator: 'I03', value: MISSING }, // missing over missing: counted nowhere
  { target: 'T000003', indicator: 'I05', value: num('99') }, // new
];

function values(s: Services): Promise<Record<string, Value>> {
  return s.getValues(Y).then((cells) => Object.fromEntries(cells.map((c) => [`${c.target}/${c.indicator}`, c.value])));
}

describe('an import over stored values, staged in SQLite', () => {
  it('gives the counts, values, history and undo the JavaScript comparison gives', async () => {
    const s = await setup();
    s.writeValues({ ...Y, cells: BEFORE, reason: '录入' });
    const before = await values(s);
    const js = planValueWrites(s.ctx, { ...Y, cells: IMPORT, importId: 0 });
    expect(js.counts).toEqual({ new: 1, changed: 4, unchanged: 3, cleared: 1 });

    const importId = s.recordImport({
      kind: 'values',
      fileName: 'b.xlsx',
      bytes: Buffer.from('b'),
      ...Y,
      outcome: { status: 'pending' },
    });
    const out = s.writeValues({ ...Y, cells: IMPORT, importId, reason: '导入文件 b.xlsx' });
    expect(out.counts).toEqual(js.counts);
    expect(out.written).toBe(js.fresh.length + js.changes.length);
    s.updateImportOutcome(importId, {
      status: 'imported',
      mode: 'replace',
      cells: IMPORT.length,
      written: out.written,
      counts: out.counts,
      warnings: [],
    });

    const after = await values(s);
    const want = { ...before };
    for (const c of IMPORT) {
      if (c.value.kind === 'missing') delete want[`${c.target}/${c.indicator}`];
      else want[`${c.target}/${c.indicator}`] = c.value;
    }
    expect(after).toEqual(want);

    // One history entry per written cell, old → new, carrying the import.
    for (const ch of js.changes) {
      const h = await s.valueHistory({ ...Y, target: ch.target, indicator: ch.indicator });
      expect(h.at(-1)).toMatchObject({ old: ch.old, new: ch.value, importId, reason: '导入文件 b.xlsx' });
    }
    for (const f of js.fresh) {
      const h = await s.valueHistory({ ...Y, target: f.target, indicator: f.indicator });
      expect(h).toEqual([expect.objectContaining({ old: MISSING, new: f.value, importId })]);
    }
    const unchanged = await s.valueHistory({ ...Y, target: 'T000001', indicator: 'I01' });
    expect(unchanged.map((h) => h.importId)).toEqual([null]);

    const undone = await s.undoImport({ importId });
    expect(undone.restored).toBe(out.written);
    expect(await values(s)).toEqual(before);
  });

  it('a preview (dry run) counts the same and writes nothing', async () => {
    const s = await setup();
    s.writeValues({ ...Y, cells: BEFORE, reason: '录入' });
    const before = await values(s);
    const plan = planImportCounts(s.ctx, { ...Y, cells: IMPORT });
    expect(plan.counts).toEqual({ new: 1, changed: 4, unchanged: 3, cleared: 1 });
    expect(plan.written).toBe(6);
    expect(await values(s)).toEqual(before);
  });
});
