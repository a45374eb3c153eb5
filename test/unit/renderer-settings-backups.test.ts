/**
 * The settings page's backup texts (renderer/src/pages/settings/backups.ts): sizes, what a restore
 * would use, and the description of a backup shown before it replaces the data.
 */
import { describe, expect, it } from 'vitest';
import type { BackupSummary } from '../../shared/api/contract';
import { choiceName, KIND_NAMES, sizeText, summaryLines } from '../../renderer/src/pages/settings/backups';
import { formatTime } from '../../renderer/src/lib/format';

describe('backup list texts', () => {
  it('sizes: whole KB (at least 1) below 1 MB, MB with one decimal from there', () => {
    expect(sizeText(10)).toBe('1 KB');
    expect(sizeText(0)).toBe('1 KB');
    expect(sizeText(1536)).toBe('2 KB');
    expect(sizeText(1024 * 1024 - 1)).toBe('1024 KB');
    expect(sizeText(1024 * 1024)).toBe('1.0 MB');
    expect(sizeText(5.25 * 1024 * 1024)).toBe('5.3 MB');
  });
  it('names each kind', () => {
    expect(KIND_NAMES.safety).toBe('恢复前自动备份');
    expect(KIND_NAMES.upload).toBe('上传的备份');
  });
  it('a restore names the listed backup or the uploaded file', () => {
    expect(choiceName({ name: '备份-2024.db' })).toBe('备份-2024.db');
    expect(choiceName({ upload: { fileName: 'U盘.db', base64: '' } })).toBe('U盘.db');
    expect(choiceName(null)).toBe('');
  });
});

const summary = (over: Partial<BackupSummary> = {}): BackupSummary => ({
  file: 'x.db',
  size: 2048,
  schemaVersion: 9,
  county: '备份县',
  years: [2023, 2024],
  schemes: [
    { year: 2024, code: 'TC', name: '乡镇卫生院', locked: true },
    { year: 2024, code: 'MG', name: '医疗集团', locked: false },
  ],
  counts: { targets: 17, schemes: 2, values: 340, salaryInputs: 5, auditEntries: 90 },
  newestChange: '2024-12-31T02:03:04Z',
  ...over,
});

describe('what a backup holds', () => {
  it('one line each for county, years, schemes (locked marked), counts and the last change', () => {
    expect(summaryLines(summary())).toEqual([
      '县（区）：备份县',
      '考核年度：2023、2024',
      '方案 2 个：2024 乡镇卫生院（已定稿）；2024 医疗集团',
      '考核对象 17 个，指标值 340 个，年薪基础数据 5 条',
      `最近一次修改：${formatTime('2024-12-31T02:03:04Z')}`,
    ]);
  });
  it('an empty backup says so, and only eight schemes are named', () => {
    const empty = summaryLines(
      summary({
        county: '',
        years: [],
        schemes: [],
        counts: { targets: 0, schemes: 0, values: 0, salaryInputs: 0, auditEntries: 0 },
        newestChange: null,
      }),
    );
    expect(empty).toEqual([
      '县（区）：（未填写）',
      '考核年度：（无）',
      '方案 0 个',
      '考核对象 0 个，指标值 0 个，年薪基础数据 0 条',
      '最近一次修改：（无记录）',
    ]);
    const many = Array.from({ length: 10 }, (_, i) => ({ year: 2024, code: `S${i}`, name: `方案${i}`, locked: false }));
    const line = summaryLines(summary({ schemes: many }))[2]!;
    expect(line).toContain('方案7');
    expect(line).not.toContain('方案8');
    expect(line.endsWith(' …')).toBe(true);
  });
});
