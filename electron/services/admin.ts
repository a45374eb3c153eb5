/** Settings, the audit query, whole-database backup and restore, and kept import files. */
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import BetterSqlite3 from 'better-sqlite3';
import type {
  AuditEntry,
  BackupInfo,
  BackupSummary,
  FilePayload,
  ImportOutcome,
  Settings,
} from '../../shared/api/contract';
import { isDemoDatabase } from './databases';
import { copyDatabase, inspectBackupFile, openStore } from '../store/store';
import { isTempName, produceAtomically, tempPathFor } from '../fs/atomic-file';
import type { ServiceContext } from './context';
import { ApiError, clipText } from './errors';

const SETTING_KEYS = ['countyName', 'appraiserName'] as const;

export function getSettings(ctx: ServiceContext): Settings {
  const rows = ctx.all(
    ctx.db
      .selectFrom('settings')
      .select(['key', 'value'])
      .where('key', 'in', [...SETTING_KEYS]),
  );
  const get = (k: string) => rows.find((r) => r.key === k)?.value ?? '';
  return {
    countyName: get('countyName'),
    appraiserName: get('appraiserName'),
    dataFolder: path.dirname(ctx.dbPath),
    dbPath: ctx.dbPath,
    isDemo: isDemoDatabase(ctx.dbPath),
  };
}

export function saveSettings(ctx: ServiceContext, i: { countyName: string; appraiserName: string }): Settings {
  ctx.tx(() => {
    const old = getSettings(ctx);
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
  return getSettings(ctx);
}

/**
 * The audit entries matching the filters. `order: 'newest'` lists the latest first (the audit page);
 * the default is the order they were written (the CLI's `audit`). `beforeId` pages backwards: only
 * entries older than that id (the last one of the previous page); `limit` caps one page.
 */
export function audit(
  ctx: ServiceContext,
  i: { since?: string; entity?: string; text?: string; limit?: number; order?: 'newest' | 'oldest'; beforeId?: number },
): AuditEntry[] {
  let q = ctx.db
    .selectFrom('audit_log')
    .selectAll()
    .orderBy('id', i.order === 'newest' ? 'desc' : 'asc');
  if (i.beforeId !== undefined) q = q.where('id', '<', i.beforeId);
  if (i.since) q = q.where('at', '>=', new Date(i.since).toISOString());
  if (i.entity) q = q.where('entity', '=', i.entity);
  if (i.text) {
    const like = `%${i.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) =>
      eb.or((['action', 'key', 'old', 'new', 'reason', 'who'] as const).map((c) => eb(c, 'like', eb.val(like)))),
    );
  }
  if (i.limit) q = q.limit(i.limit);
  return ctx.all(q).map((r) => ({ ...r }));
}

/** Local time, as the user reads it in the file list: 20241125-194800. */
function stamp(d = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}`;
}

/** Backups live beside the database, in a folder the program alone names. */
export const BACKUPS_FOLDER_NAME = '备份';
const PREFIX = { backup: '数据备份', demo: '示例数据备份', safety: '恢复前自动备份', upload: '上传的备份' } as const;
const BACKUP_EXT = /\.(db|sqlite)$/i;
/** A database file is far below this; larger uploads are refused before they are written. */
const MAX_UPLOAD_BYTES = 1024 * 1024 * 1024;

/** The demo's backups keep to a subfolder of their own, so they are never offered to restore real data. */
export const DEMO_BACKUPS_FOLDER_NAME = '示例数据';

export function backupsFolder(ctx: ServiceContext): string {
  const folder = path.join(path.dirname(ctx.dbPath), BACKUPS_FOLDER_NAME);
  return isDemoDatabase(ctx.dbPath) ? path.join(folder, DEMO_BACKUPS_FOLDER_NAME) : folder;
}

/** A new file name in the backups folder: prefix-timestamp.db, -2, -3 … if taken. */
function freshBackupPath(ctx: ServiceContext, prefix: string): string {
  const folder = backupsFolder(ctx);
  const base = `${prefix}-${stamp()}`;
  let name = `${base}.db`;
  for (let i = 2; fs.existsSync(path.join(folder, name)); i++) name = `${base}-${i}.db`;
  return path.join(folder, name);
}

function backupKind(name: string): BackupInfo['kind'] {
  if (name.startsWith(PREFIX.backup) || name.startsWith(PREFIX.demo)) return 'backup';
  if (name.startsWith(PREFIX.safety)) return 'safety';
  if (name.startsWith(PREFIX.upload)) return 'upload';
  return 'other';
}

/** The backups in <dataFolder>/备份/, newest first. */
export function listBackups(ctx: ServiceContext): BackupInfo[] {
  const folder = backupsFolder(ctx);
  if (!fs.existsSync(folder)) return [];
  const out: BackupInfo[] = [];
  for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
    // Temporary files of a write in progress (or killed) are hidden names ending .tmp: never listed.
    if (!entry.isFile() || !BACKUP_EXT.test(entry.name) || entry.name.startsWith('.') || isTempName(entry.name))
      continue;
    const info = fs.statSync(path.join(folder, entry.name));
    out.push({ name: entry.name, size: info.size, at: info.mtime.toISOString(), kind: backupKind(entry.name) });
  }
  return out.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : a.name < b.name ? 1 : -1));
}

