/**
 * The one API contract of the workstation: method names, inputs and results.
 * The service layer (electron/services) implements it; the Electron preload (window.api), the
 * local web host (HTTP) and the CLI all call it; the renderer only sees `AppraisalApi`.
 *
 * Inputs are plain JSON. Every input is checked against `apiInputSchemas` (zod, in
 * shared/api/schemas.ts) before it reaches a service, on every transport.
 * Errors cross transports as `ApiErrorShape` (code + Chinese message + places).
 */
import type { Adjustment, Flag, Problem, Scheme, SchemeResult, Target, TargetKind, Value } from '../domain/types';
import type { ApiInputOf } from './schemas';

/** Error codes map to CLI exit codes: INPUT → 2, LOCKED → 3, everything else → 1. */
/** BUSY: another window or program is writing the database; nothing was done (retry later). */
export type ApiErrorCode = 'INPUT' | 'LOCKED' | 'NOT_FOUND' | 'DB' | 'INTERNAL' | 'BUSY';
export interface ApiErrorShape {
  code: ApiErrorCode;
  message: string;
  /** Places for input errors: field paths, node codes, or sheet/cell for workbooks. */
  problems?: Problem[];
  /** Workbook import errors, as cli.md's values import --json. */
  errors?: ImportIssue[];
  warnings?: ImportIssue[];
}

export interface ImportIssue {
  sheet: string;
  cell: string;
  target: string;
  indicator: string;
  value: string;
  message: string;
}

export interface Settings {
  countyName: string;
  appraiserName: string;
  dataFolder: string;
  dbPath: string;
  /** True while the demo database (示例县) is open instead of the real one. */
  isDemo: boolean;
}

/** A backup file in <dataFolder>/备份/, named by the program (no paths cross the page API). */
export interface BackupInfo {
  name: string;
  /** Bytes. */
  size: number;
  /** Last written, ISO time. */
  at: string;
  /** backup: 立即备份; safety: made before a restore; upload: a file the user uploaded to restore. */
  kind: 'backup' | 'safety' | 'upload' | 'other';
}

/** What a backup file holds, shown before a restore replaces anything (inspectBackup, restore --dry-run). */
export interface BackupSummary {
  /** The file's name (no folder). */
  file: string;
  size: number;
  schemaVersion: number;
  county: string;
  years: number[];
  schemes: { year: number; code: string; name: string; locked: boolean }[];
  counts: { targets: number; schemes: number; values: number; salaryInputs: number; auditEntries: number };
  /** The newest audit entry's time (ISO), or null when the file has none. */
  newestChange: string | null;
}

/** A saved target and what deserves a second look (e.g. the same name twice in one group). */
export interface SavedTarget extends Target {
  warnings: string[];
}

/**
 * The outcome of verifying a finance workbook. `status`: match — the workbook is what the lock in
 * the store holds; unlocked — the scheme/year was unlocked since; relocked — locked again with other
 * data; different — its cells differ from the locked data; not-locked — exported before 定稿 (no
 * fingerprint); foreign — not a finance workbook of this program; unknown — the store has no such
 * scheme/year.
 */
export interface WorkbookVerification {
  ok: boolean;
  status: 'match' | 'unlocked' | 'relocked' | 'different' | 'not-locked' | 'foreign' | 'unknown';
  /** In Chinese, for people. */
  message: string;
  year: number | null;
  scheme: string | null;
  fingerprint: string | null;
  lockedAt: string | null;
  /** First differing cells (sheet!cell, the workbook's value, the locked value), at most 20. */
  differences: { cell: string; workbook: string; locked: string }[];
}

export type SchemeState = 'draft' | 'collecting' | 'scored' | 'locked';
export interface SchemeSummary {
  year: number;
  code: string;
  name: string;
  targetKind: TargetKind;
  state: SchemeState;
  valid: boolean;
  problems: number;
  targets: number;
  leaves: number;
  missing: number;
  na: number;
  publicWelfareShare: string;
  /** Change of the public-welfare share from the same scheme code last year, or null. */
  publicWelfareShareChange: string | null;
  lockedAt: string | null;
}

