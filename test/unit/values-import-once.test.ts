/**
 * Issue 14, the first import's write path: the cells are checked once (by the workbook's cell
 * rules; the write trusts that check only while the store is as the reading saw it), and the
 * import's transaction runs without SQLite's per-row foreign-key checks, every reference verified
 * before commit. Here: what the reading refuses is still refused whole with nothing written, a
 * change between reading and writing is caught by the write's own check, the foreign keys are
 * back on after every import (and a write that would break them is undone), and a cell named by a
 * wide and a long sheet is refused at its place.
 */
import BetterSqlite3 from 'better-sqlite3';
import ExcelJS from 'exceljs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../electron/services/errors';
import type { Services } from '../../electron/services/index';
import { checkedState, checkedStateUnchanged } from '../../electron/services/values';
import { foldWidth, norm } from '../../electron/excel/text';
import { NumberMemo } from '../../electron/excel/values-import';
import { importValuesBytes } from '../../electron/services/workbooks/value-import';
import {
  COMPACT_VALUES,
  recordFreshHistory,
  verifyImportReferences,
  withoutForeignKeys,
} from '../../electron/store/bulk';
import { EX1_ROWS, ex1Like, ex1Services, importRows, valueSnapshot } from './excel-fixtures';

let open: Services | null = null;
afterEach(async () => {
  await open?.close();
  open = null;
});

async function setup(): Promise<{ services: Services; dir: string }> {
  const s = await ex1Services();
  open = s.services;
  return s;
}

async function rejected(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error('expected a rejection');
}

function foreignKeys(s: Services): number {
  return s.ctx.raw.pragma('foreign_keys', { simple: true }) as number;
}

function foreignKeyProblems(s: Services): unknown[] {
  return s.ctx.raw.pragma('foreign_key_check') as unknown[];
}

