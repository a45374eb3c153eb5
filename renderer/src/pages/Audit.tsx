import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ColDef } from 'ag-grid-community';
import type { AuditEntry } from '../../../shared/api/contract';
import { api } from '../api/transport';
import { useApp } from '../app/context';
import { usePageActive } from '../app/active';
import { Grid } from '../components/Grid';
import { formatTime } from '../lib/format';
import { auditText } from '../lib/auditText';

const ENTITIES: Record<string, string> = {
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
const ACTIONS: Record<string, string> = {
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

export function AuditPage() {
  const app = useApp();
  const [rows, setRows] = useState<AuditEntry[]>([]);
  const [more, setMore] = useState(false);
  const [since, setSince] = useState('');
  const [entity, setEntity] = useState('');
  const [text, setText] = useState('');

  const sinceText = since.trim();
  const sinceOk =
    sinceText === '' ||
    (/^\d{4}-\d{1,2}-\d{1,2}$/.test(sinceText) &&
      !Number.isNaN(new Date(`${sinceText.replace(/-(\d)(?!\d)/g, '-0$1')}T00:00:00`).getTime()));
  /** One page, newest first: the first page, or the one after the entry `beforeId`. */
  const page = useCallback(
    (beforeId?: number) =>
      api.audit({
        since: sinceText ? new Date(`${sinceText.replace(/-(\d)(?!\d)/g, '-0$1')}T00:00:00`).toISOString() : undefined,
        entity: entity || undefined,
        text: text.trim() || undefined,
        order: 'newest',
        beforeId,
        // One more than shown, to know whether there is a next page.
        limit: AUDIT_PAGE_SIZE + 1,
      }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- sinceText is read through `since`, its checked form
    [since, entity, text],
  );
  const load = useCallback(async () => {
    if (!sinceOk) return;
    const r = await app.run('正在读取操作日志', () => page());
    if (r) {
      setRows(r.slice(0, AUDIT_PAGE_SIZE));
      setMore(r.length > AUDIT_PAGE_SIZE);
    }
  }, [page]); // eslint-disable-line react-hooks/exhaustive-deps -- `app` is the context value, new after every refresh or page switch; reload only when the query changes
  const loadMore = async () => {
    const last = rows[rows.length - 1];
    if (!last) return;
    const r = await app.run('正在读取更早的操作日志', () => page(last.id));
    if (r) {
      setRows((old) => [...old, ...r.slice(0, AUDIT_PAGE_SIZE)]);
      setMore(r.length > AUDIT_PAGE_SIZE);
    }
  };

  const active = usePageActive();
  useEffect(() => {
    if (!active) return;
    const t = setTimeout(() => void load(), 250);
    return () => clearTimeout(t);
  }, [load, active]);

  const cols = useMemo<ColDef<AuditEntry>[]>(
    () => [
      { field: 'at', headerName: '时间', width: 160, valueFormatter: (p) => formatTime(p.value) },
      { field: 'who', headerName: '操作人', width: 100 },
      { field: 'action', headerName: '操作', width: 100, valueFormatter: (p) => ACTIONS[p.value] ?? p.value },
      { field: 'entity', headerName: '对象类别', width: 100, valueFormatter: (p) => ENTITIES[p.value] ?? p.value },
      {
        field: 'key',
        headerName: '对象',
        width: 200,
        tooltipField: 'key',
        valueFormatter: (p) => (p.value === 'settings' ? '设置' : p.value),
      },
      {
        colId: 'old',
        headerName: '原值',
        width: 190,
        valueGetter: (p) => auditText(p.data?.old ?? null),
        tooltipValueGetter: (p) => auditText(p.data?.old ?? null),
      },
      {
        colId: 'new',
        headerName: '新值',
        width: 190,
        valueGetter: (p) => auditText(p.data?.new ?? null),
        tooltipValueGetter: (p) => auditText(p.data?.new ?? null),
      },
      { field: 'reason', headerName: '原因', flex: 1, minWidth: 140, tooltipField: 'reason' },
    ],
    [],
  );

  const knownEntities = useMemo(
    () => Array.from(new Set([...Object.keys(ENTITIES), ...rows.map((r) => r.entity)])),
    [rows],
  );

  return (
    <div className="page page-fill" data-testid="audit-page">
      <div className="page-head">
        <h1>操作日志</h1>
      </div>
      <div className="filters">
        <label>
          起始日期{' '}
          <input
            value={since}
            onChange={(e) => setSince(e.target.value)}
            placeholder="如 2024-01-31"
            style={{ width: 120 }}
            className={sinceOk ? '' : 'invalid'}
            aria-invalid={!sinceOk}
            data-testid="audit-since"
          />
        </label>
        <label>
          类别
          <select value={entity} onChange={(e) => setEntity(e.target.value)} data-testid="audit-entity">
            <option value="">全部</option>
            {knownEntities.map((e) => (
              <option key={e} value={e}>
                {ENTITIES[e] ?? e}
              </option>
            ))}
          </select>
        </label>
        <label>
          包含文字{' '}
          <input
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder="编码、名称、原因……"
            data-testid="audit-text"
          />
        </label>
        <span className="muted" data-testid="audit-count">
          最新在前，已显示 {rows.length} 条{more ? '，还有更早的' : ''}
        </span>
        {more && (
          <button type="button" onClick={() => void loadMore()} data-testid="audit-more">
            加载更多
          </button>
        )}
      </div>
      <Grid
        testId="audit-grid"
        rowData={rows}
        columnDefs={cols}
        getRowId={(p) => String(p.data.id)}
        tooltipShowDelay={300}
      />
    </div>
  );
}