export interface ValueCell {
  target: string;
  indicator: string;
  value: Value;
  enteredBy: string | null;
  enteredAt: string | null;
  importId: number | null;
}

export interface ValueHistoryEntry {
  at: string;
  who: string;
  old: Value;
  new: Value;
  reason: string | null;
  importId: number | null;
}

export interface AdjustmentRow extends Adjustment {
  id: number;
  createdAt: string;
  createdBy: string;
  /** addAdjustment only: said when the target's bonus points now exceed the scheme's cap (the cap counts). */
  warning?: string;
}

export interface VetoRow {
  target: string;
  reason: string;
  createdAt: string;
  createdBy: string;
}

export interface SalaryInput {
  person: string;
  role: string;
  target: string;
  scheme: string;
  /** Decimal strings (yuan). */
  base: string;
  performanceBase: string;
  months: number;
  cap: string | null;
  /** 发放主体 set by hand: 县财政 or a medical group's code; null/absent = the default (finance.md). */
  payer?: string | null;
}

export interface SalaryLine {
  person: string;
  role: string;
  target: string;
  scheme: string;
  months: number;
  base: string;
  performanceBase: string;
  k: string;
  performancePay: string;
  annual: string;
  pay: string;
  payInWords: string;
  flags: Flag[];
  /** Set when the line could not be computed (e.g. the target has no result); pay fields are then "". */
  error?: string;
  /** 发放主体: 县财政 or a medical group's code (finance.md); set by computeSalary. */
  payer?: string;
}

export interface AllocationPart {
  target: string;
  name: string;
  total: string;
  factor: string;
  amount: string;
}
export interface Allocation {
  year: number;
  scheme: string;
  amount: string;
  parts: AllocationPart[];
  sum: string;
  excludedGrades: string[];
}

/** A group's stored 绩效工资总量 inputs for a year (finance.md). Amounts are 2-decimal strings. */
export interface PayTotalInputRow {
  year: number;
  target: string;
  name: string;
  proposed: string;
  benchmark: string;
  multiple: string;
  excluded: string;
  updatedAt: string;
  updatedBy: string;
}

export interface PayTotalLine {
  target: string;
  name: string;
  /** The group's k from the scheme's salary rule (a veto → "0"). */
  k: string;
  proposed: string;
  benchmark: string;
  multiple: string;
  /** round_fen(M·R). */
  cap: string;
  /** round_fen(T·k). */
  adjusted: string;
  approved: string;
  excluded: string;
  available: string;
  flags: Flag[];
}

export interface PayTotalReport {
  year: number;
  scheme: string;
  groups: PayTotalLine[];
}

export interface SurplusPartShape {
  amount: string;
  development: string;
  staff: string;
}

/** A group's stored 医保结余 split for a year (finance.md, seed 000 第20条). */
export interface SurplusRecord {
  year: number;
  target: string;
  name: string;
  amount: string;
  development: string;
  staff: string;
  /** The development:staff ratio used, e.g. ["40", "60"]. */
  split: string[];
  /** The county:township:village ratio, e.g. ["6", "3", "1"], or null (no per-capita package). */
  tierRatio: string[] | null;
  tiers: { county: SurplusPartShape; township: SurplusPartShape; village: SurplusPartShape } | null;
  reason: string;
  updatedAt: string;
  updatedBy: string;
}

export interface TermYearRow {
  year: number;
  total: string | null;
  grade: string | null;
  rank: number | null;
  failed: boolean;
}

/** 任期目标考核 of one target under one scheme code over from..to (finance.md). */
export interface TermReport {
  target: string;
  name: string;
  scheme: string;
  from: number;
  to: number;
  failLimit: number;
  years: TermYearRow[];
  average: string | null;
  failYears: number;
  flags: Flag[];
}