/**
 * A listed backup by name → its path inside the backups folder. The name was checked to hold no
 * folder (schemas.ts); the resolved path is checked again so nothing outside can be reached.
 */
export function listedBackupPath(ctx: ServiceContext, name: string): string {
  const folder = path.resolve(backupsFolder(ctx));
  const file = path.resolve(folder, name);
  if (path.dirname(file) !== folder || !BACKUP_EXT.test(file)) {
    throw new ApiError('INPUT', `只能使用“${BACKUPS_FOLDER_NAME}”文件夹中的备份文件：${name}`, {
      problems: [{ path: 'name', message: '不接受路径' }],
    });
  }
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
    throw new ApiError('NOT_FOUND', `“${BACKUPS_FOLDER_NAME}”文件夹中没有备份文件 ${name}（${folder}）`);
  }
  return file;
}

/** 立即备份 from the page: always into the backups folder, named by the program. */
export async function backupToFolderAsync(ctx: ServiceContext, demo: boolean): Promise<{ path: string; name: string }> {
  const dest = freshBackupPath(ctx, demo ? PREFIX.demo : PREFIX.backup);
  const r = await backupAsync(ctx, dest);
  return { path: r.path, name: path.basename(r.path) };
}

/** A path named by the CLI (or by a native dialog in the main process); pages use backupToFolderAsync. */
export async function backupAsync(ctx: ServiceContext, out?: string): Promise<{ path: string }> {
  const dest = path.resolve(out ?? freshBackupPath(ctx, PREFIX.backup));
  if (dest === path.resolve(ctx.dbPath)) throw new ApiError('INPUT', '备份文件不能与当前数据库是同一个文件');
  // Written to a temporary name and renamed over any older file only when complete (atomic-file.ts).
  await ctx.store.backupTo(dest);
  // A read-only database (reading commands) can be backed up, but not audited.
  if (!ctx.store.readonly) {
    ctx.tx(() =>
      ctx.audit({ action: '备份', entity: 'database', key: path.basename(ctx.dbPath), new: { path: dest } }),
    );
  }
  return { path: dest };
}

export function downloadBackup(ctx: ServiceContext, name: string): FilePayload {
  const file = listedBackupPath(ctx, name);
  return { fileName: path.basename(file), base64: fs.readFileSync(file).toString('base64') };
}

