/**
 * The contract methods implemented by the workbook service (excel.ts) and the built-in templates
 * (templates.ts), bound to these services. Each checks its input like every other method.
 */
import type { AppraisalApi } from '../../shared/api/contract';
import { excelApi, type ExcelMethods } from './excel';
import type { Services } from './index';
import { listTemplates, useTemplate } from './templates';

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
> &
  Pick<ExcelMethods, 'importValues' | 'exportResults'>;

export function delegatedMethods(services: Services): Delegated {
  return {
    ...excelApi(services),
    async listTemplates(input?: unknown) {
      services.ctx.check('listTemplates', input);
      return listTemplates();
    },
    async useTemplate(input) {
      const i = services.ctx.check('useTemplate', input);
      return useTemplate(services, i.name, i.year, i.code);
    },
  };
}