/** The county's term settings (county practice, not the seeds). */
export interface TermSettings {
  /** Failing years within a term that flag TERM_FAIL; default 2. */
  failLimit: number;
  /** Length of a term in years, ending with the year shown; default 3. */
  years: number;
}

/** One consequence a result has (考核结果运用). */
export interface ResultUseRow {
  scheme: string;
  schemeName: string;
  target: string;
  name: string;
  kind: string;
  total: string | null;
  grade: string | null;
  flags: Flag[];
  /** What the flag means, quoting the document where one says it. */
  consequence: string;
  /** Document number and article. */
  source: string;
}

/** What each scheme's results feed this year. */
export interface ResultFeed {
  scheme: string;
  schemeName: string;
  targetKind: string;
  /** Salary lines computed from this scheme. */
  salaryLines: number;
  /** Groups with 绩效工资总量 inputs appraised by this scheme. */
  payTotals: number;
  /** A fund allocation saved for this scheme, its amount; null when none. */
  allocation: string | null;
  /** Targets with 任免-related flags (REPEATED_FAIL, TERM_FAIL). */
  appointmentFlags: number;
  locked: boolean;
}

export interface ResultUseReport {
  year: number;
  termFrom: number;
  termTo: number;
  failLimit: number;
  feeds: ResultFeed[];
  rows: ResultUseRow[];
  /** The term (termFrom..termTo) of every group appraised this year, by group scheme. */
  terms: TermReport[];
  /** Schemes that could not be read (invalid …), with why. */
  problems: string[];
}

/** The allocation last made (资金分配), as stored, and whether it is out of date. */
export interface StoredAllocation extends Allocation {
  /** The factors it was made with (null: every factor 1). */
  factors: Record<string, string> | null;
  at: string;
  who: string;
  /**
   * Why allocating the same amount, grades and factors again now would give other parts (totals,
   * grades, vetoes or targets changed since); empty when it is up to date.
   */
  outdated: string[];
}

export interface AuditEntry {
  id: number;
  at: string;
  who: string;
  action: string;
  entity: string;
  key: string;
  old: string | null;
  new: string | null;
  reason: string | null;
}

export interface ImportOutcome {
  importId: number | null;
  written: number;
  errors: ImportIssue[];
  warnings: ImportIssue[];
  /** Value imports: what the import does (dry run) or did, counted from the file against the store. */
  counts?: ImportCounts;
  /** Value imports: the same for the 上年数 (growth baselines) in the file. */
  baselines?: ImportCounts;
  mode?: ValueImportMode;
}

/**
 * excel.md "Import semantics": values new (nothing stored before), changed, unchanged (the file
 * says what is stored) and cleared (replace mode: a blank cell where a value was stored).
 */
export interface ImportCounts {
  new: number;
  changed: number;
  unchanged: number;
  cleared: number;
}

/** merge 合并 (default): a blank cell changes nothing; replace 整表替换: a blank cell of a listed target clears. */
export type ValueImportMode = 'merge' | 'replace';

/** A kept import file (without its bytes), newest first in listImports. */
export interface ImportRecord {
  id: number;
  kind: string;
  fileName: string;
  sha256: string;
  at: string;
  who: string;
  year: number | null;
  scheme: string | null;
  /** imported, rejected, undone (撤销), or pending (interrupted). */
  status: string;
  written: number | null;
  counts: ImportCounts | null;
  mode: ValueImportMode | null;
  errors: number;
  undoneAt: string | null;
  undoneBy: string | null;
}

/**
 * The 上年数 of a growth indicator for a target (excel.md "Last year's value"): the kept baseline,
 * last year's stored value, and which one growth uses (last year's stored value when there is one).
 */
