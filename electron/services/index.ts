/**
 * openServices: the workstation's services over one database file, implementing AppraisalApi for
 * every transport (Electron IPC, the local web host, the CLI), plus the synchronous building blocks
 * (kit.ts) the workbook and template services compose inside one transaction.
 *
 * The contract's methods are implemented per domain in handlers/ (settings, targets, schemes,
 * values, scoring, salary, funds, workbooks), each over the ServiceContext; this file only combines
 * them, checking each method's input once where they are combined (handlers/handler.ts).
 *
 * Every change follows one path: input checked (shared/api/schemas.ts) → ctx.tx (one
 * better-sqlite3 transaction) → lock guard → write → audit entry.
 */
import type { AppraisalApi, BackupSummary } from '../../shared/api/contract';
import { openStore } from '../store/store';
import { backupAsync, inspectFile, restoreAsync } from './admin';
import { createContext } from './context';
import { createDatabaseSwitch } from './databases';
import { ApiError } from './errors';
import { checkedApi } from './handlers/handler';
import { fundsHandlers } from './handlers/funds';
import { salaryHandlers } from './handlers/salary';
import { schemeHandlers } from './handlers/schemes';
import { scoringHandlers } from './handlers/scoring';
import { settingsHandlers } from './handlers/settings';
import { targetHandlers } from './handlers/targets';
import { valueHandlers } from './handlers/values';
import { workbookHandlers } from './handlers/workbooks';
import { serviceKit, type ServiceKit } from './kit';

export interface OpenServicesOptions {
  dbPath: string;
  /** Who works, when the settings name nobody (e.g. the OS user of a batch job). */
  who?: string;
  /** Reading commands: a read-only database file is opened read-only instead of failing. */
  readOnlyOk?: boolean;
}

export interface Services extends AppraisalApi, ServiceKit {
  /** Backup to a path named by the CLI or a native dialog — never by a page (the contract's backup). */
  backupTo(out: string): Promise<{ path: string }>;
  /** Restore from a path named by the CLI or a native dialog — never by a page. */
  restoreFrom(file: string): Promise<{ restoredFrom: string; safetyBackup: string }>;
  /** restore --dry-run: what a backup file holds, checked as restore checks it; nothing changes. */
  inspectBackupFile(file: string): Promise<BackupSummary>;
  close(): Promise<void>;
}

export function openServices(opts: OpenServicesOptions): Services {
  const ctx = createContext(openStore(opts.dbPath, { readOnlyOk: opts.readOnlyOk }), { who: opts.who });
  const databases = createDatabaseSwitch(ctx, opts.dbPath, openServices);
  // The workbook handlers call other contract methods through these services (inputs checked);
  // the API is filled in below, before any call can come.
  const services = {
    ...serviceKit(ctx),
    backupTo: (out: string) => backupAsync(ctx, out),
    restoreFrom: (file: string) => restoreAsync(ctx, file),
    inspectBackupFile: async (file: string) => inspectFile(file),
    close: () => ctx.store.close(),
  } as Services;
  const api = checkedApi(
    ctx,
    [
      settingsHandlers(ctx, databases),
      targetHandlers(ctx),
      schemeHandlers(ctx),
      valueHandlers(ctx),
      scoringHandlers(ctx),
      salaryHandlers(ctx),
      fundsHandlers(ctx),
      workbookHandlers(services),
    ],
    true,
  );
  return Object.assign(services, api);
}

export type { ServiceContext } from './context';
export { ApiError };
