import { useState } from 'react';
import { useApp } from '../app/context';
import { FirstStart } from './overview/FirstStart';
import { NewYearDialog } from './overview/NewYearDialog';
import { SchemeCard } from './overview/SchemeCard';

export function OverviewPage() {
  const app = useApp();
  const [creating, setCreating] = useState(false);
  const firstStart = app.loaded && app.years.length === 0;

  return (
    <div className="page" data-testid="overview">
      <div className="page-head">
        <h1>概览</h1>
        <div className="toolbar">
          <button type="button" className="primary" onClick={() => setCreating(true)} data-testid="new-year">
            新建考核年度
          </button>
        </div>
      </div>
      {firstStart ? (
        <FirstStart onCreate={() => setCreating(true)} />
      ) : (
        <>
          <p className="muted">
            {app.year} 年度共 {app.schemes.length} 个考核方案。
          </p>
          {app.schemes.length === 0 && app.loaded && (
            <div className="empty-panel">本年度还没有考核方案。可以复制上一年的方案，或使用内置模板。</div>
          )}
          <div className="cards">
            {app.schemes.map((s) => (
              <SchemeCard key={s.code} s={s} />
            ))}
          </div>
        </>
      )}
      {creating && <NewYearDialog onClose={() => setCreating(false)} />}
    </div>
  );
}
