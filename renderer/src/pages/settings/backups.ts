/**
 * The settings page's backup texts as pure functions: a backup's kind and size in words, the name
 * of what a restore would use, and the lines describing a backup before it replaces the data.
 */
import type { BackupInfo, BackupSummary, FilePayload } from '../../../../shared/api/contract';
import { formatTime } from '../../lib/format';

export const KIND_NAMES: Record<BackupInfo['kind'], string> = {
  backup: '手动备份',
  safety: '恢复前自动备份',
  upload: '上传的备份',
  other: '其他',
};

/** A file size for people: MB with one decimal from 1 MB, else whole KB (at least 1 KB). */
export function sizeText(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** What the confirmation dialog restores: a listed backup or a file the user chose. */
export type RestoreChoice = { name: string } | { upload: FilePayload };

/** The file name a restore choice stands for ("" for none). */
export function choiceName(choice: RestoreChoice | null): string {
  return choice ? ('name' in choice ? choice.name : choice.upload.fileName) : '';
}

/** Schemes named in the summary; more are shown as " …". */
const SCHEMES_SHOWN = 8;

/** What is in a backup, one line each: county, years, schemes, counts, last change. */
export function summaryLines(s: BackupSummary): string[] {
  const schemes =
    s.schemes.length > 0
      ? `：${s.schemes
          .slice(0, SCHEMES_SHOWN)
          .map((x) => `${x.year} ${x.name}${x.locked ? '（已定稿）' : ''}`)
          .join('；')}${s.schemes.length > SCHEMES_SHOWN ? ' …' : ''}`
      : '';
  return [
    `县（区）：${s.county || '（未填写）'}`,
    `考核年度：${s.years.length ? s.years.join('、') : '（无）'}`,
    `方案 ${s.counts.schemes} 个${schemes}`,
    `考核对象 ${s.counts.targets} 个，指标值 ${s.counts.values} 个，年薪基础数据 ${s.counts.salaryInputs} 条`,
    `最近一次修改：${s.newestChange ? formatTime(s.newestChange) : '（无记录）'}`,
  ];
}