describe('the first import, checked once, foreign keys verified', () => {
  it('writes every cell with the foreign keys back on and nothing SQLite would refuse', async () => {
    const { services } = await setup();
    const bytes = await ex1Like(EX1_ROWS);
    const out = await importValuesBytes(services, { year: 2024, scheme: 'EX', fileName: 'a.xlsx', bytes });
    expect(out.errors).toEqual([]);
    expect(out.written).toBe(17);
    expect(foreignKeys(services)).toBe(1);
    expect(foreignKeyProblems(services)).toEqual([]);
    const values = await services.getValues({ year: 2024, scheme: 'EX' });
    expect(values).toHaveLength(17);
    expect(values.find((c) => c.target === 'EX-02' && c.indicator === 'Q1')?.value).toEqual({
      kind: 'number',
      number: '33.8',
    });
    expect(values.every((c) => c.importId === out.importId)).toBe(true);
    // History (one row per target) and the audit entry of the import.
    const history = services.ctx.raw
      .prepare('SELECT count(*) FROM value_history WHERE import_id = ?')
      .pluck()
      .get(out.importId);
    expect(history).toBe(3);
    const audit = services.ctx.raw
      .prepare("SELECT count(*) FROM audit_log WHERE entity = 'value' AND action = '导入'")
      .pluck()
      .get();
    expect(audit).toBe(1);
  });

  it('a first import in replace mode: blank cells over nothing are counted nowhere and not written', async () => {
    const { services } = await setup();
    const bytes = await ex1Like(EX1_ROWS);
    const preview = await importValuesBytes(services, {
      year: 2024,
      scheme: 'EX',
      fileName: 'r.xlsx',
      bytes,
      mode: 'replace',
      dryRun: true,
    });
    const out = await importValuesBytes(services, {
      year: 2024,
      scheme: 'EX',
      fileName: 'r.xlsx',
      bytes,
      mode: 'replace',
    });
    expect(out.counts).toEqual({ new: 17, changed: 0, unchanged: 0, cleared: 0 });
    expect(preview.counts).toEqual(out.counts);
    expect(out.written).toBe(17);
    expect(await services.getValues({ year: 2024, scheme: 'EX' })).toHaveLength(17);
    // EX-03's blank P2: no value, and its history says nothing about P2.
    const p2 = await services.valueHistory({ year: 2024, scheme: 'EX', target: 'EX-03', indicator: 'P2' });
    expect(p2).toEqual([]);
    const p1 = await services.valueHistory({ year: 2024, scheme: 'EX', target: 'EX-03', indicator: 'P1' });
    expect(p1.map((h) => [h.old, h.new])).toEqual([[{ kind: 'missing' }, { kind: 'number', number: '61.7' }]]);
  });

  it('refuses a file with an unknown target code whole: nothing written, the file kept as rejected', async () => {
    const { services } = await setup();
    const before = await valueSnapshot(services);
    const bytes = await ex1Like([...EX1_ROWS, ['EX-99', '北关', 80]]);
    const e = await rejected(importValuesBytes(services, { year: 2024, scheme: 'EX', fileName: 'b.xlsx', bytes }));
    expect(e.code).toBe('INPUT');
    const errors = e.errors!;
    expect(errors[0]!.cell).toBe('数据采集!A8');
    expect(errors[0]!.message).toContain('EX-99');
    expect(await valueSnapshot(services)).toBe(before);
    expect(JSON.parse(importRows(services).at(-1)!.outcome).status).toBe('rejected');
    expect(foreignKeys(services)).toBe(1);
  });

  it('checks the cells again when the store changed while the file was read, and refuses them', async () => {
    const { services } = await setup();
    const before = await valueSnapshot(services);
    const bytes = await ex1Like(EX1_ROWS);
    let retired = false;
    const e = await rejected(
      importValuesBytes(services, {
        year: 2024,
        scheme: 'EX',
        fileName: 'c.xlsx',
        bytes,
        // While the workbook is read (its roster already taken), EX-03 leaves the 2024 appraisal.
        onProgress: () => {
          if (retired) return;
          retired = true;
          void services.retireTarget({ code: 'EX-03', from: 2024, reason: '撤并' });
        },
      }),
    );
    expect(retired).toBe(true);
    expect(e.code).toBe('INPUT');
    expect(e.message).toContain('EX-03');
    expect(e.message).toContain('不参加 2024 年度考核');
    expect(await valueSnapshot(services)).toBe(before);
    expect(foreignKeys(services)).toBe(1);
  });

  it('refuses a locked scheme/year before reading, foreign keys untouched', async () => {
    const { services } = await setup();
    await services.lock({ year: 2024, scheme: 'EX' });
    const bytes = await ex1Like(EX1_ROWS);
    const e = await rejected(importValuesBytes(services, { year: 2024, scheme: 'EX', fileName: 'd.xlsx', bytes }));
    expect(e.code).toBe('LOCKED');
    expect(foreignKeys(services)).toBe(1);
  });

  it('refuses a cell named by a wide sheet and a long sheet, at the long row', async () => {
    const { services } = await setup();
    const before = await valueSnapshot(services);
    const wb = new ExcelJS.Workbook();
    const wide = wb.addWorksheet('数据采集');
    wide.addRow(['对象编码', '对象名称', 'P1 高血压患者规范管理率', 'P2 家庭医生重点人群签约率']);
    wide.addRow(['EX-01', '东街社区卫生服务中心', 80.2, 66.5]);
    const long = wb.addWorksheet('明细');
    long.addRow(['对象编码', '指标编码', '值']);
    long.addRow(['EX-02', 'P1', 90]);
    long.addRow(['EX-01', 'P2', 70]);
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const e = await rejected(importValuesBytes(services, { year: 2024, scheme: 'EX', fileName: 'e.xlsx', bytes }));
    const errors = e.errors!;
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ sheet: '明细', cell: '明细!B3' });
    expect(errors[0]!.message).toContain('出现了两次');
    expect(errors[0]!.message).toContain('数据采集!A2');
    expect(await valueSnapshot(services)).toBe(before);
  });
});

