// `appraisal … | head`: a reader that stops early must not turn into an EPIPE stack trace.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const bin = path.join(root, 'bin/appraisal.mjs');
const dir = mkdtempSync(path.join(os.tmpdir(), 'cli-pipe-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('output into a pipe closed early', () => {
  it('stops quietly with exit 0 when the reader goes away', async () => {
    const db = path.join(dir, 'demo.sqlite');
    expect(spawnSync(process.execPath, [bin, '--db', db, 'demo'], { encoding: 'utf8' }).status).toBe(0);
    // The audit of a demo database is long enough to outgrow the pipe's buffer.
    const child = spawn(process.execPath, [bin, '--db', db, 'audit', '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    // Read the first chunk, then close our end, as `head -c 10` does.
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(stderr).not.toMatch(/EPIPE|Error/);
    expect(code).toBe(0);
  }, 60_000);
});