/** Restore from the page: a listed backup by name, or an upload first written into the backups folder. */
export async function restoreFromSourceAsync(
  ctx: ServiceContext,
  source: { name?: string; upload?: FilePayload },
): Promise<{ restoredFrom: string; safetyBackup: string }> {
  if (source.name !== undefined) return restoreAsync(ctx, listedBackupPath(ctx, source.name));
  const upload = source.upload!;
  const bytes = Buffer.from(upload.base64, 'base64');
  if (bytes.length === 0) throw new ApiError('INPUT', `上传的文件是空的：${upload.fileName}`);
  if (bytes.length > MAX_UPLOAD_BYTES) throw new ApiError('INPUT', `上传的文件过大（超过 1 GB）：${upload.fileName}`);
  const file = freshBackupPath(ctx, PREFIX.upload);
  // Checked under its temporary name: a file that is not a database of this program is refused
  // (INPUT, HTTP 400) and never appears in the list.
  await produceAtomically(file, (tmp) => {
    fs.writeFileSync(tmp, bytes);
    inspectBackupFile(tmp, upload.fileName);
  });
  return restoreAsync(ctx, file);
}

/** What a backup (listed, uploaded, or a path from the CLI) holds; refuses what restore would refuse. */
export async function inspectSourceAsync(
  ctx: ServiceContext,
  source: { name?: string; upload?: FilePayload },
): Promise<BackupSummary> {
  if (source.name !== undefined) return inspectFile(listedBackupPath(ctx, source.name));
  const upload = source.upload!;
  const bytes = Buffer.from(upload.base64, 'base64');
  if (bytes.length === 0)
    throw new ApiError('INPUT', `“${upload.fileName}”不能用于恢复：文件是空的（0 字节）。当前数据未被改动。`);
  if (bytes.length > MAX_UPLOAD_BYTES) throw new ApiError('INPUT', `上传的文件过大（超过 1 GB）：${upload.fileName}`);
  const tmp = tempPathFor(path.join(path.dirname(ctx.dbPath), 'inspect.db'));
  try {
    fs.writeFileSync(tmp, bytes);
    return { ...inspectBackupFile(tmp, upload.fileName), file: upload.fileName };
  } finally {
    for (const f of [tmp, `${tmp}-wal`, `${tmp}-shm`]) fs.rmSync(f, { force: true });
  }
}

export function inspectFile(file: string): BackupSummary {
  return { file: path.basename(file), ...inspectBackupFile(path.resolve(file)) };
}

/**
 * Replaces the database with a backup file. The file must open and pass the integrity check (and
 * be of a schema version this program knows); the current database is first copied to a safety
 * backup, so a wrong restore can itself be undone. The copy goes in through SQLite's backup API
 * rather than by replacing the file, so other open connections (the app's worker) stay valid and
 * see the restored data; the file is never missing, even on Windows where open files cannot be
 * deleted.
 */
