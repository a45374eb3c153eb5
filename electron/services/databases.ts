/**
 * Which database file the running services work on: the real one (given at open) or the demo
 * county's, which lives beside it in the data folder and is created on first use. Switching swaps
 * the open store in place, so every transport holding these services (IPC, the web host) follows;
 * the Electron main process restarts its background worker on the new file.
 *
 * The demo is only ever written into its own new file (loadDemo refuses a file with data), and the
 * real database is neither written nor audited by a switch.
 */
import fs from 'node:fs';
import path from 'node:path';
import { openStore } from '../store/store';
import { produceAtomically } from '../fs/atomic-file';
import type { ServiceContext } from './context';
import { loadDemo, type OpenServices } from './demo';

export const DEMO_DB_NAME = '示例县-演示.sqlite';

export function demoDbPath(mainDbPath: string): string {
  return path.join(path.dirname(path.resolve(mainDbPath)), DEMO_DB_NAME);
}

export function isDemoDatabase(dbPath: string): boolean {
  return path.basename(dbPath) === DEMO_DB_NAME;
}

/**
 * Builds the demo into a temporary file and renames it into place only when complete and synced
 * (atomic-file.ts), so a crash half-way never leaves a half demo that would later be opened as if whole.
 */
async function createDemoFile(dest: string, open: OpenServices): Promise<void> {
  await produceAtomically(dest, async (tmp) => {
    await loadDemo(tmp, { open });
    // loadDemo closed its connection, which checkpoints the WAL; nothing of it belongs to the final name.
    for (const suffix of ['-wal', '-shm']) fs.rmSync(`${tmp}${suffix}`, { force: true });
  });
  for (const suffix of ['-wal', '-shm', '-journal']) fs.rmSync(`${dest}${suffix}`, { force: true });
}

export interface DatabaseSwitch {
  /** Opens the demo database, creating it first if absent; `created` says whether it was. */
  openDemo(): Promise<{ created: boolean }>;
  openMain(): Promise<void>;
}

/** `open` is openServices, passed in by services/index.ts (this file must not import it back). */
export function createDatabaseSwitch(ctx: ServiceContext, mainDbPath: string, open: OpenServices): DatabaseSwitch {
  const main = path.resolve(mainDbPath);
  const demo = demoDbPath(main);
  // One switch at a time (a double click must not build the demo twice).
  let chain: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const r = chain.then(fn);
    chain = r.catch(() => undefined);
    return r;
  };

  async function switchTo(dest: string): Promise<void> {
    if (path.resolve(ctx.dbPath) === dest) return;
    // The new connection is in place before the old one closes: no call meets a closed store.
    const old = ctx.store;
    ctx.replaceStore(openStore(dest));
    await old.close();
  }

  return {
    openDemo: () =>
      serial(async () => {
        const created = !fs.existsSync(demo);
        if (created) await createDemoFile(demo, open);
        await switchTo(demo);
        return { created };
      }),
    openMain: () => serial(() => switchTo(main)),
  };
}
