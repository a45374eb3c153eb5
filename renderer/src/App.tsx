import { PRODUCT_NAME } from '../../shared/product';
import { lazy, Suspense, useCallback, useEffect, useState, type ComponentType } from 'react';
import { AppProvider, useApp, type PageId } from './app/context';
import { PageActiveContext } from './app/active';
import { clearPageCaches, ReopenContext } from './app/database';
import { DemoBanner } from './components/DemoBanner';
import { BusyBar, ErrorBanner, Notices } from './components/Status';
import { PageErrorBoundary } from './components/ErrorBoundary';
import { OverviewPage } from './pages/Overview';
import { prefetchResults } from './lib/resultCache';

const load = {
  targets: () => import('./pages/Targets'),
  scheme: () => import('./pages/SchemeEditor'),
  collect: () => import('./pages/Collect'),
  results: () => import('./pages/Results'),
  salary: () => import('./pages/Salary'),
  fund: () => import('./pages/Fund'),
  money: () => import('./pages/Money'),
  uses: () => import('./pages/ResultUses'),
  lock: () => import('./pages/Lock'),
  audit: () => import('./pages/Audit'),
  settings: () => import('./pages/SettingsPage'),
};

const PAGES: Record<PageId, ComponentType> = {
  overview: OverviewPage,
  targets: lazy(() => load.targets().then((m) => ({ default: m.TargetsPage }))),
  scheme: lazy(() => load.scheme().then((m) => ({ default: m.SchemeEditorPage }))),
  collect: lazy(() => load.collect().then((m) => ({ default: m.CollectPage }))),
  results: lazy(() => load.results().then((m) => ({ default: m.ResultsPage }))),
  salary: lazy(() => load.salary().then((m) => ({ default: m.SalaryPage }))),
  fund: lazy(() => load.fund().then((m) => ({ default: m.FundPage }))),
  money: lazy(() => load.money().then((m) => ({ default: m.MoneyPage }))),
  uses: lazy(() => load.uses().then((m) => ({ default: m.ResultUsesPage }))),
  lock: lazy(() => load.lock().then((m) => ({ default: m.LockPage }))),
  audit: lazy(() => load.audit().then((m) => ({ default: m.AuditPage }))),
  settings: lazy(() => load.settings().then((m) => ({ default: m.SettingsPage }))),
};

export const NAV: { id: PageId; label: string }[] = [
  { id: 'overview', label: '概览' },
  { id: 'targets', label: '考核对象' },
  { id: 'scheme', label: '指标体系' },
  { id: 'collect', label: '数据采集' },
  { id: 'results', label: '考核结果' },
  { id: 'salary', label: '年薪核算' },
  { id: 'fund', label: '资金分配' },
  { id: 'money', label: '总量与结余' },
  { id: 'uses', label: '考核结果运用' },
  { id: 'lock', label: '定稿' },
  { id: 'audit', label: '操作日志' },
  { id: 'settings', label: '设置' },
];

function Shell() {
  const app = useApp();
  const [visited, setVisited] = useState<PageId[]>([app.page]);
  useEffect(() => setVisited((v) => (v.includes(app.page) ? v : [...v, app.page])), [app.page]);
  const shown = visited.includes(app.page) ? visited : [...visited, app.page];

  // Alt+1…0 jumps between pages.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey || document.querySelector('.modal')) return;
      const i = '1234567890'.indexOf(e.key);
      if (i >= 0 && NAV[i]) {
        e.preventDefault();
        app.go(NAV[i]!.id);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [app]);

  // Once the first page is up, fetch the other pages' code in the background so switching is instant.
  useEffect(() => {
    const t = setTimeout(() => Object.values(load).forEach((f) => void f().catch(() => undefined)), 300);
    return () => clearTimeout(t);
  }, []);

  // …and the chosen scheme's results, so the first visit to 考核结果 does not wait for scoring.
  const { year, schemeCode, current } = app;
  useEffect(() => {
    if (!schemeCode || !current?.valid || current.targets === 0) return;
    // Then draw the results page hidden, so the first visit only has to show it.
    const t = setTimeout(
      () =>
        void prefetchResults(year, schemeCode).then(() =>
          setVisited((v) => (v.includes('results') ? v : [...v, 'results'])),
        ),
      600,
    );
    return () => clearTimeout(t);
  }, [year, schemeCode, current?.valid, current?.targets]);

  return (
    <div className="app">
      <header className="topbar">
        <div className="app-title">
          {PRODUCT_NAME}
          {app.settings?.countyName ? (
            <span className="county" data-testid="county-name">
              {app.settings.countyName}
            </span>
          ) : null}
        </div>
        <label className="year-picker">
          考核年度
          <select
            data-testid="year-select"
            value={app.year}
            onChange={(e) => app.setYear(Number(e.target.value))}
            disabled={app.years.length === 0}
          >
            {(app.years.includes(app.year) ? app.years : [...app.years, app.year])
              .slice()
              .sort((a, b) => b - a)
              .map((y) => (
                <option key={y} value={y}>
                  {y} 年
                </option>
              ))}
          </select>
        </label>
        <div className="appraiser">{app.settings?.appraiserName ? `考核人：${app.settings.appraiserName}` : ''}</div>
      </header>
      <DemoBanner />
      <BusyBar />
      <div className="body">
        <nav className="sidenav" aria-label="功能导航">
          {NAV.map((n, i) => (
            <button
              key={n.id}
              type="button"
              className={app.page === n.id ? 'active' : ''}
              aria-current={app.page === n.id ? 'page' : undefined}
              onClick={() => app.go(n.id)}
              data-testid={`nav-${n.id}`}
              title={`Alt+${(i + 1) % 10}`}
            >
              {n.label}
            </button>
          ))}
        </nav>
        <main className="content" data-testid={`page-${app.page}`}>
          <ErrorBanner />
          {shown.map((id) => {
            const Page = PAGES[id];
            return (
              <PageActiveContext.Provider key={id} value={id === app.page}>
                <div className="page-host" hidden={id !== app.page}>
                  <PageErrorBoundary page={id}>
                    <Suspense fallback={<div className="loading">正在打开……</div>}>
                      <Page />
                    </Suspense>
                  </PageErrorBoundary>
                </div>
              </PageActiveContext.Provider>
            );
          })}
        </main>
      </div>
      <Notices />
    </div>
  );
}

export function App() {
  // A new session (fresh state on every page) each time the open database changes.
  const [session, setSession] = useState<{ epoch: number; notice?: string }>({ epoch: 0 });
  const reopen = useCallback((notice?: string) => {
    clearPageCaches();
    setSession((s) => ({ epoch: s.epoch + 1, notice }));
  }, []);
  return (
    <ReopenContext.Provider value={reopen}>
      <AppProvider key={session.epoch} notice={session.notice}>
        <Shell />
      </AppProvider>
    </ReopenContext.Provider>
  );
}