describe('checkedState: the store as an import read it', () => {
  it('is unchanged until a row changes here or another connection commits', async () => {
    const { services } = await setup();
    const ctx = services.ctx;
    let state = checkedState(ctx);
    expect(checkedStateUnchanged(ctx, state)).toBe(true);
    await services.getValues({ year: 2024, scheme: 'EX' });
    expect(checkedStateUnchanged(ctx, state)).toBe(true);
    await services.saveSettings({ countyName: '另一个县', appraiserName: '测试员' });
    expect(checkedStateUnchanged(ctx, state)).toBe(false);

    state = checkedState(ctx);
    const other = new BetterSqlite3(ctx.dbPath);
    try {
      other.prepare("UPDATE settings SET value = '第三个县' WHERE key = 'countyName'").run();
    } finally {
      other.close();
    }
    expect(checkedStateUnchanged(ctx, state)).toBe(false);
  });
});

describe('withoutForeignKeys and verifyImportReferences', () => {
  function orphanWrite(s: Services, target: string): void {
    const raw = s.ctx.raw;
    withoutForeignKeys(raw, () =>
      raw.transaction(() => {
        const importId = Number(
          raw
            .prepare(
              "INSERT INTO imports (kind, file_name, bytes, sha256, at, who, year, scheme, outcome) VALUES ('values', 'x.xlsx', x'00', 'x', 'now', '测试', 2024, 'EX', '{}')",
            )
            .run().lastInsertRowid,
        );
        raw
          .prepare(
            "INSERT INTO indicator_values (year, scheme, target, indicator, kind, number, entered_by, entered_at, import_id) VALUES (2024, 'EX', ?, 'P1', 'number', '80', '测试', 'now', ?)",
          )
          .run(target, importId);
        recordFreshHistory(raw, { year: 2024, scheme: 'EX', who: '测试', at: 'now', reason: null, importId }, 1);
        verifyImportReferences(raw, { year: 2024, scheme: 'EX', importId });
      })(),
    );
  }

  it('undoes a write whose target does not exist, and turns the foreign keys back on', async () => {
    const { services } = await setup();
    const before = await valueSnapshot(services);
    const imports = importRows(services).length;
    expect(() => orphanWrite(services, 'NO-SUCH')).toThrow(/考核对象 NO-SUCH/);
    expect(foreignKeys(services)).toBe(1);
    expect(await valueSnapshot(services)).toBe(before);
    expect(importRows(services)).toHaveLength(imports);
    // The same write with a registered target goes in.
    orphanWrite(services, 'EX-01');
    expect(foreignKeys(services)).toBe(1);
    expect(foreignKeyProblems(services)).toEqual([]);
  });

  it('inside a transaction already open: runs with the foreign keys on (they cannot change there)', async () => {
    const { services } = await setup();
    const raw = services.ctx.raw;
    const seen = raw.transaction(() => withoutForeignKeys(raw, () => raw.pragma('foreign_keys', { simple: true })))();
    expect(seen).toBe(1);
    expect(foreignKeys(services)).toBe(1);
  });

  it('a second connection to the same file keeps its own foreign keys on meanwhile', async () => {
    const { services, dir } = await setup();
    const other = new BetterSqlite3(path.join(dir, 'appraisal.db'));
    try {
      other.pragma('foreign_keys = ON');
      const raw = services.ctx.raw;
      const inside = withoutForeignKeys(raw, () => ({
        mine: raw.pragma('foreign_keys', { simple: true }),
        theirs: other.pragma('foreign_keys', { simple: true }),
      }));
      expect(inside).toEqual({ mine: 0, theirs: 1 });
      // The other connection's writes are still checked.
      expect(() =>
        other
          .prepare(
            "INSERT INTO indicator_values (year, scheme, target, indicator, kind, number, entered_by, entered_at) VALUES (2024, 'EX', 'NO-SUCH', 'P1', 'number', '1', 'x', 'now')",
          )
          .run(),
      ).toThrow(/FOREIGN KEY/);
    } finally {
      other.close();
    }
  });
});

