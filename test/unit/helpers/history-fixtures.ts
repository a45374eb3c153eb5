/**
 * What the value-history tests share (values-reimport-history, import-undo-history): the bench
 * scheme with a few targets, cells as an import writes them, and the stored values by cell.
 */
import type { Services } from '../../../electron/services/index';
import { openServices } from '../../../electron/services/index';
import { bulkUpsertTargets } from '../../../electron/store/bulk';
import type { Value } from '../../../shared/domain/types';
import { benchScheme, benchTargets } from '../../bench/dataset';
import { tmpDir } from '../excel-fixtures';

export const Y = { year: 2024, scheme: 'BENCH' };
export const num = (n: string): Value => ({ kind: 'number', number: n });
export const lab = (l: string): Value => ({ kind: 'label', label: l });
export const NA: Value = { kind: 'na' };
export const MISSING: Value = { kind: 'missing' };
export type Cell = { target: string; indicator: string; value: Value };

/** A new database with the bench scheme of 2024 and `targets` bench targets (T000001 …). */
export async function historyServices(prefix: string, targets: number): Promise<Services> {
  const s = openServices({ dbPath: `${tmpDir(prefix)}/t.db`, who: '测试' });
  await s.saveScheme({ scheme: benchScheme(2024) });
  bulkUpsertTargets(s.ctx.raw, benchTargets(targets), '2024-01-01T00:00:00.000Z');
  return s;
}

/** An import as importValuesBytes writes it (recorded, written, outcome imported). */
export function importCells(s: Services, fileName: string, cells: Cell[], mode: 'merge' | 'replace' = 'merge'): number {
  return s.tx(() => {
    const importId = s.recordImport({ kind: 'values', fileName, bytes: Buffer.from(fileName), ...Y, outcome: {} });
    const out = s.writeValues({ ...Y, cells, importId, reason: `导入文件 ${fileName}` });
    s.updateImportOutcome(importId, { status: 'imported', mode, written: out.written, counts: out.counts });
    return importId;
  });
}

/** The stored values of Y by "target/indicator". */
export async function values(s: Services): Promise<Record<string, Value>> {
  return Object.fromEntries((await s.getValues(Y)).map((c) => [`${c.target}/${c.indicator}`, c.value]));
}
