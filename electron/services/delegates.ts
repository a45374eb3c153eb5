/**
 * The contract methods implemented by the workbook service (excel.ts) and the built-in templates
 * (templates.ts), bound to these services. Each checks its input like every other method.
 */
import type { AppraisalApi } from '../../shared/api/contract';
import { excelApi, type ExcelMethods } from './excel';
import type { Services } from './index';
import { listTemplates, useTemplate } from './templates';
import { fromPayload, toPayload, type LongCallOptions } from './excel';
import { buildTargetsTemplate } from '../excel/lists-import';
import { verifyWorkbookBytes } from './verify';

type Delegated = Pick<
  AppraisalApi,
  | 'importTargets'
  | 'exportSchemeXlsx'
  | 'importSchemeXlsx'
  | 'downloadTemplate'
  | 'markedCopy'
  | 'importSalary'
  | 'exportResultUses'
  | 'listTemplates'
  | 'useTemplate'
  | 'verifyWorkbook'
  | 'downloadTargetsTemplate'
> &
  Pick<ExcelMethods, 'importValues' | 'exportResults'>;

export function delegatedMethods(services: Services): Delegated {
  return {
    ...excelApi(services),
    async listTemplates(input?: unknown) {
      services.ctx.check('listTemplates', input);
      return listTemplates();
    },
    async downloadTargetsTemplate(input) {
      const i = services.ctx.check('downloadTargetsTemplate', input);
      const settings = await services.getSettings();
      const targets = i.empty ? [] : await services.listTargets({});
      const wb = buildTargetsTemplate(targets, settings.countyName);
      const bytes = Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
      return toPayload(`${settings.countyName}考核对象名单.xlsx`, bytes);
    },
    async verifyWorkbook(input, opts?: LongCallOptions) {
      const i = services.ctx.check('verifyWorkbook', input);
      return verifyWorkbookBytes(services, fromPayload(i.file), opts?.onProgress);
    },
    async useTemplate(input) {
      const i = services.ctx.check('useTemplate', input);
      return useTemplate(services, i.name, i.year, i.code);
    },
  };
}
