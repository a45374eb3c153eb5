/** Settings, the audit query, whole-database backup and restore, and kept import files. */
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import type { AuditEntry, ImportOutcome, Settings } from '../../shared/api/contract';
import { copyDatabase, inspectDatabaseFile, openStore } from '../store/store';
import type { ServiceContext } from './context';
import { ApiError } from './errors';

const SETTING_KEYS = ['countyName', 'appraiserName'] as const;

export function getSettingsSync(ctx: ServiceContext): Settings {
  const rows = ctx.all(ctx.db.selectFrom('settings').select(['key', 'value']).where('key', 'in', [...SETTING_KEYS]));
  const get = (k: string) => rows.find((r) => r.key === k)?.value ?? '';
  return {
    countyName: get('countyName'),
    appraiserName: get('appraiserName'),
    dataFolder: path.dirname(ctx.dbPath),
    dbPath: ctx.dbPath,
  };
}

export function saveSettingsSync(ctx: ServiceContext, i: { countyName: string; appraiserName: string }): Settings {
  ctx.tx(() => {
    const old = getSettingsSync(ctx);
    for (const key of SETTING_KEYS) {
      ctx.run(
        ctx.db
          .insertInto('settings')
          .values({ key, value: i[key] })
          .onConflict((oc) => oc.column('key').doUpdateSet({ value: i[key] })),
      );
    }
    ctx.audit({
      action: '修改',
      entity: 'settings',
      key: 'settings',
      old: { countyName: old.countyName, appraiserName: old.appraiserName },
      new: { countyName: i.countyName, appraiserName: i.appraiserName },
    });
  });
  return getSettingsSync(ctx);
}

export function auditSync(ctx: ServiceContext, i: { since?: string; entity?: string; text?: string; limit?: number }): AuditEntry[] {
  let q = ctx.db.selectFrom('audit_log').selectAll().orderBy('id');
  if (i.since) q = q.where('at', '>=', new Date(i.since).toISOString());
  if (i.entity) q = q.where('entity', '=', i.entity);
  if (i.text) {
    const like = `%${i.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) =>
      eb.or(
        (['action', 'key', 'old', 'new', 'reason', 'who'] as const).map((c) => eb(c, 'like', eb.val(like))),
      ),
    );
  }
  if (i.limit) q = q.limit(i.limit);
  return ctx.all(q).map((r) => ({ ...r }));
}

function stamp(): string {
  return new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
}

export function backupsFolder(ctx: ServiceContext): string {
  return path.join(path.dirname(ctx.dbPath), 'backups');
}

export async function backupAsync(ctx: ServiceContext, out?: string): Promise<{ path: string }> {
  const dest = path.resolve(out ?? path.join(backupsFolder(ctx), `appraisal-${stamp()}.db`));
  if (dest === path.resolve(ctx.dbPath)) throw new ApiError('INPUT', '备份文件不能与当前数据库是同一个文件');
  if (fs.existsSync(dest)) fs.rmSync(dest);
  await ctx.store.backupTo(dest);
  ctx.tx(() => ctx.audit({ action: '备份', entity: 'database', key: path.basename(ctx.dbPath), new: { path: dest } }));
  return { path: dest };
}

/**
 * Replaces the database with a backup file. The file must open and pass the integrity check (and
 * be of a schema version this program knows); the current database is first copied to a safety
 * backup, so a wrong restore can itself be undone. The copy goes in through SQLite's backup API
 * rather than by replacing the file, so other open connections (the app's worker) stay valid and
 * see the restored data; the file is never missing, even on Windows where open files cannot be
 * deleted.
 */
export async function restoreAsync(ctx: ServiceContext, file: string): Promise<{ restoredFrom: string; safetyBackup: string }> {
  const src = path.resolve(file);
  if (src === path.resolve(ctx.dbPath)) throw new ApiError('INPUT', '要恢复的文件就是当前数据库本身');
  inspectDatabaseFile(src);
  const safetyBackup = path.join(backupsFolder(ctx), `before-restore-${stamp()}.db`);
  await ctx.store.backupTo(safetyBackup);
  const target = ctx.dbPath;
  await copyDatabase(src, target);
  // Reopen: the restored file may be of an older schema version (migrations run at open).
  await ctx.store.close();
  ctx.replaceStore(openStore(target));
  ctx.tx(() =>
    ctx.audit({ action: '恢复', entity: 'database', key: path.basename(target), new: { restoredFrom: src, safetyBackup } }),
  );
  return { restoredFrom: src, safetyBackup };
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export interface RecordImportInput {
  kind: string;
  fileName: string;
  bytes: Uint8Array;
  outcome: ImportOutcome | Record<string, unknown>;
  year?: number | null;
  scheme?: string | null;
}

/** Keeps an imported file whole (bytes, sha256, name, time, who, outcome); returns its id. */
export function recordImport(ctx: ServiceContext, i: RecordImportInput): number {
  return ctx.tx(() => {
    const hash = sha256(i.bytes);
    const id = ctx.run(
      ctx.db.insertInto('imports').values({
        kind: i.kind,
        file_name: i.fileName,
        bytes: Buffer.from(i.bytes),
        sha256: hash,
        at: ctx.now(),
        who: ctx.who(),
        year: i.year ?? null,
        scheme: i.scheme ?? null,
        outcome: JSON.stringify(i.outcome),
      }),
    ).lastInsertRowid;
    ctx.audit({ action: '导入', entity: 'import', key: String(id), new: { kind: i.kind, fileName: i.fileName, sha256: hash } });
    return id;
  });
}

/** Completes an import's outcome once it is known (the id is needed before values are written). */
export function updateImportOutcome(ctx: ServiceContext, id: number, outcome: unknown): void {
  ctx.run(ctx.db.updateTable('imports').set({ outcome: JSON.stringify(outcome) }).where('id', '=', id));
}

export function findImportBySha(ctx: ServiceContext, hash: string): { id: number; fileName: string; at: string; who: string; kind: string } | null {
  const r = ctx.first(
    ctx.db.selectFrom('imports').select(['id', 'file_name', 'at', 'who', 'kind']).where('sha256', '=', hash).orderBy('id').limit(1),
  );
  return r ? { id: r.id, fileName: r.file_name, at: r.at, who: r.who, kind: r.kind } : null;
}
