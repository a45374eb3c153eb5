/**
 * Switching the open database (the demo county ↔ the real data). After a switch every page's
 * state belongs to the other database, so the whole app below App is mounted afresh (and the
 * results cache emptied) rather than each page being asked to reload itself.
 */
import { createContext, useCallback, useContext } from 'react';
import { api } from '../api/transport';
import { resultCache } from '../lib/resultCache';
import { useApp } from './context';

/** Remounts the app on the database now open; `notice` is shown once it is up. */
export type Reopen = (notice?: string) => void;
export const ReopenContext = createContext<Reopen>(() => undefined);

export function clearPageCaches(): void {
  resultCache.clear();
}

export function useDatabaseSwitch(): { openDemo(): Promise<void>; openMain(): Promise<void> } {
  const app = useApp();
  const reopen = useContext(ReopenContext);
  const openDemo = useCallback(async () => {
    const r = await app.run('正在打开示例数据库（首次使用需生成示例数据，约需数秒）', () => api.openDemo());
    if (r) reopen(r.created ? '已生成并打开示例数据库（示例县）' : '已打开示例数据库（示例县）');
  }, [app, reopen]);
  const openMain = useCallback(async () => {
    const r = await app.run('正在返回正式数据', () => api.openMainDatabase());
    if (r) reopen('已返回正式数据');
  }, [app, reopen]);
  return { openDemo, openMain };
}
