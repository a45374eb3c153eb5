/**
 * 工作簿与模板: the contract methods implemented by the workbook service (excel.ts), the built-in
 * templates (templates.ts) and the finance-workbook check (verify.ts). They compose other contract
 * methods (called with their inputs checked) and the building blocks (kit.ts), so they get those,
 * not the whole services.
 */
import { buildTargetsTemplate } from '../../excel/lists-import';
import { excelHandlers, fromPayload, toPayload, type ExcelMethod } from '../excel';
import type { WorkbookServices } from '../kit';
import { listTemplates, useTemplate } from '../templates';
import { verifyWorkbookBytes } from '../verify';
import type { Handlers } from './handler';

type WorkbookMethod = ExcelMethod | 'listTemplates' | 'useTemplate' | 'verifyWorkbook' | 'downloadTargetsTemplate';

export function workbookHandlers(services: WorkbookServices): Handlers<WorkbookMethod> {
  return {
    ...excelHandlers(services),
    async listTemplates() {
      return listTemplates();
    },
    async downloadTargetsTemplate(i) {
      const settings = await services.getSettings();
      const targets = i.empty ? [] : await services.listTargets({});
      const wb = buildTargetsTemplate(targets, settings.countyName);
      const bytes = Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
      return toPayload(`${settings.countyName}考核对象名单.xlsx`, bytes);
    },
    async verifyWorkbook(i, opts) {
      return verifyWorkbookBytes(services, fromPayload(i.file), opts?.onProgress);
    },
    async useTemplate(i) {
      return useTemplate(services, i.name, i.year, i.code);
    },
  };
}
