/**
 * openServices: the workstation's services over one database file, implementing AppraisalApi for
 * every transport (Electron IPC, the local web host, the CLI), plus the synchronous building blocks
 * the workbook and template services compose inside one transaction.
 *
 * Every change follows one path: input checked (shared/api/schemas.ts) → ctx.tx (one
 * better-sqlite3 transaction) → lock guard → write → audit entry.
 */
import type { AppraisalApi, BackupSummary } from '../../shared/api/contract';
import type { ScoreInput } from '../../shared/scoring/engine';
import { fewPeersWarnings } from '../../shared/scoring/engine';
import { openStore } from '../store/store';
import { createContext, type AuditInput, type ServiceContext } from './context';
import {
  addAdjustmentSync,
  listAdjustmentsSync,
  listVetoesSync,
  removeAdjustmentSync,
  removeVetoSync,
  setVetoSync,
} from './adjustments';
import {
  auditSync,
  backupAsync,
  backupToFolderAsync,
  downloadBackupSync,
  findImportBySha,
  getSettingsSync,
  listBackupsSync,
  recordImport,
  restoreAsync,
  restoreFromSourceAsync,
  inspectSourceAsync,
  inspectFile,
  saveSettingsSync,
  updateImportOutcome,
  type RecordImportInput,
} from './admin';
import { createDatabaseSwitch, isDemoDatabase } from './databases';
import { delegatedMethods } from './delegates';
import type { LongCallOptions } from './excel';
import { ApiError } from './errors';
import { lockSync, unlockSync } from './locks';
import { getAllocationSync } from './allocation';
import {
  allocateSync,
  computeSalarySync,
  listSalaryInputsSync,
  removeSalaryInputSync,
  savedAllocation,
  setSalaryInputSync,
} from './salary';
import {
  copySchemesSync,
  deleteSchemeSync,
  listSchemesSync,
  listYearsSync,
  requireScheme,
  saveSchemeSync,
  schemeProblems,
} from './schemes';
import { gradeHistorySync, loadScoreInput, scoreSync } from './scoring';
import { getBaselinesSync, setBaselineSync } from './baselines';
import { listImportsSync, undoImportSync } from './imports';
import {
  computePayTotalsSync,
  getTermSettingsSync,
  listPayTotalsSync,
  listSurplusSync,
  resultUsesSync,
  saveTermSettingsSync,
  setPayTotalSync,
  splitSurplusSync,
  termAppraisalSync,
} from './money';
import { canonicalTargetCode, listTargetsSync, retireTargetSync, saveTargetSync } from './targets';
import { lockedRoster } from './schemes';
import {
  cellRules,
  getCell,
  getValuesSync,
  parseCellText,
  valueHistorySync,
  writeValues,
  type CellWrite,
  type WriteValuesInput,
} from './values';
import type { Problem } from '../../shared/domain/types';

export interface OpenServicesOptions {
  dbPath: string;
  /** Who works, when the settings name nobody (e.g. the OS user of a batch job). */
  who?: string;
  /** Reading commands: a read-only database file is opened read-only instead of failing. */
  readOnlyOk?: boolean;
}

export interface Services extends AppraisalApi {
  ctx: ServiceContext;
  tx<T>(fn: () => T): T;
  /** Appends an audit entry (`audit` itself is the contract's query). */
  appendAudit(e: AuditInput): void;
  assertUnlocked(year: number, scheme: string): void;
  writeValues(input: WriteValuesInput): ReturnType<typeof writeValues>;
  recordImport(input: RecordImportInput): number;
  updateImportOutcome(id: number, outcome: unknown): void;
  findImportBySha(sha256: string): ReturnType<typeof findImportBySha>;
  loadScoreInput(year: number, scheme: string): ScoreInput;
  savedAllocation(year: number, scheme: string): ReturnType<typeof savedAllocation>;
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
  /** A target code as typed → the stored code (codes are compared without regard to case). */
  const withTarget = <T extends { target: string }>(i: T): T => ({ ...i, target: canonicalTargetCode(ctx, i.target) });
  const databases = createDatabaseSwitch(ctx, opts.dbPath, openServices);

