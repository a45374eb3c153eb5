import { useMemo, useState } from 'react';
import { Grid } from '../components/Grid';
import { auditColumns, countText, entityName, knownEntities, type AuditFilter } from './audit/auditRows';
import { useAuditLog } from './audit/useAuditLog';

export function AuditPage() {
  const [filter, setFilter] = useState<AuditFilter>({ since: '', entity: '', text: '' });
  const log = useAuditLog(filter);
  const cols = useMemo(() => auditColumns(), []);
  const entities = useMemo(() => knownEntities(log.rows), [log.rows]);
  const set = (patch: Partial<AuditFilter>) => setFilter((f) => ({ ...f, ...patch }));

  return (
    <div className="page page-fill" data-testid="audit-page">
      <div className="page-head">
        <h1>操作日志</h1>
      </div>
      <div className="filters">
        <label>
          起始日期{' '}
          <input
            value={filter.since}
            onChange={(e) => set({ since: e.target.value })}
            placeholder="如 2024-01-31"
            style={{ width: 120 }}
            className={log.sinceOk ? '' : 'invalid'}
            aria-invalid={!log.sinceOk}
            data-testid="audit-since"
          />
        </label>
        <label>
          类别
          <select value={filter.entity} onChange={(e) => set({ entity: e.target.value })} data-testid="audit-entity">
            <option value="">全部</option>
            {entities.map((e) => (
              <option key={e} value={e}>
                {entityName(e)}
              </option>
            ))}
          </select>
        </label>
        <label>
          包含文字{' '}
          <input
            value={filter.text}
            onChange={(e) => set({ text: e.target.value })}
            placeholder="编码、名称、原因……"
            data-testid="audit-text"
          />
        </label>
        <span className="muted" data-testid="audit-count">
          {countText(log.rows.length, log.more)}
        </span>
        {log.more && (
          <button type="button" onClick={() => void log.loadMore()} data-testid="audit-more">
            加载更多
          </button>
        )}
      </div>
      <Grid
        testId="audit-grid"
        rowData={log.rows}
        columnDefs={cols}
        getRowId={(p) => String(p.data.id)}
        tooltipShowDelay={300}
      />
    </div>
  );
}