export interface BaselineCell {
  target: string;
  indicator: string;
  /** The kept 上年数 (missing when none was entered). */
  kept: Value;
  /** Last year's stored value of the same scheme code (null: no value stored last year). */
  previous: Value | null;
  /** What growth compares with. */
  used: Value;
  source: 'previous' | 'kept' | 'none';
  enteredBy: string | null;
  enteredAt: string | null;
  importId: number | null;
}

export interface TemplateInfo {
  name: string;
  title: string;
  targetKind: TargetKind;
  indicators: number;
  description: string;
}

/** Binary payloads cross every transport as base64 text. */
export interface FilePayload {
  fileName: string;
  base64: string;
}

/**
 * Progress of long work (workbooks: imports, exports, checks), as a service reports it: units
 * (rows, cells) done of `total` (0 while not known yet) in the named Chinese stage (读取工作簿, 校验,
 * 写入, 写出 …). Transports turn it into ProgressEvents (shared/api/shell.ts progressFields).
 */
export interface ProgressReport {
  done: number;
  total: number;
  stage: string;
}

/**
 * What a long method (shared/api/methods.ts METHOD_TABLE, `long`) takes beside its input where it
 * runs in-process (the worker, the web host's dispatcher, the CLI): a progress hook. Pages never
 * pass it; their transport delivers the same reports as progress events.
 */
export interface LongCallOptions {
  onProgress?: (p: ProgressReport) => void;
}

/**
 * The API: every method's input type is what its zod schema accepts (shared/api/schemas.ts,
 * `z.input`), written once there; results are typed here.
 */
export interface AppraisalApi {
  // 设置
  getSettings(): Promise<Settings>;
  saveSettings(input: ApiInputOf<'saveSettings'>): Promise<Settings>;
  /** Always into <dataFolder>/备份/ with a timestamped name (a page never names a path). */
  backup(input?: ApiInputOf<'backup'>): Promise<{ path: string; name: string }>;
  listBackups(): Promise<BackupInfo[]>;
  /** The current data is first copied to a safety backup in <dataFolder>/备份/. */
  restore(input: ApiInputOf<'restore'>): Promise<{ restoredFrom: string; safetyBackup: string }>;
  /**
   * Checks a backup as restore would (a database this program wrote, integrity check ok) and says
   * what it holds, changing nothing: the page shows it before asking to confirm a restore.
   */
  inspectBackup(input: ApiInputOf<'inspectBackup'>): Promise<BackupSummary>;
  /** A listed backup's bytes, to save elsewhere (a USB stick) through a download or save dialog. */
  downloadBackup(input: ApiInputOf<'downloadBackup'>): Promise<FilePayload>;
  /**
   * Opens the demo database (示例县) beside the real one, creating it on first use; the real data
   * is not touched. Everything after this call works on the demo until openMainDatabase.
   */
  openDemo(): Promise<{ settings: Settings; created: boolean }>;
  openMainDatabase(): Promise<Settings>;

  // 概览
  listYears(): Promise<number[]>;
  listSchemes(input: ApiInputOf<'listSchemes'>): Promise<SchemeSummary[]>;

  // 考核对象
  /**
   * Every target (with its years), or with `year` only those appraised that year; with `year` and
   * `scheme` the scheme's roster that year — for a locked scheme/year the roster it was locked
   * with (names and groups as they were). `includeInactive` is deprecated and ignored.
   */
  listTargets(input: ApiInputOf<'listTargets'>): Promise<Target[]>;
  /** Add or update; codes are unique without regard to case. Warnings (same name in the same group) do not stop it. */
  saveTarget(input: ApiInputOf<'saveTarget'>): Promise<SavedTarget>;
  /** The target is no longer appraised from year `from` on (终止年度 = from − 1); earlier and locked years keep it. Audited. */
  retireTarget(input: ApiInputOf<'retireTarget'>): Promise<SavedTarget>;
  importTargets(input: ApiInputOf<'importTargets'>, opts?: LongCallOptions): Promise<ImportOutcome>;
  /** The 考核对象 workbook as a template (with 起始年度 / 终止年度): every registered target, or none with `empty`. */
  downloadTargetsTemplate(input: ApiInputOf<'downloadTargetsTemplate'>): Promise<FilePayload>;