  const api: AppraisalApi = {
    async getSettings(input?: unknown) {
      ctx.check('getSettings', input);
      return getSettingsSync(ctx);
    },
    async saveSettings(input) {
      return saveSettingsSync(ctx, ctx.check('saveSettings', input));
    },
    async backup(input) {
      ctx.check('backup', input);
      return backupToFolderAsync(ctx, isDemoDatabase(ctx.dbPath));
    },
    async listBackups(input?: unknown) {
      ctx.check('listBackups', input);
      return listBackupsSync(ctx);
    },
    async restore(input) {
      const source = ctx.check('restore', input);
      if (isDemoDatabase(ctx.dbPath)) {
        throw new ApiError(
          'INPUT',
          '当前打开的是示例数据库（示例县），不能在这里恢复正式数据的备份；请先点“返回正式数据”，再恢复。',
        );
      }
      return restoreFromSourceAsync(ctx, source);
    },
    async inspectBackup(input) {
      return inspectSourceAsync(ctx, ctx.check('inspectBackup', input));
    },
    async downloadBackup(input) {
      return downloadBackupSync(ctx, ctx.check('downloadBackup', input).name);
    },
    async openDemo(input?: unknown) {
      ctx.check('openDemo', input);
      const { created } = await databases.openDemo();
      return { settings: getSettingsSync(ctx), created };
    },
    async openMainDatabase(input?: unknown) {
      ctx.check('openMainDatabase', input);
      await databases.openMain();
      return getSettingsSync(ctx);
    },
    async listYears(input?: unknown) {
      ctx.check('listYears', input);
      return listYearsSync(ctx);
    },
    async listSchemes(input) {
      return listSchemesSync(ctx, ctx.check('listSchemes', input ?? {}).year);
    },
    async listTargets(input) {
      const i = ctx.check('listTargets', input ?? {});
      if (i.scheme !== undefined && i.year !== undefined) return lockedRoster(ctx, i.year, i.scheme);
      return listTargetsSync(ctx, i);
    },
    async saveTarget(input) {
      const i = ctx.check('saveTarget', input);
      return saveTargetSync(ctx, i.target, i.reason);
    },
    async retireTarget(input) {
      const i = ctx.check('retireTarget', input);
      return retireTargetSync(ctx, i.code, i.from, i.reason);
    },
    async getScheme(input) {
      const i = ctx.check('getScheme', input);
      return requireScheme(ctx, i.year, i.scheme).scheme;
    },
    async saveScheme(input) {
      return saveSchemeSync(ctx, ctx.check('saveScheme', input));
    },
    async checkScheme(input) {
      const i = ctx.check('checkScheme', input);
      return schemeProblems(requireScheme(ctx, i.year, i.scheme).scheme);
    },
    async schemeWarnings(input) {
      const i = ctx.check('schemeWarnings', input);
      const s = requireScheme(ctx, i.year, i.scheme);
      // An invalid scheme has its problems to fix first; the roster is the one scoring uses.
      return s.valid ? fewPeersWarnings(loadScoreInput(ctx, i.year, i.scheme, s)) : [];
    },
    async copySchemes(input) {
      const i = ctx.check('copySchemes', input);
      return copySchemesSync(ctx, i.fromYear, i.toYear, i.schemes);
    },
    async deleteScheme(input) {
      const i = ctx.check('deleteScheme', input);
      deleteSchemeSync(ctx, i.year, i.scheme, i.reason);
    },
    async getValues(input) {
      const i = ctx.check('getValues', input);
      return getValuesSync(ctx, i.year, i.scheme);
    },
    async setValue(input) {
      const i = withTarget(ctx.check('setValue', input));
      const cell = parseCellText(cellRules(ctx, i.year, i.scheme), i.target, i.indicator, i.text);
      writeValues(ctx, { year: i.year, scheme: i.scheme, cells: [cell], reason: i.reason ?? null });
      return getCell(ctx, i.year, i.scheme, i.target, i.indicator);
    },
    async setValues(input) {
      const i0 = ctx.check('setValues', input);
      const i = { ...i0, cells: i0.cells.map(withTarget) };
      const rules = cellRules(ctx, i.year, i.scheme);
      const problems: Problem[] = [];
      const cells: CellWrite[] = [];
      for (const c of i.cells) {
        try {
          cells.push(parseCellText(rules, c.target, c.indicator, c.text));
        } catch (e) {
          if (!(e instanceof ApiError)) throw e;
          problems.push(...(e.problems ?? [{ path: `${c.target}/${c.indicator}`, message: e.message }]));
        }
      }
      if (problems.length > 0) {
        throw new ApiError(
          'INPUT',
          `粘贴的数据有误，未写入任何值：${problems
            .slice(0, 5)
            .map((p) => p.message)
            .join('；')}`,
          { problems },
        );
      }
      return writeValues(ctx, { year: i.year, scheme: i.scheme, cells, reason: i.reason ?? null });
    },
    async valueHistory(input) {
      const i = withTarget(ctx.check('valueHistory', input));
      return valueHistorySync(ctx, i.year, i.scheme, i.target, i.indicator);
    },
    async listImports(input) {
      return listImportsSync(ctx, ctx.check('listImports', input ?? {}));
    },
    async undoImport(input) {
      return undoImportSync(ctx, ctx.check('undoImport', input));
    },
    async getBaselines(input) {
      const i = ctx.check('getBaselines', input);
      return getBaselinesSync(ctx, i.year, i.scheme);
    },
    async setBaseline(input) {
      return setBaselineSync(ctx, ctx.check('setBaseline', input));
    },
    async score(input) {
      const i = ctx.check('score', input);
      return scoreSync(ctx, i.year, i.scheme);
    },
    async whatIf(input) {
      const i = ctx.check('whatIf', input);
      return scoreSync(ctx, i.year, i.scheme, i.weights);
    },
    async listAdjustments(input) {
      const i = ctx.check('listAdjustments', input);
      return listAdjustmentsSync(ctx, i.year, i.scheme);
    },
    async addAdjustment(input) {
      return addAdjustmentSync(ctx, withTarget(ctx.check('addAdjustment', input)));
    },
    async removeAdjustment(input) {
      removeAdjustmentSync(ctx, ctx.check('removeAdjustment', input));
    },
    async listVetoes(input) {
      const i = ctx.check('listVetoes', input);
      return listVetoesSync(ctx, i.year, i.scheme);
    },
    async setVeto(input) {
      setVetoSync(ctx, withTarget(ctx.check('setVeto', input)));
    },
    async removeVeto(input) {
      removeVetoSync(ctx, withTarget(ctx.check('removeVeto', input)));
    },
    async gradeHistory(input) {
      const i = withTarget(ctx.check('gradeHistory', input));
      return gradeHistorySync(ctx, i.target, i.scheme);
    },
    async listSalaryInputs(input) {
      return listSalaryInputsSync(ctx, ctx.check('listSalaryInputs', input).year);
    },
    async setSalaryInput(input) {
      const i = ctx.check('setSalaryInput', input);
      setSalaryInputSync(ctx, i.year, withTarget(i.input), i.reason);
    },
    async removeSalaryInput(input) {
      const i = withTarget(ctx.check('removeSalaryInput', input));
      removeSalaryInputSync(ctx, i.year, i.person, i.target, i.reason);
    },
    async computeSalary(input) {
      return computeSalarySync(ctx, ctx.check('computeSalary', input).year);
    },
    async allocate(input) {
      return allocateSync(ctx, ctx.check('allocate', input));
    },
    async listPayTotals(input) {
      return listPayTotalsSync(ctx, ctx.check('listPayTotals', input).year);
    },
    async setPayTotal(input) {
      return setPayTotalSync(ctx, ctx.check('setPayTotal', input));
    },
    async computePayTotals(input) {
      const i = ctx.check('computePayTotals', input);
      return computePayTotalsSync(ctx, i.year, i.scheme);
    },
    async listSurplus(input) {
      return listSurplusSync(ctx, ctx.check('listSurplus', input).year);
    },
    async splitSurplus(input) {
      return splitSurplusSync(ctx, ctx.check('splitSurplus', input));
    },
    async termAppraisal(input) {
      return termAppraisalSync(ctx, ctx.check('termAppraisal', input));
    },
    async getTermSettings(input?: unknown) {
      ctx.check('getTermSettings', input);
      return getTermSettingsSync(ctx);
    },
    async saveTermSettings(input) {
      return saveTermSettingsSync(ctx, ctx.check('saveTermSettings', input));
    },
    async resultUses(input) {
      return resultUsesSync(ctx, ctx.check('resultUses', input).year);
    },
    async getAllocation(input) {
      const i = ctx.check('getAllocation', input);
      return getAllocationSync(ctx, i.year, i.scheme);
    },
    async lock(input) {
      const i = ctx.check('lock', input);
      return lockSync(ctx, i.year, i.scheme);
    },
    async unlock(input) {
      const i = ctx.check('unlock', input);
      unlockSync(ctx, i.year, i.scheme, i.reason);
    },
    verifyWorkbook: (input) => delegated.verifyWorkbook(input),
    downloadTargetsTemplate: (input) => delegated.downloadTargetsTemplate(input),
    async audit(input) {
      return auditSync(ctx, ctx.check('audit', input ?? {}));
    },
    // Workbooks and templates: electron/services/excel.ts and templates.ts.
    importTargets: (input) => delegated.importTargets(input),
    exportSchemeXlsx: (input) => delegated.exportSchemeXlsx(input),
    importSchemeXlsx: (input) => delegated.importSchemeXlsx(input),
    downloadTemplate: (input) => delegated.downloadTemplate(input),
    importValues: (input, opts?: LongCallOptions) => delegated.importValues(input, opts),
    markedCopy: (input) => delegated.markedCopy(input),
    importSalary: (input) => delegated.importSalary(input),
    exportResults: (input, opts?: LongCallOptions) => delegated.exportResults(input, opts),
    exportResultUses: (input) => delegated.exportResultUses(input),
    listTemplates: () => delegated.listTemplates(),
    useTemplate: (input) => delegated.useTemplate(input),
  };

  const services: Services = {
    ...api,
    ctx,
    tx: (fn) => ctx.tx(fn),
    appendAudit: (e) => ctx.audit(e),
    assertUnlocked: (year, scheme) => ctx.assertUnlocked(year, scheme),
    writeValues: (input) => writeValues(ctx, input),
    recordImport: (input) => recordImport(ctx, input),
    updateImportOutcome: (id, outcome) => updateImportOutcome(ctx, id, outcome),
    findImportBySha: (hash) => findImportBySha(ctx, hash),
    loadScoreInput: (year, scheme) => loadScoreInput(ctx, year, scheme),
    savedAllocation: (year, scheme) => savedAllocation(ctx, year, scheme),
    backupTo: (out) => backupAsync(ctx, out),
    restoreFrom: (file) => restoreAsync(ctx, file),
    inspectBackupFile: async (file) => inspectFile(file),
    close: () => ctx.store.close(),
  };
  const delegated = delegatedMethods(services);
  return services;
}

export type { ServiceContext } from './context';
export { ApiError };
