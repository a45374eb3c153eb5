/**
 * The value import's words as pure functions: what a preview says the import will do (or why it
 * will not), a rejected workbook read back from its error, and each earlier import's row in the
 * 导入记录 list with what undoing it does.
 */
import type {
  ImportCounts,
  ImportIssue,
  ImportOutcome,
  ImportRecord,
  ValueImportMode,
} from '../../../../shared/api/contract';
import { formatTime } from '../../lib/format';

/** "新增 1 个值、修改 5 个、不变 0 个" (replace mode adds "、清空 N 个"). */
export function countsText(c: ImportCounts, mode: ValueImportMode): string {
  return `新增 ${c.new} 个值、修改 ${c.changed} 个、不变 ${c.unchanged} 个${mode === 'replace' ? `、清空 ${c.cleared} 个` : ''}`;
}

/**
 * A dry run's outcome from a call that failed: a rejected workbook may come back as an error carrying
 * the cell list; any other failure is not an outcome (null).
 */
export function rejectedOutcome(e: unknown): ImportOutcome | null {
  const x = e as { errors?: ImportIssue[]; warnings?: ImportIssue[] } | null;
  if (!x || !Array.isArray(x.errors) || x.errors.length === 0) return null;
  return { importId: null, written: 0, errors: x.errors, warnings: x.warnings ?? [] };
}

/** The preview's one-line verdict: the errors that stop the import, or what it will write. */
export function previewSummary(o: ImportOutcome, mode: ValueImportMode): { ok: boolean; text: string } {
  if (o.errors.length > 0)
    return {
      ok: false,
      text: `发现 ${o.errors.length} 处错误，整个文件未写入任何数据。请按下表修正后重新导入，或另存一份标红的副本发回填报单位。`,
    };
  const b = o.baselines;
  const baselines =
    b && b.new + b.changed + b.cleared > 0
      ? `；上年数新增 ${b.new}、修改 ${b.changed}${mode === 'replace' ? `、清空 ${b.cleared}` : ''}`
      : '';
  const warnings = o.warnings.length ? `，另有 ${o.warnings.length} 条提示` : '';
  return {
    ok: true,
    text: `检查通过：将${o.counts ? countsText(o.counts, mode) : ''}${baselines}${warnings}。确认后才会写入。`,
  };
}

const STATUS: Record<string, string> = { imported: '已导入', rejected: '被拒绝', undone: '已撤销', pending: '未完成' };

/** One earlier import as the list shows it; only an import still in force can be undone. */
export function importRowText(r: ImportRecord): {
  at: string;
  mode: string;
  status: string;
  counts: { new: string; changed: string; cleared: string };
  undoable: boolean;
} {
  const n = (x: number | undefined) => (x == null ? '' : String(x));
  return {
    at: formatTime(r.at),
    mode: r.mode === 'replace' ? '整表替换' : r.mode ? '合并' : '',
    status: `${STATUS[r.status] ?? r.status}${r.undoneAt ? `（${formatTime(r.undoneAt)}）` : ''}`,
    counts: { new: n(r.counts?.new), changed: n(r.counts?.changed), cleared: n(r.counts?.cleared) },
    undoable: r.status === 'imported',
  };
}

/** What undoing an import does, for its confirmation. */
export function undoText(r: ImportRecord): string {
  return `把“${r.fileName}”（${formatTime(r.at)} 导入）写入的 ${r.written ?? 0} 个值恢复到导入之前的样子（原来缺报的重新变为缺报）。`;
}
