/**
 * The audit log page's words and query as pure functions: the category and action names, the
 * grid's columns with each row's text (old and new values through lib/auditText), the typed start
 * date, and the page query (newest first, one entry more than a page to know whether there is more).
 */
import type { ColDef } from 'ag-grid-community';
import type { AuditEntry } from '../../../../shared/api/contract';
import type { ApiInputOf } from '../../../../shared/api/schemas';
import { auditText } from '../../lib/auditText';
import { formatTime } from '../../lib/format';

export const ENTITIES: Record<string, string> = {
  value: '指标值',
  scheme: '方案',
  target: '考核对象',
  adjustment: '加减分',
  veto: '一票否决',
  salary: '年薪',
  salary_input: '年薪基础数据',
  database: '数据库',
  lock: '定稿',
  settings: '设置',
  import: '导入',
  export: '导出',
  backup: '备份',
  allocation: '资金分配',
  year: '年度',
};

export const ACTIONS: Record<string, string> = {
  create: '新增',
  insert: '新增',
  add: '新增',
  update: '修改',
  set: '设置',
  delete: '删除',
  remove: '删除',
  import: '导入',
  export: '导出',
  lock: '定稿',
  unlock: '解除定稿',
  copy: '复制',
  restore: '恢复',
  backup: '备份',
  veto: '否决',
  unveto: '撤销否决',
};

/** Entries per page: the newest first, then 加载更多 for the older ones. */
export const AUDIT_PAGE_SIZE = 200;

export const entityName = (e: string): string => ENTITIES[e] ?? e;
export const actionName = (a: string): string => ACTIONS[a] ?? a;

/** One entry as the grid shows it, column by column. */
export interface AuditRowText {
  at: string;
  who: string;
  action: string;
  entity: string;
  key: string;
  old: string;
  new: string;
  reason: string;
}

export function auditRowText(e: AuditEntry): AuditRowText {
  return {
    at: formatTime(e.at),
    who: e.who,
    action: actionName(e.action),
    entity: entityName(e.entity),
    key: e.key === 'settings' ? '设置' : e.key,
    old: auditText(e.old),
    new: auditText(e.new),
    reason: e.reason ?? '',
  };
}

/** The grid's columns; each cell (and the tooltip of the long ones) is the row's text. */
export function auditColumns(): ColDef<AuditEntry>[] {
  const text = (e: AuditEntry | undefined, k: keyof AuditRowText) => (e ? auditRowText(e)[k] : '');
  const shown = (k: keyof AuditRowText) => (p: { data?: AuditEntry }) => text(p.data, k);
  return [
    { field: 'at', headerName: '时间', width: 160, valueFormatter: shown('at') },
    { field: 'who', headerName: '操作人', width: 100 },
    { field: 'action', headerName: '操作', width: 100, valueFormatter: shown('action') },
    { field: 'entity', headerName: '对象类别', width: 100, valueFormatter: shown('entity') },
    { field: 'key', headerName: '对象', width: 200, tooltipField: 'key', valueFormatter: shown('key') },
    { colId: 'old', headerName: '原值', width: 190, valueGetter: shown('old'), tooltipValueGetter: shown('old') },
    { colId: 'new', headerName: '新值', width: 190, valueGetter: shown('new'), tooltipValueGetter: shown('new') },
    { field: 'reason', headerName: '原因', flex: 1, minWidth: 140, tooltipField: 'reason' },
  ];
}

/**
 * A typed start date ("2024-1-5" or "2024-01-05", local midnight) as the ISO time the query takes;
 * blank is no limit (ok, no time); anything else is not ok.
 */
export function readSince(typed: string): { ok: boolean; iso?: string } {
  const t = typed.trim();
  if (t === '') return { ok: true };
  if (!/^\d{4}-\d{1,2}-\d{1,2}$/.test(t)) return { ok: false };
  const d = new Date(`${t.replace(/-(\d)(?!\d)/g, '-0$1')}T00:00:00`);
  return Number.isNaN(d.getTime()) ? { ok: false } : { ok: true, iso: d.toISOString() };
}

export interface AuditFilter {
  since: string;
  entity: string;
  text: string;
}

/** The query of one page, newest first: the first, or the one after the entry `beforeId`. */
export function auditQuery(f: AuditFilter, beforeId?: number): ApiInputOf<'audit'> {
  return {
    since: readSince(f.since).iso,
    entity: f.entity || undefined,
    text: f.text.trim() || undefined,
    order: 'newest',
    beforeId,
    // One more than shown, to know whether there is a next page.
    limit: AUDIT_PAGE_SIZE + 1,
  };
}

/** A page read: the entries to show and whether older ones remain. */
export function pageOf(r: AuditEntry[]): { rows: AuditEntry[]; more: boolean } {
  return { rows: r.slice(0, AUDIT_PAGE_SIZE), more: r.length > AUDIT_PAGE_SIZE };
}

/** The categories in the filter: the known ones, then any other met in the rows. */
export function knownEntities(rows: AuditEntry[]): string[] {
  return Array.from(new Set([...Object.keys(ENTITIES), ...rows.map((r) => r.entity)]));
}

/** "最新在前，已显示 200 条，还有更早的" */
export function countText(shown: number, more: boolean): string {
  return `最新在前，已显示 ${shown} 条${more ? '，还有更早的' : ''}`;
}
