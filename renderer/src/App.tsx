import { PRODUCT_NAME } from '../../shared/product';
import { lazy, Suspense, useCallback, useEffect, useState, type ComponentType } from 'react';
import { AppProvider, useApp, type AppState } from './app/context';
import { PageActiveContext } from './app/active';
import { clearPageCaches, ReopenContext } from './app/database';
import { yearChoices } from './app/model';
import { NAV, shortcutHint, shortcutPage, withPage, type PageId } from './app/pages';
import { DemoBanner } from './components/DemoBanner';
import { BusyBar, ErrorBanner, Notices } from './components/Status';
import { PageErrorBoundary } from './components/ErrorBoundary';
import { OverviewPage } from './pages/Overview';
import { prefetchResults } from './lib/resultCache';

export { NAV } from './app/pages';

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

/** Alt+1…0 jumps between pages. */
function usePageShortcuts(go: (p: PageId) => void): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const p = shortcutPage(e, document.querySelector('.modal') !== null);
      if (p) {
        e.preventDefault();
        go(p);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [go]);
}

/**
 * The pages kept mounted (visited ones, hidden when not shown). Once the first page is up, the
 * other pages' code is fetched in the background so switching is instant, and the chosen scheme's
 * results too, so the first visit to 考核结果 does not wait for scoring.
 */
function useMountedPages(app: AppState): PageId[] {
  const [visited, setVisited] = useState<PageId[]>([app.page]);
  useEffect(() => setVisited((v) => withPage(v, app.page)), [app.page]);

  useEffect(() => {
    const t = setTimeout(() => Object.values(load).forEach((f) => void f().catch(() => undefined)), 300);
    return () => clearTimeout(t);
  }, []);

  const { year, schemeCode, current } = app;
  useEffect(() => {
    if (!schemeCode || !current?.valid || current.targets === 0) return;
    // Then draw the results page hidden, so the first visit only has to show it.
    const t = setTimeout(
      () => void prefetchResults(year, schemeCode).then(() => setVisited((v) => withPage(v, 'results'))),
      600,
    );
    return () => clearTimeout(t);
  }, [year, schemeCode, current?.valid, current?.targets]);

  return withPage(visited, app.page);
}

function TopBar({ app }: { app: AppState }) {
  return (
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
          {yearChoices(app.years, app.year).map((y) => (
            <option key={y} value={y}>
              {y} 年
            </option>
          ))}
        </select>
      </label>
      <div className="appraiser">{app.settings?.appraiserName ? `考核人：${app.settings.appraiserName}` : ''}</div>
    </header>
  );
}

function SideNav({ page, go }: { page: PageId; go(p: PageId): void }) {
  return (
    <nav className="sidenav" aria-label="功能导航">
      {NAV.map((n, i) => (
        <button
          key={n.id}
          type="button"
          className={page === n.id ? 'active' : ''}
          aria-current={page === n.id ? 'page' : undefined}
          onClick={() => go(n.id)}
          data-testid={`nav-${n.id}`}
          title={shortcutHint(i)}
        >
          {n.label}
        </button>
      ))}
    </nav>
  );
}

function PageHost({ id, active }: { id: PageId; active: boolean }) {
  const Page = PAGES[id];
  return (
    <PageActiveContext.Provider value={active}>
      <div className="page-host" hidden={!active}>
        <PageErrorBoundary page={id}>
          <Suspense fallback={<div className="loading">正在打开……</div>}>
            <Page />
          </Suspense>
        </PageErrorBoundary>
      </div>
    </PageActiveContext.Provider>
  );
}

function Shell() {
  const app = useApp();
  usePageShortcuts(app.go);
  const shown = useMountedPages(app);
  return (
    <div className="app">
      <TopBar app={app} />
      <DemoBanner />
      <BusyBar />
      <div className="body">
        <SideNav page={app.page} go={app.go} />
        <main className="content" data-testid={`page-${app.page}`}>
          <ErrorBanner />
          {shown.map((id) => (
            <PageHost key={id} id={id} active={id === app.page} />
          ))}
        </main>
      </div>
      <Notices />
    </div>
  );
}

/** A new session (fresh state on every page) each time the open database changes. */
function useDatabaseSession(): { epoch: number; notice?: string; reopen(notice?: string): void } {
  const [session, setSession] = useState<{ epoch: number; notice?: string }>({ epoch: 0 });
  const reopen = useCallback((notice?: string) => {
    clearPageCaches();
    setSession((s) => ({ epoch: s.epoch + 1, notice }));
  }, []);
  return { ...session, reopen };
}

export function App() {
  const { epoch, notice, reopen } = useDatabaseSession();
  return (
    <ReopenContext.Provider value={reopen}>
      <AppProvider key={epoch} notice={notice}>
        <Shell />
      </AppProvider>
    </ReopenContext.Provider>
  );
}
