/**
 * 工作簿与模板: the contract's workbook methods — value, targets, salary and scheme workbooks in and
 * out, the collection template, the marked copy, the finance workbook and 考核结果运用
 * (services/workbooks/), the built-in templates (templates.ts) and the finance-workbook check
 * (verify.ts). Each flow declares the few contract methods and building blocks (kit.ts) it uses;
 * these handlers are given what all of them use together (the full services satisfy it).
 */
import type { AppraisalApi } from '../../../shared/api/contract';
import { listTemplates, useTemplate } from '../templates';
import { verifyWorkbookBytes, type VerifyDeps } from '../verify';
import { templateBytes, type TemplateDeps } from '../workbooks/collection-template';
import { exportResultsBytes, resultUsesBytes, type FinanceInputDeps } from '../workbooks/finance-export';
import {
  importSalaryBytes,
  importTargetsBytes,
  targetsTemplateBytes,
  type SalaryImportDeps,
  type TargetsImportDeps,
} from '../workbooks/list-import';
import { fromPayload, toPayload } from '../workbooks/payload';
import { exportSchemeBytes, importSchemeBytes } from '../workbooks/scheme-files';
import { importValuesBytes, markedCopyBytes, type ValueImportDeps } from '../workbooks/value-import';
import type { Handlers } from './handler';

type WorkbookMethod =
  | 'importTargets'
  | 'downloadTargetsTemplate'
  | 'importSalary'
  | 'exportSchemeXlsx'
  | 'importSchemeXlsx'
  | 'downloadTemplate'
  | 'importValues'
  | 'markedCopy'
  | 'exportResults'
  | 'exportResultUses'
  | 'verifyWorkbook'
  | 'listTemplates'
  | 'useTemplate';

/** What the workbook flows use, all together. */
export type WorkbookDeps = ValueImportDeps &
  TargetsImportDeps &
  SalaryImportDeps &
  TemplateDeps &
  FinanceInputDeps &
  VerifyDeps &
  Pick<AppraisalApi, 'saveScheme' | 'listSchemes' | 'resultUses'>;

export function workbookHandlers(deps: WorkbookDeps): Handlers<WorkbookMethod> {
  return {
    async importTargets(i) {
      return importTargetsBytes(deps, { fileName: i.file.fileName, bytes: fromPayload(i.file) });
    },
    async downloadTargetsTemplate(i) {
      return targetsTemplateBytes(deps, i);
    },
    async importSalary(i) {
      return importSalaryBytes(deps, { year: i.year, fileName: i.file.fileName, bytes: fromPayload(i.file) });
    },
    async exportSchemeXlsx(i) {
      return exportSchemeBytes(deps, i);
    },
    async importSchemeXlsx(i) {
      return importSchemeBytes(deps, { fileName: i.file.fileName, bytes: fromPayload(i.file), year: i.year });
    },
    async downloadTemplate(i) {
      return templateBytes(deps, i);
    },
    async importValues(i, opts) {
      return importValuesBytes(deps, {
        year: i.year,
        scheme: i.scheme,
        fileName: i.file.fileName,
        bytes: fromPayload(i.file),
        dryRun: i.dryRun,
        mode: i.mode,
        onProgress: opts?.onProgress,
      });
    },
    async markedCopy(i) {
      const bytes = await markedCopyBytes(deps, {
        year: i.year,
        scheme: i.scheme,
        bytes: fromPayload(i.file),
        fileName: i.file.fileName,
      });
      const base = i.file.fileName.replace(/\.xlsx$/i, '');
      return toPayload(`${base}（错误已标红）.xlsx`, bytes);
    },
    async exportResults(i, opts) {
      return exportResultsBytes(deps, i, opts?.onProgress);
    },
    async exportResultUses(i) {
      return resultUsesBytes(deps, i);
    },
    async verifyWorkbook(i, opts) {
      return verifyWorkbookBytes(deps, fromPayload(i.file), opts?.onProgress);
    },
    async listTemplates() {
      return listTemplates();
    },
    async useTemplate(i) {
      return useTemplate(deps, i.name, i.year, i.code);
    },
  };
}
