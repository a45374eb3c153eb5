/**
 * The contract's method names as runtime data, for the transports (IPC preload, IPC dispatcher,
 * HTTP host, renderer transport). The type checks below fail the build if this list and
 * `AppraisalApi` ever drift apart.
 */
import type { ApiMethod } from './contract';

export const API_METHODS = [
  'getSettings',
  'saveSettings',
  'backup',
  'restore',
  'inspectBackup',
  'listBackups',
  'downloadBackup',
  'openDemo',
  'openMainDatabase',
  'listYears',
  'listSchemes',
  'listTargets',
  'saveTarget',
  'retireTarget',
  'importTargets',
  'downloadTargetsTemplate',
  'getScheme',
  'saveScheme',
  'checkScheme',
  'schemeWarnings',
  'copySchemes',
  'deleteScheme',
  'exportSchemeXlsx',
  'importSchemeXlsx',
  'listTemplates',
  'useTemplate',
  'getValues',
  'setValue',
  'setValues',
  'valueHistory',
  'downloadTemplate',
  'importValues',
  'markedCopy',
  'listImports',
  'undoImport',
  'getBaselines',
  'setBaseline',
  'score',
  'whatIf',
  'listAdjustments',
  'addAdjustment',
  'removeAdjustment',
  'listVetoes',
  'setVeto',
  'removeVeto',
  'gradeHistory',
  'listSalaryInputs',
  'setSalaryInput',
  'removeSalaryInput',
  'importSalary',
  'computeSalary',
  'allocate',
  'getAllocation',
  'exportResults',
  'listPayTotals',
  'setPayTotal',
  'computePayTotals',
  'listSurplus',
  'splitSurplus',
  'termAppraisal',
  'getTermSettings',
  'saveTermSettings',
  'resultUses',
  'exportResultUses',
  'lock',
  'unlock',
  'verifyWorkbook',
  'audit',
] as const satisfies readonly ApiMethod[];

// Compile-time: every contract method is listed (an unlisted one makes this type non-empty).
type Unlisted = Exclude<ApiMethod, (typeof API_METHODS)[number]>;
const everyMethodListed: [Unlisted] extends [never] ? true : Unlisted = true;
void everyMethodListed;

/** Work heavy enough (workbooks) to run off the main thread, with progress events. */
export const LONG_METHODS = [
  'importValues',
  'exportResults',
  'importTargets',
  'importSalary',
  'downloadTemplate',
  'markedCopy',
  'verifyWorkbook',
] as const satisfies readonly ApiMethod[];
export type LongMethod = (typeof LONG_METHODS)[number];

const methodSet: ReadonlySet<string> = new Set(API_METHODS);
const longSet: ReadonlySet<string> = new Set(LONG_METHODS);

export function isApiMethod(name: unknown): name is ApiMethod {
  return typeof name === 'string' && methodSet.has(name);
}

export function isLongMethod(name: unknown): name is LongMethod {
  return typeof name === 'string' && longSet.has(name);
}