describe("NumberMemo (the cell rules' memo of numbers)", () => {
  it('finds every number it kept, as a Map would, through growth', () => {
    const memo = new NumberMemo<string>();
    const map = new Map<number, string>();
    const numbers = [0, 1, -1, 0.1, 0.2, 0.30000000000000004, 1e21, -1e-7, 2 ** 53, 123456.789, Number.MAX_VALUE];
    for (let i = 0; i < 5000; i++) numbers.push(50 + Math.round(((i * 7919) % 5001) / 10) / 10, i, -i / 3);
    for (const n of numbers) {
      if (map.has(n)) continue;
      map.set(n, `v${n}`);
      memo.set(n, `v${n}`);
    }
    expect(memo.size).toBe(map.size);
    for (const n of [...numbers, 0.3, 7.77, -2.5, 1e300]) expect(memo.get(n)).toBe(map.get(n));
    // -0 is 0 (as in a Map); NaN is never kept.
    expect(memo.get(-0)).toBe('v0');
    memo.set(Number.NaN, 'nan');
    expect(memo.get(Number.NaN)).toBeUndefined();
    expect(memo.size).toBe(map.size);
  });
});

describe('recordFreshHistory', () => {
  it('writes the same compact text COMPACT_VALUES reads, quotes and backslashes included', async () => {
    const { services } = await setup();
    const raw = services.ctx.raw;
    const importId = Number(
      raw
        .prepare(
          "INSERT INTO imports (kind, file_name, bytes, sha256, at, who, year, scheme, outcome) VALUES ('values', 'x.xlsx', x'00', 'x', 'now', '测试', 2024, 'EX', '{}')",
        )
        .run().lastInsertRowid,
    );
    const put = raw.prepare(
      "INSERT INTO indicator_values (year, scheme, target, indicator, kind, number, label, entered_by, entered_at, import_id) VALUES (2024, 'EX', ?, ?, ?, ?, ?, '测试', 'now', ?)",
    );
    put.run('EX-01', 'P1', 'number', '80.25', null, importId);
    put.run('EX-01', 'Q2', 'na', null, null, importId);
    put.run('EX-01', 'S1', 'label', null, '很"好"\\ \u00e9\t満', importId);
    put.run('EX-02', 'P1', 'number', '-0.5', null, importId);
    recordFreshHistory(raw, { year: 2024, scheme: 'EX', who: '测试', at: 'now', reason: null, importId }, 4);
    const written = raw
      .prepare("SELECT target, new FROM value_history WHERE import_id = ? AND indicator = '' ORDER BY target")
      .raw(true)
      .all(importId);
    const expected = raw
      .prepare(
        `SELECT target, ${COMPACT_VALUES} FROM indicator_values WHERE year = 2024 AND scheme = 'EX' GROUP BY target ORDER BY target`,
      )
      .raw(true)
      .all();
    expect(written).toEqual(expected);
    expect(JSON.parse((written[0] as string[])[1]!)).toEqual({ P1: '80.25', Q2: null, S1: ['很"好"\\ \u00e9\t満'] });
  });
});

describe('norm (the header and roster folding)', () => {
  it('gives what folding, collapsing and trimming give, with or without anything to change', () => {
    const slow = (t: string) =>
      foldWidth(t)
        .replace(/[\s\u00a0]+/g, ' ')
        .trim();
    for (const t of [
      'T000001',
      '乡镇卫生院1',
      ' EX-01 ',
      'ＥＸ－０１',
      'A1\u3000高血压',
      'a\u00a0\u00a0b',
      '\ufeffP1',
      'x\ty\nz',
      '',
      '（%）',
      '满意',
      '\u2003B2',
    ])
      expect(norm(t)).toBe(slow(t));
  });
});