  // 指标体系
  getScheme(input: ApiInputOf<'getScheme'>): Promise<Scheme>;
  /** Add or replace; an invalid scheme is saved as a draft and its problems returned. */
  /** strict: refuse an invalid scheme (ApiError INPUT with its problems) instead of saving a draft. */
  /**
   * Adds or replaces a scheme. `renames` (old indicator code → new) carries stored values to
   * changed codes; without it a changed code is recognised by the leaf's name or place, or the save
   * is refused (INPUT) where it cannot be told from a replacement. `renamed` lists what moved.
   */
  saveScheme(input: ApiInputOf<'saveScheme'>): Promise<{
    code: string;
    problems: Problem[];
    renamed?: { from: string; to: string; by: 'named' | 'name' | 'place'; values: number }[];
  }>;
  checkScheme(input: ApiInputOf<'checkScheme'>): Promise<Problem[]>;
  /** Warnings that do not stop scoring: peer methods with fewer than 3 targets taking part (FEW_PEERS). */
  schemeWarnings(input: ApiInputOf<'schemeWarnings'>): Promise<Problem[]>;
  copySchemes(input: ApiInputOf<'copySchemes'>): Promise<{ copied: string[] }>;
  deleteScheme(input: ApiInputOf<'deleteScheme'>): Promise<void>;
  exportSchemeXlsx(input: ApiInputOf<'exportSchemeXlsx'>): Promise<FilePayload>;
  importSchemeXlsx(input: ApiInputOf<'importSchemeXlsx'>): Promise<{ code: string; problems: Problem[] }>;
  listTemplates(): Promise<TemplateInfo[]>;
  useTemplate(input: ApiInputOf<'useTemplate'>): Promise<{ code: string }>;

  // 数据采集
  getValues(input: ApiInputOf<'getValues'>): Promise<ValueCell[]>;
  /** text: a number, a grade label, "N/A"/不适用…, or "" for missing. */
  setValue(input: ApiInputOf<'setValue'>): Promise<ValueCell>;
  /** A pasted block: all or nothing. */
  setValues(input: ApiInputOf<'setValues'>): Promise<{ written: number }>;
  valueHistory(input: ApiInputOf<'valueHistory'>): Promise<ValueHistoryEntry[]>;
  downloadTemplate(input: ApiInputOf<'downloadTemplate'>, opts?: LongCallOptions): Promise<FilePayload>;
  /** dryRun: check and report without writing (the preview). mode: merge (default) or replace. */
  importValues(input: ApiInputOf<'importValues'>, opts?: LongCallOptions): Promise<ImportOutcome>;
  markedCopy(input: ApiInputOf<'markedCopy'>, opts?: LongCallOptions): Promise<FilePayload>;
  /** Kept import files, newest first (no bytes). */
  listImports(input: ApiInputOf<'listImports'>): Promise<ImportRecord[]>;
  /**
   * Undoes a value import as one step: every value (and 上年数) it wrote goes back to what it was
   * before. Refused when the scheme/year is locked, and when any of those values has been changed
   * since (nothing is then changed).
   */
  undoImport(
    input: ApiInputOf<'undoImport'>,
  ): Promise<{ importId: number; restored: number; baselinesRestored: number }>;
  /** The 上年数 of every growth indicator and target that has one (kept or last year's). */
  getBaselines(input: ApiInputOf<'getBaselines'>): Promise<BaselineCell[]>;
  /** Sets a kept 上年数 (text: a number, N/A, or "" to remove it). */
  setBaseline(input: ApiInputOf<'setBaseline'>): Promise<BaselineCell>;

