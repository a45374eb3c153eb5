import { useCallback, useEffect, useState } from 'react';
import type { AuditEntry } from '../../../../shared/api/contract';
import { api } from '../../api/transport';
import { useApp } from '../../app/context';
import { usePageActive } from '../../app/active';
import { auditQuery, pageOf, readSince, type AuditFilter } from './auditRows';

/**
 * The audit log under a filter: the first page, read again (after a short pause for typing) when the
 * filter changes while the page is shown, and the older pages on demand. A start date that is not a
 * date reads nothing.
 */
export function useAuditLog(filter: AuditFilter) {
  const app = useApp();
  const active = usePageActive();
  const [rows, setRows] = useState<AuditEntry[]>([]);
  const [more, setMore] = useState(false);
  const sinceOk = readSince(filter.since).ok;
  const { since, entity, text } = filter;

  const load = useCallback(async () => {
    if (!readSince(since).ok) return;
    const r = await app.run('正在读取操作日志', () => api.audit(auditQuery({ since, entity, text })));
    if (r) {
      const p = pageOf(r);
      setRows(p.rows);
      setMore(p.more);
    }
  }, [since, entity, text]); // eslint-disable-line react-hooks/exhaustive-deps -- `app` is the context value, new after every refresh or page switch; reload only when the query changes

  const loadMore = async () => {
    const last = rows[rows.length - 1];
    if (!last) return;
    const r = await app.run('正在读取更早的操作日志', () => api.audit(auditQuery(filter, last.id)));
    if (r) {
      const p = pageOf(r);
      setRows((old) => [...old, ...p.rows]);
      setMore(p.more);
    }
  };

  useEffect(() => {
    if (!active) return;
    const t = setTimeout(() => void load(), 250);
    return () => clearTimeout(t);
  }, [load, active]);

  return { rows, more, sinceOk, loadMore };
}
