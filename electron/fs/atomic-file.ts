/**
 * The one way this program writes a file the user keeps (backups, safety copies, exports, scheme
 * JSON, templates, marked copies, the demo database): into a temporary name in the same folder,
 * synced, then renamed into place. A kill or a full disk therefore never leaves a file under its
 * final name that is incomplete; at worst a hidden `.名称.….tmp` remains, which no list shows and
 * the next write in that folder clears once it is old.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { ApiError } from '../../shared/api/errors';

/** Temporary files start with a dot and end in .tmp: backup lists and globs of *.db skip them. */
export const TEMP_SUFFIX = '.tmp';

export function isTempName(name: string): boolean {
  return name.startsWith('.') && name.endsWith(TEMP_SUFFIX);
}

export function tempPathFor(dest: string): string {
  const abs = path.resolve(dest);
  return path.join(
    path.dirname(abs),
    `.${path.basename(abs)}.${process.pid}-${randomBytes(4).toString('hex')}${TEMP_SUFFIX}`,
  );
}

/** ENOSPC / EDQUOT / SQLITE_FULL → the Chinese message; anything else unchanged. */
export function diskFullError(e: unknown, dest: string): ApiError | null {
  const code = (e as { code?: unknown } | null)?.code;
  const msg = e instanceof Error ? e.message : String(e);
  if (
    code === 'ENOSPC' ||
    code === 'EDQUOT' ||
    code === 'SQLITE_FULL' ||
    /database or disk is full|ENOSPC|no space left/i.test(msg)
  ) {
    return new ApiError(
      'DB',
      `磁盘已满：无法写入 ${dest}。请清理磁盘空间（或换一个有空间的位置）后重试；原有文件未被改动。`,
    );
  }
  return null;
}

function writeError(e: unknown, dest: string): unknown {
  if (e instanceof ApiError) return e;
  const full = diskFullError(e, dest);
  if (full) return full;
  const code = (e as { code?: unknown } | null)?.code;
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    return new ApiError('INPUT', `没有写入权限：${dest}。请换一个可写的文件夹，或检查文件是否被其他程序占用。`);
  }
  return e;
}

function fsyncPath(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Syncs a folder's entry list (the rename); not possible on Windows, where it is skipped. */
function fsyncDir(dir: string): void {
  if (process.platform === 'win32') return;
  try {
    const fd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // some file systems refuse a folder fsync; the file itself is synced
  }
}

/** Removes this program's temporary files in `dir` older than an hour (left by a killed write). */
export function sweepStaleTemps(dir: string, olderThanMs = 3_600_000): void {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return;
  }
  const now = Date.now();
  for (const n of names) {
    if (!isTempName(n) && !(n.startsWith('.') && n.includes(`${TEMP_SUFFIX}-`))) continue;
    const f = path.join(dir, n);
    try {
      if (now - fs.statSync(f).mtimeMs > olderThanMs) fs.rmSync(f, { force: true });
    } catch {
      // gone already
    }
  }
}

/**
 * Produces `dest` through `produce(tmp)`, which writes the whole file at `tmp`; the file is then
 * synced and renamed over `dest`. On any failure the temporary file (and its SQLite journal) is
 * removed and `dest` is untouched.
 */
export async function produceAtomically<T>(dest: string, produce: (tmp: string) => Promise<T> | T): Promise<T> {
  const abs = path.resolve(dest);
  const dir = path.dirname(abs);
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw writeError(e, abs);
  }
  sweepStaleTemps(dir);
  const tmp = tempPathFor(abs);
  try {
    const r = await produce(tmp);
    fsyncPath(tmp);
    fs.renameSync(tmp, abs);
    fsyncDir(dir);
    return r;
  } catch (e) {
    for (const f of [tmp, `${tmp}-journal`, `${tmp}-wal`, `${tmp}-shm`]) fs.rmSync(f, { force: true });
    throw writeError(e, abs);
  }
}

/** Writes bytes or text to `dest` atomically (temporary name, fsync, rename). */
export function writeFileAtomic(dest: string, data: Uint8Array | string): void {
  const abs = path.resolve(dest);
  const dir = path.dirname(abs);
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw writeError(e, abs);
  }
  sweepStaleTemps(dir);
  const tmp = tempPathFor(abs);
  try {
    const fd = fs.openSync(tmp, 'wx');
    try {
      const buf = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
      let off = 0;
      while (off < buf.length) off += fs.writeSync(fd, buf, off, buf.length - off);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, abs);
    fsyncDir(dir);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw writeError(e, abs);
  }
}