  // 考核结果
  score(input: ApiInputOf<'score'>): Promise<SchemeResult>;
  /** Weights override by leaf code; nothing is saved. */
  whatIf(input: ApiInputOf<'whatIf'>): Promise<SchemeResult>;
  listAdjustments(input: ApiInputOf<'listAdjustments'>): Promise<AdjustmentRow[]>;
  addAdjustment(input: ApiInputOf<'addAdjustment'>): Promise<AdjustmentRow>;
  removeAdjustment(input: ApiInputOf<'removeAdjustment'>): Promise<void>;
  listVetoes(input: ApiInputOf<'listVetoes'>): Promise<VetoRow[]>;
  setVeto(input: ApiInputOf<'setVeto'>): Promise<void>;
  removeVeto(input: ApiInputOf<'removeVeto'>): Promise<void>;
  gradeHistory(input: ApiInputOf<'gradeHistory'>): Promise<{ year: number; grade: string; total: string }[]>;

  // 年薪核算与资金分配
  listSalaryInputs(input: ApiInputOf<'listSalaryInputs'>): Promise<SalaryInput[]>;
  setSalaryInput(input: ApiInputOf<'setSalaryInput'>): Promise<void>;
  removeSalaryInput(input: ApiInputOf<'removeSalaryInput'>): Promise<void>;
  importSalary(input: ApiInputOf<'importSalary'>, opts?: LongCallOptions): Promise<ImportOutcome>;
  computeSalary(input: ApiInputOf<'computeSalary'>): Promise<SalaryLine[]>;
  allocate(input: ApiInputOf<'allocate'>): Promise<Allocation>;
  /** The stored allocation of (year, scheme), marked out of date when the results changed since; null when none. */
  getAllocation(input: ApiInputOf<'getAllocation'>): Promise<StoredAllocation | null>;
  exportResults(input: ApiInputOf<'exportResults'>, opts?: LongCallOptions): Promise<FilePayload>;

  // 绩效工资总量、医保结余、任期考核、考核结果运用 (finance.md)
  listPayTotals(input: ApiInputOf<'listPayTotals'>): Promise<PayTotalInputRow[]>;
  setPayTotal(input: ApiInputOf<'setPayTotal'>): Promise<PayTotalInputRow>;
  computePayTotals(input: ApiInputOf<'computePayTotals'>): Promise<PayTotalReport>;
  listSurplus(input: ApiInputOf<'listSurplus'>): Promise<SurplusRecord[]>;
  /** split e.g. "40:60" (default), tiers e.g. "6:3:1" (absent: no per-capita tiers). Stored per group and year. */
  splitSurplus(input: ApiInputOf<'splitSurplus'>): Promise<SurplusRecord>;
  termAppraisal(input: ApiInputOf<'termAppraisal'>): Promise<TermReport>;
  getTermSettings(): Promise<TermSettings>;
  saveTermSettings(input: ApiInputOf<'saveTermSettings'>): Promise<TermSettings>;
  resultUses(input: ApiInputOf<'resultUses'>): Promise<ResultUseReport>;
  exportResultUses(input: ApiInputOf<'exportResultUses'>): Promise<FilePayload>;

  // 定稿
  lock(input: ApiInputOf<'lock'>): Promise<{ fingerprint: string; lockedAt: string }>;
  unlock(input: ApiInputOf<'unlock'>): Promise<void>;
  /** Checks an exported finance workbook against the lock in the store (数据指纹核验). */
  verifyWorkbook(input: ApiInputOf<'verifyWorkbook'>, opts?: LongCallOptions): Promise<WorkbookVerification>;

  // 操作日志
  /**
   * Audit entries, oldest first unless `order: 'newest'`; `beforeId` (with newest) gives the next
   * page: entries older than that id. `limit` is the page size.
   */
  audit(input: ApiInputOf<'audit'>): Promise<AuditEntry[]>;
}

export type ApiMethod = keyof AppraisalApi;
