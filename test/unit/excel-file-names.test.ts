/** Default file names of exported workbooks: no word said twice ("考核考核结果"). */
import { afterEach, describe, expect, it } from 'vitest';
import { nameWith } from '../../electron/excel/finance-workbook';
import { templateBytes } from '../../electron/services/workbooks/collection-template';
import { exportResultsBytes } from '../../electron/services/workbooks/finance-export';
import { exportSchemeBytes } from '../../electron/services/workbooks/scheme-files';
import type { Services } from '../../electron/services/index';
import { ex1Services } from './excel-fixtures';

let services: Services | null = null;
afterEach(async () => {
  await services?.close();
  services = null;
});

describe('export file names', () => {
  it('a scheme name ending in 考核 gives "…考核结果", not "…考核考核结果"', async () => {
    services = (await ex1Services()).services;
    const results = await exportResultsBytes(services, { year: 2024, scheme: 'EX' });
    expect(results.fileName).toBe('示例县2024年度示例：社区卫生服务中心年度考核结果（财政）.xlsx');
    for (const f of [
      results,
      await templateBytes(services, { year: 2024, scheme: 'EX' }),
      await exportSchemeBytes(services, { year: 2024, scheme: 'EX' }),
    ]) {
      expect(f.fileName).not.toMatch(/考核考核|年度年度/);
    }
  });

  it('joins a name and a word at their overlap only', () => {
    expect(nameWith('乡镇卫生院（社区卫生服务中心）院长年薪考核', '考核结果')).toBe(
      '乡镇卫生院（社区卫生服务中心）院长年薪考核结果',
    );
    expect(nameWith('规划指标监测（“十四五”）', '考核结果')).toBe('规划指标监测（“十四五”）考核结果');
    expect(nameWith('紧密型县域医共体监测', '考核结果')).toBe('紧密型县域医共体监测考核结果');
    expect(nameWith('医疗集团考核结果', '考核结果')).toBe('医疗集团考核结果');
  });
});