export async function restoreAsync(
  ctx: ServiceContext,
  file: string,
): Promise<{ restoredFrom: string; safetyBackup: string }> {
  const src = path.resolve(file);
  if (src === path.resolve(ctx.dbPath)) throw new ApiError('INPUT', '要恢复的文件就是当前数据库本身');
  inspectBackupFile(src);
  const safetyBackup = freshBackupPath(ctx, PREFIX.safety);
  await ctx.store.backupTo(safetyBackup);
  const target = ctx.dbPath;
  // The restore's audit entry travels inside the restored content: the backup is first copied to a
  // scratch file beside the database, the entry is written there, and the scratch file goes into
  // the live database in one SQLite backup (one write transaction). Killed before it commits,
  // nothing changed; after, the data and its entry are both there.
  const scratch = tempPathFor(target);
  try {
    await copyDatabase(src, scratch);
    const s = new BetterSqlite3(scratch);
    try {
      s.prepare(
        'INSERT INTO audit_log (at, who, action, entity, key, old, new, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      ).run(
        ctx.now(),
        ctx.who(),
        '恢复',
        'database',
        path.basename(target),
        null,
        JSON.stringify({ restoredFrom: src, safetyBackup }),
        null,
      );
    } finally {
      s.close();
    }
    await copyDatabase(scratch, target);
  } finally {
    for (const f of [scratch, `${scratch}-journal`, `${scratch}-wal`, `${scratch}-shm`]) fs.rmSync(f, { force: true });
  }
  // Reopen: the restored file may be of an older schema version (migrations run at open). The new
  // connection is in place before the old one closes, so no call meets a closed store.
  const old = ctx.store;
  ctx.replaceStore(openStore(target));
  await old.close();
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

/** A rejected file above this is kept only in part (its first REJECTED_KEEP_BYTES and its sha256). */
export const REJECTED_KEEP_BYTES = 4 * 1024 * 1024;

/** Outcomes are stored with every long string cut (a 10 MB cell is not stored again in the record). */
function outcomeJson(outcome: unknown): string {
  return JSON.stringify(outcome, (_k, v: unknown) => (typeof v === 'string' && v.length > 1000 ? clipText(v) : v));
}

/**
 * Keeps an imported file (bytes, sha256, name, time, who, outcome); returns its id. An imported
 * file is kept whole. A rejected one is kept whole up to 4 MB; a larger one keeps its first 4 MB
 * and its sha256 (outcome.kept says so); a rejected file already kept (same sha256) keeps no bytes
 * again (outcome.kept.sameAs names the record) — retries of a 75 MB upload no longer grow the
 * database by 75 MB each.
 */
export function recordImport(ctx: ServiceContext, i: RecordImportInput): number {
  return ctx.tx(() => {
    const hash = sha256(i.bytes);
    const rejected = (i.outcome as { status?: unknown }).status === 'rejected';
    let bytes = Buffer.from(i.bytes.buffer, i.bytes.byteOffset, i.bytes.byteLength);
    let outcome: unknown = i.outcome;
    if (rejected) {
      const same = ctx.first(
        ctx.db.selectFrom('imports').select('id').where('sha256', '=', hash).orderBy('id').limit(1),
      );
      if (same) {
        bytes = Buffer.alloc(0);
        outcome = { ...i.outcome, kept: { size: i.bytes.byteLength, keptBytes: 0, sameAs: same.id } };
      } else if (bytes.length > REJECTED_KEEP_BYTES) {
        bytes = bytes.subarray(0, REJECTED_KEEP_BYTES);
        outcome = { ...i.outcome, kept: { size: i.bytes.byteLength, keptBytes: REJECTED_KEEP_BYTES, truncated: true } };
      }
    }
    const id = ctx.run(
      ctx.db.insertInto('imports').values({
        kind: i.kind,
        file_name: i.fileName,
        bytes: Buffer.from(bytes),
        sha256: hash,
        at: ctx.now(),
        who: ctx.who(),
        year: i.year ?? null,
        scheme: i.scheme ?? null,
        outcome: outcomeJson(outcome),
      }),
    ).lastInsertRowid;
    ctx.audit({
      action: '导入',
      entity: 'import',
      key: String(id),
      new: { kind: i.kind, fileName: i.fileName, sha256: hash },
    });
    return id;
  });
}

/** Completes an import's outcome once it is known (the id is needed before values are written). */
export function updateImportOutcome(ctx: ServiceContext, id: number, outcome: unknown): void {
  ctx.run(
    ctx.db
      .updateTable('imports')
      .set({ outcome: outcomeJson(outcome) })
      .where('id', '=', id),
  );
}

export function findImportBySha(
  ctx: ServiceContext,
  hash: string,
): { id: number; fileName: string; at: string; who: string; kind: string } | null {
  const r = ctx.first(
    ctx.db
      .selectFrom('imports')
      .select(['id', 'file_name', 'at', 'who', 'kind'])
      .where('sha256', '=', hash)
      .orderBy('id')
      .limit(1),
  );
  return r ? { id: r.id, fileName: r.file_name, at: r.at, who: r.who, kind: r.kind } : null;
}
