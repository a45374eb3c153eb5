import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openServices, type Services } from '../../electron/services';
import { valueHistory } from '../../electron/services/values';
import {
  applyValueChanges,
  bulkInsertValues,
  bulkUpsertTargets,
  readSchemeValues,
  type ValueChange,
} from '../../electron/store/bulk';
import type { Value } from '../../shared/domain/types';
import { benchScheme, benchTargets, benchValues } from '../bench/dataset';

let dir: string;
let services: Services;
const YEAR = 2024;

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'store-bulk-'));
  services = openServices({ dbPath: path.join(dir, 'a.db'), who: '测试' });
  await services.saveScheme({ scheme: benchScheme(YEAR) });
  bulkUpsertTargets(services.ctx.raw, benchTargets(5), '2024-01-01T00:00:00.000Z');
});
afterEach(async () => {
  await services.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const num = (n: string): Value => ({ kind: 'number', number: n });
const MISSING: Value = { kind: 'missing' };

/** 5 targets × 50 indicators = 250 cells: two full statements of 100 rows and a remainder of 50. */
function cells(f: (t: number, i: number) => Value): { target: string; indicator: string; value: Value }[] {
  const out = [];
  for (let t = 1; t <= 5; t++) {
    for (let i = 1; i <= 50; i++)
      out.push({ target: `T00000${t}`, indicator: `I${String(i).padStart(2, '0')}`, value: f(t, i) });
  }
  return out;
}

describe('bulk writes (multi-row statements)', () => {
  it('bulkInsertValues writes every row of full and partial chunks, skips missing, replaces on conflict', () => {
    const raw = services.ctx.raw;
    const n = bulkInsertValues(
      raw,
      YEAR,
      'BENCH',
      cells((t, i) => (i === 7 ? MISSING : i === 8 ? { kind: 'na' } : num(`${t}.${i}`))),
      '甲',
      'at1',
    );
    expect(n).toBe(245);
    let v = readSchemeValues(raw, YEAR, 'BENCH');
    expect(v.get('T000003')!.get('I12')).toEqual(num('3.12'));
    expect(v.get('T000003')!.has('I07')).toBe(false);
    expect(v.get('T000005')!.get('I08')).toEqual({ kind: 'na' });
    bulkInsertValues(
      raw,
      YEAR,
      'BENCH',
      [{ target: 'T000003', indicator: 'I12', value: { kind: 'label', label: '好' } }],
      '乙',
      'at2',
    );
    v = readSchemeValues(raw, YEAR, 'BENCH');
    expect(v.get('T000003')!.get('I12')).toEqual({ kind: 'label', label: '好' });
    const row = raw
      .prepare(
        "SELECT number, label, entered_by, entered_at FROM indicator_values WHERE target = 'T000003' AND indicator = 'I12'",
      )
      .get();
    expect(row).toEqual({ number: null, label: '好', entered_by: '乙', entered_at: 'at2' });
    expect(raw.prepare('SELECT count(*) AS c FROM indicator_values').get()).toEqual({ c: 245 });
  });

  it('applyValueChanges upserts, deletes and writes one history row per change with the shared fields', () => {
    const raw = services.ctx.raw;
    const first: ValueChange[] = cells((t, i) => num(`${t}${i}`)).map((c) => ({ ...c, old: MISSING }));
    applyValueChanges(
      raw,
      { year: YEAR, scheme: 'BENCH', who: '甲', at: 'at1', reason: '导入', importId: null },
      first,
    );
    const second: ValueChange[] = [
      { target: 'T000001', indicator: 'I01', old: num('11'), value: num('99.5') },
      { target: 'T000002', indicator: 'I02', old: num('22'), value: MISSING },
    ];
    applyValueChanges(raw, { year: YEAR, scheme: 'BENCH', who: '乙', at: 'at2', reason: null, importId: null }, second);
    const v = readSchemeValues(raw, YEAR, 'BENCH');
    expect(v.get('T000001')!.get('I01')).toEqual(num('99.5'));
    expect(v.get('T000002')!.has('I02')).toBe(false);
    expect(v.get('T000005')!.get('I50')).toEqual(num('550'));
    expect(raw.prepare('SELECT count(*) AS c FROM indicator_values').get()).toEqual({ c: 249 });
    expect(raw.prepare('SELECT count(*) AS c FROM value_history').get()).toEqual({ c: 252 });
    const h = raw
      .prepare(
        "SELECT old, new, at, who, reason, import_id FROM value_history WHERE target = 'T000002' AND indicator = 'I02' ORDER BY id",
      )
      .all();
    expect(h).toEqual([
      {
        old: '{"kind":"missing"}',
        new: '{"kind":"number","number":"22"}',
        at: 'at1',
        who: '甲',
        reason: '导入',
        import_id: null,
      },
      {
        old: '{"kind":"number","number":"22"}',
        new: '{"kind":"missing"}',
        at: 'at2',
        who: '乙',
        reason: null,
        import_id: null,
      },
    ]);
  });
});

describe('import history built by SQLite (applyFreshValues)', () => {
  /** A cell's history as valueHistory returns it, the values as the JSON texts JavaScript would write. */
  function historyOf(target: string, indicator: string) {
    return valueHistory(services.ctx, YEAR, 'BENCH', target, indicator).map((e) => ({
      old: JSON.stringify(e.old),
      new: JSON.stringify(e.new),
      who: e.who,
      reason: e.reason,
      import_id: e.importId,
    }));
  }

  for (const [label, targets] of [
    ['a small import', 5],
    ['a large import (over 2000 cells)', 40],
  ] as const) {
    it(`${label}: fresh cells and changed cells get the same history rows as JavaScript would write`, async () => {
      bulkUpsertTargets(services.ctx.raw, benchTargets(targets), '2024-01-01T00:00:00.000Z');
      const scheme = benchScheme(YEAR);
      const codes = benchTargets(targets).map((t) => t.code);
      const grade = (function find(ns: typeof scheme.indicators): string {
        for (const n of ns) {
          if (n.children?.length) {
            const c = find(n.children);
            if (c) return c;
          } else if (n.method?.type === 'grade') return n.code;
        }
        return '';
      })(scheme.indicators);
      const numeric = ['I01', 'I02', 'I03'].filter((c) => c !== grade);
      // Before the import: T1/I01 = 10 and T1/I02 = 20 entered by hand.
      services.writeValues({
        year: YEAR,
        scheme: 'BENCH',
        cells: [
          { target: codes[0]!, indicator: numeric[0]!, value: num('10') },
          { target: codes[0]!, indicator: numeric[1]!, value: num('20') },
        ],
        reason: '手工录入',
      });
      const importId = services.recordImport({
        kind: 'values',
        fileName: 'a.xlsx',
        bytes: Buffer.from('x'),
        year: YEAR,
        scheme: 'BENCH',
        outcome: { status: 'pending' },
      });
      const cells: { target: string; indicator: string; value: Value }[] = [];
      for (const t of codes) {
        cells.push({ target: t, indicator: numeric[0]!, value: t === codes[0] ? num('10') : num('1.5') }); // T1 unchanged
        cells.push({ target: t, indicator: numeric[1]!, value: t === codes[0] ? MISSING : { kind: 'na' } }); // T1 cleared
        cells.push({ target: t, indicator: grade, value: { kind: 'label', label: '较好' } });
      }
      // The large import: every other indicator too (valid generated values), over 2000 cells.
      if (targets > 5) {
        const mine = new Set([numeric[0], numeric[1], grade]);
        for (const c of benchValues(scheme, benchTargets(targets)))
          if (!mine.has(c.indicator) && c.value.kind !== 'missing') cells.push(c);
        expect(cells.length).toBeGreaterThan(2000);
      }
      const { written } = services.writeValues({
        year: YEAR,
        scheme: 'BENCH',
        cells,
        importId,
        reason: '导入文件 a.xlsx',
      });
      expect(written).toBe(cells.length - 1);
      const imp = (old: string, nw: string) => ({
        old,
        new: nw,
        who: '测试',
        reason: '导入文件 a.xlsx',
        import_id: importId,
      });
      const hand = (old: string, nw: string) => ({ old, new: nw, who: '测试', reason: '手工录入', import_id: null });
      expect(historyOf(codes[0]!, numeric[0]!)).toEqual([
        hand('{"kind":"missing"}', '{"kind":"number","number":"10"}'),
      ]);
      expect(historyOf(codes[0]!, numeric[1]!)).toEqual([
        hand('{"kind":"missing"}', '{"kind":"number","number":"20"}'),
        imp('{"kind":"number","number":"20"}', '{"kind":"missing"}'),
      ]);
      expect(historyOf(codes[1]!, numeric[0]!)).toEqual([
        imp('{"kind":"missing"}', '{"kind":"number","number":"1.5"}'),
      ]);
      expect(historyOf(codes[1]!, numeric[1]!)).toEqual([imp('{"kind":"missing"}', '{"kind":"na"}')]);
      expect(historyOf(codes.at(-1)!, grade)).toEqual([imp('{"kind":"missing"}', '{"kind":"label","label":"较好"}')]);
      const h = await services.valueHistory({ year: YEAR, scheme: 'BENCH', target: codes[1]!, indicator: grade });
      expect(h.map((e) => [e.old, e.new, e.importId])).toEqual([[MISSING, { kind: 'label', label: '较好' }, importId]]);
      // The import's history is one row per target, fresh and changed cells (T1's cleared one)
      // alike. Spelt out per cell, it holds every written value, as imported.
      const rows = services.ctx.raw
        .prepare('SELECT target, indicator FROM value_history WHERE import_id = ? ORDER BY id')
        .all(importId) as { target: string; indicator: string }[];
      expect(rows).toEqual(codes.map((target) => ({ target, indicator: '' })));
      let spelt = 0;
      for (const c of cells) spelt += historyOf(c.target, c.indicator).filter((h) => h.import_id === importId).length;
      expect(spelt).toBe(written);
      // A later change of an imported cell follows its import entry.
      services.writeValues({
        year: YEAR,
        scheme: 'BENCH',
        cells: [{ target: codes[1]!, indicator: numeric[0]!, value: num('2') }],
        reason: '更正',
      });
      expect(historyOf(codes[1]!, numeric[0]!)).toEqual([
        imp('{"kind":"missing"}', '{"kind":"number","number":"1.5"}'),
        { ...hand('{"kind":"number","number":"1.5"}', '{"kind":"number","number":"2"}'), reason: '更正' },
      ]);
      expect(readSchemeValues(services.ctx.raw, YEAR, 'BENCH').get(codes[0]!)!.has(numeric[1]!)).toBe(false);
    });
  }
});
