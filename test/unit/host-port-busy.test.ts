// `PORT=… npm run serve` on a port another program holds: a Chinese message, and the database the
// host opened for it is closed again (nothing is served, nothing stays open).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startHost, type Host } from '../../electron/host/server';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'host-port-'));
const rendererDir = path.join(dir, 'renderer');
fs.mkdirSync(rendererDir);
fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>x</title>');
let first: Host | null = null;
afterAll(async () => {
  await first?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('a port already taken', () => {
  it('is refused in Chinese and the second host closes its database', async () => {
    first = await startHost({ dbPath: path.join(dir, 'a.sqlite'), rendererDir });
    const second = path.join(dir, 'b.sqlite');
    await expect(startHost({ dbPath: second, rendererDir, port: first.port })).rejects.toThrow(
      `端口 ${first.port} 已被其他程序占用`,
    );
    // The database was opened (WAL mode); closed by its last connection, SQLite removes the -wal file.
    expect(fs.existsSync(second)).toBe(true);
    expect(fs.existsSync(`${second}-wal`)).toBe(false);
  });
});
