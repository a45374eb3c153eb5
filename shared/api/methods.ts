/**
 * The contract's method table as runtime data, for the transports (IPC preload, dispatcher, HTTP
 * host, renderer transport): every method of `AppraisalApi` once, with whether it is long work and
 * the message its progress starts with. Each method's input schema is `apiInputSchemas[method]`
 * (schemas.ts, checked complete against the same `ApiMethod` type); its TypeScript signature is
 * `AppraisalApi` (contract.ts). `satisfies` fails the build if a method is missing or unknown here.
 */
import type { ApiMethod } from './contract';

export interface MethodInfo {
  /**
   * Long work (workbooks): run off the main thread with progress events; the text is the first
   * progress message the user sees.
   */
  readonly long?: string;
}

export const METHOD_TABLE = {
  getSettings: {},
  saveSettings: {},
  backup: {},
  restore: {},
  inspectBackup: {},
  listBackups: {},
  downloadBackup: {},
  openDemo: {},
  openMainDatabase: {},
  listYears: {},
  listSchemes: {},
  listTargets: {},
  saveTarget: {},
  retireTarget: {},
  importTargets: { long: '正在读取考核对象工作簿…' },
  downloadTargetsTemplate: {},
  getScheme: {},
  saveScheme: {},
  checkScheme: {},
  schemeWarnings: {},
  copySchemes: {},
  deleteScheme: {},
  exportSchemeXlsx: {},
  importSchemeXlsx: {},
  listTemplates: {},
  useTemplate: {},
  getValues: {},
  setValue: {},
  setValues: {},
  valueHistory: {},
  downloadTemplate: { long: '正在生成数据采集模板…' },
  importValues: { long: '正在读取并校验数据工作簿…' },
  markedCopy: { long: '正在生成标红副本…' },
  listImports: {},
  undoImport: {},
  getBaselines: {},
  setBaseline: {},
  score: {},
  whatIf: {},
  listAdjustments: {},
  addAdjustment: {},
  removeAdjustment: {},
  listVetoes: {},
  setVeto: {},
  removeVeto: {},
  gradeHistory: {},
  listSalaryInputs: {},
  setSalaryInput: {},
  removeSalaryInput: {},
  importSalary: { long: '正在读取年薪工作簿…' },
  computeSalary: {},
  allocate: {},
  getAllocation: {},
  exportResults: { long: '正在生成考核结果工作簿…' },
  listPayTotals: {},
  setPayTotal: {},
  computePayTotals: {},
  listSurplus: {},
  splitSurplus: {},
  termAppraisal: {},
  getTermSettings: {},
  saveTermSettings: {},
  resultUses: {},
  exportResultUses: {},
  lock: {},
  unlock: {},
  verifyWorkbook: { long: '正在核验财政报表的数据指纹…' },
  audit: {},
} as const satisfies Record<ApiMethod, MethodInfo>;

type Table = typeof METHOD_TABLE;

/** Every method name, in the table's order. */
export const API_METHODS = Object.keys(METHOD_TABLE) as ApiMethod[];

/** Work heavy enough (workbooks) to run off the main thread, with progress events. */
export type LongMethod = { [M in keyof Table]: Table[M] extends { long: string } ? M : never }[keyof Table];
export const LONG_METHODS = API_METHODS.filter((m) => 'long' in METHOD_TABLE[m]) as LongMethod[];

/** The first progress message of a long method. */
export function longStartMessage(method: LongMethod): string {
  return (METHOD_TABLE[method] as MethodInfo).long!;
}

const methodSet: ReadonlySet<string> = new Set(API_METHODS);
const longSet: ReadonlySet<string> = new Set(LONG_METHODS);

export function isApiMethod(name: unknown): name is ApiMethod {
  return typeof name === 'string' && methodSet.has(name);
}

export function isLongMethod(name: unknown): name is LongMethod {
  return typeof name === 'string' && longSet.has(name);
}
