import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ColDef } from 'ag-grid-community';
import type { AdjustmentRow, VetoRow } from '../../../shared/api/contract';
import type { Problem, Scheme, SchemeResult, TargetResult } from '../../../shared/domain/types';
import { api } from '../api/transport';
import { useApp } from '../app/context';
import { usePageActive } from '../app/active';
import { Grid } from '../components/Grid';
import { ReasonDialog } from '../components/ReasonDialog';
import { LockedNote, SchemePicker } from '../components/SchemePicker';
import { ExportFinanceButton } from '../components/ExportFinanceButton';
import { cacheKey, resultCache } from '../lib/resultCache';
import { flagsText, formatTime, gradeColour } from '../lib/format';
import { lockedReason } from '../lib/locked';
import { AdjustmentDialog, VetoDialog } from './ResultDialogs';
import { ResultCharts } from './ResultCharts';
import { TargetDetail } from './ResultDetail';
import { WhatIfPanel } from './WhatIf';
import { problemParts } from '../../../shared/scheme/place';

type Tab = 'ranking' | 'charts' | 'whatif' | 'adjustments';

export function ResultsPage() {
  const app = useApp();
  const code = app.schemeCode;
  const [scheme, setScheme] = useState<Scheme | null>(null);
  const [result, setResult] = useState<SchemeResult | null>(null);
  const [problems, setProblems] = useState<Problem[] | null>(null);
  const [adjustments, setAdjustments] = useState<AdjustmentRow[]>([]);
  const [vetoes, setVetoes] = useState<VetoRow[]>([]);
  const [tab, setTab] = useState<Tab>('ranking');
  const [dialog, setDialog] = useState<'adjust' | 'veto' | null>(null);
  const [removing, setRemoving] = useState<{ kind: 'adj'; row: AdjustmentRow } | { kind: 'veto'; row: VetoRow } | null>(
    null,
  );

  const load = useCallback(
    async (fromCache = false) => {
      if (!code) {
        setResult(null);
        setScheme(null);
        return;
      }
      const key = cacheKey(app.year, code);
      // Show the last computed results at once; the fresh ones replace them a moment later.
      const cached = fromCache ? resultCache.get(key) : undefined;
      if (cached) {
        setScheme(cached.scheme);
        setResult(cached.result);
        setAdjustments(cached.adjustments);
        setVetoes(cached.vetoes);
        setProblems(null);
      }
      await app.run('正在计算考核结果', async () => {
        const [s, scored, adj, vet] = await Promise.all([
          api.getScheme({ year: app.year, scheme: code }),
          api.score({ year: app.year, scheme: code }).then(
            (r) => ({ ok: true as const, r }),
            (e: unknown) => ({ ok: false as const, e }),
          ),
          api.listAdjustments({ year: app.year, scheme: code }),
          api.listVetoes({ year: app.year, scheme: code }),
        ]);
        setScheme(s);
        setAdjustments(adj);
        setVetoes(vet);
        if (!scored.ok) {
          resultCache.delete(key);
          const p = (scored.e as { problems?: Problem[] }).problems;
          setResult(null);
          if (Array.isArray(p) && p.length) {
            setProblems(p);
            return;
          }
          throw scored.e;
        }
        setResult(scored.r);
        setProblems(null);
        resultCache.set(key, { scheme: s, result: scored.r, adjustments: adj, vetoes: vet });
      });
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `app` is the context value, new after every refresh or page switch; reload only on year/scheme
    [code, app.year],
  );

  const active = usePageActive();
  useEffect(() => {
    if (active) {
      void load(true);
      return;
    }
    // Drawn in advance while hidden: take prefetched results, ask for nothing.
    const cached = code ? resultCache.get(cacheKey(app.year, code)) : undefined;
    if (cached && !result) {
      setScheme(cached.scheme);
      setResult(cached.result);
      setAdjustments(cached.adjustments);
      setVetoes(cached.vetoes);
    }
  }, [load, active]); // eslint-disable-line react-hooks/exhaustive-deps -- runs when the page is shown or the load changes; the cache check reads the current values

  const afterChange = async () => {
    setDialog(null);
    await load();
    void app.refresh();
  };

  // A locked scheme takes no bonus, deduction or veto: the buttons say why they are off.
  const lockReason = app.current?.state === 'locked' ? lockedReason(app.current.lockedAt) : null;

  const cols = useMemo<ColDef<TargetResult>[]>(
    () => [
      { field: 'rank', headerName: '名次', width: 64, pinned: 'left' },
      { field: 'target', headerName: '编码', width: 90, pinned: 'left' },
      { field: 'name', headerName: '名称', width: 170, pinned: 'left', tooltipField: 'name' },
      ...(scheme?.indicators ?? []).map((d): ColDef<TargetResult> => ({
        colId: `dim-${d.code}`,
        headerName: `${d.name}`,
        headerTooltip: `${d.code} ${d.name}`,
        width: 100,
        valueGetter: (p) => p.data?.dimensions[d.code]?.score ?? '',
        type: 'rightAligned',
      })),
      { field: 'base', headerName: '基础分', width: 85, type: 'rightAligned' },
      { field: 'bonus', headerName: '加分', width: 70, type: 'rightAligned' },
      { field: 'deduction', headerName: '减分', width: 70, type: 'rightAligned' },
      // 总分 and 等次 stay in view on the right whatever the number of dimensions (1366-wide screens).
      { field: 'total', headerName: '总分', width: 85, type: 'rightAligned', cellClass: 'strong', pinned: 'right' },
      {
        field: 'grade',
        headerName: '等次',
        width: 80,
        pinned: 'right',
        cellStyle: (p) => ({
          color: '#fff',
          background: gradeColour(String(p.value ?? ''), scheme?.grades),
          fontWeight: 600,
          textAlign: 'center',
        }),
      },
      { field: 'veto', headerName: '一票否决', width: 140, valueFormatter: (p) => p.value ?? '', cellClass: 'bad' },
      { colId: 'flags', headerName: '标记', flex: 1, minWidth: 140, valueGetter: (p) => flagsText(p.data?.flags) },
    ],
    [scheme],
  );

  if (app.openTarget && result && scheme && code) {
    const r = result.results.find((x) => x.target === app.openTarget);
    if (r) {
      return (
        <div className="page" data-testid="results-page">
          <TargetDetail
            scheme={scheme}
            result={result}
            target={r}
            adjustments={adjustments.filter((a) => a.target === r.target)}
            onBack={() => app.setOpenTarget(null)}
            lockReason={lockReason}
            onAdjust={() => setDialog('adjust')}
            onVeto={() => setDialog('veto')}
            onRemoveVeto={() => {
              const v = vetoes.find((x) => x.target === r.target);
              if (v) setRemoving({ kind: 'veto', row: v });
            }}
            onRemoveAdjustment={(a) => setRemoving({ kind: 'adj', row: a })}
          />
          {renderDialogs()}
        </div>
      );
    }
  }

  function renderDialogs() {
    if (!code || !result) return null;
    return (
      <>
        {dialog === 'adjust' && (
          <AdjustmentDialog
            scheme={code}
            results={result.results}
            initialTarget={app.openTarget}
            onCancel={() => setDialog(null)}
            onDone={afterChange}
          />
        )}
        {dialog === 'veto' && (
          <VetoDialog
            scheme={code}
            results={result.results}
            initialTarget={app.openTarget}
            onCancel={() => setDialog(null)}
            onDone={afterChange}
          />
        )}
        {removing && (
          <ReasonDialog
            title={
              removing.kind === 'adj'
                ? `撤销${removing.row.kind === 'bonus' ? '加分' : '减分'} ${removing.row.points} 分（${removing.row.target}）`
                : `撤销一票否决（${removing.row.target}）`
            }
            onCancel={() => setRemoving(null)}
            confirmText="撤销"
            onConfirm={async (reason) => {
              const ok = await app.run('正在撤销', () =>
                (removing.kind === 'adj'
                  ? api.removeAdjustment({ year: app.year, scheme: code, id: removing.row.id, reason })
                  : api.removeVeto({ year: app.year, scheme: code, target: removing.row.target, reason })
                ).then(() => true),
              );
              setRemoving(null);
              if (ok) await afterChange();
            }}
          />
        )}
      </>
    );
  }

  return (
    <div className="page page-fill" data-testid="results-page">
      <div className="page-head">
        <h1>考核结果</h1>
        <SchemePicker />
        <div className="toolbar">
          <button
            type="button"
            onClick={() => setDialog('adjust')}
            disabled={!result || !!lockReason}
            title={lockReason ?? undefined}
            data-testid="open-adjust"
          >
            加分 / 减分
          </button>
          <button
            type="button"
            onClick={() => setDialog('veto')}
            disabled={!result || !!lockReason}
            title={lockReason ?? undefined}
            data-testid="open-veto"
          >
            一票否决
          </button>
          <ExportFinanceButton testId="export-results" disabled={!result} />
        </div>
      </div>
      <LockedNote />
      {problems && (
        <div className="panel bad" data-testid="results-problems">
          <strong>方案有 {problems.length} 处问题，不能计分：</strong>
          <ul>
            {problems.map((p, i) => (
              <li key={i}>
                <code>{problemParts(p).place}</code> {problemParts(p).text}
              </li>
            ))}
          </ul>
        </div>
      )}
      {result && (
        <>
          <div className="tabs" role="tablist">
            {(
              [
                ['ranking', '排名'],
                ['charts', '图表'],
                ['whatif', '假设分析'],
                ['adjustments', `加减分与否决（${adjustments.length + vetoes.length}）`],
              ] as [Tab, string][]
            ).map(([t, label]) => (
              <button
                key={t}
                type="button"
                role="tab"
                aria-selected={tab === t}
                className={tab === t ? 'active' : ''}
                onClick={() => setTab(t)}
                data-testid={`results-tab-${t}`}
              >
                {label}
              </button>
            ))}
            <span className="muted tab-note">
              共 {result.results.length} 个对象，满分 {result.fullScore}。双击或按回车查看单个对象。
            </span>
          </div>
          {tab === 'ranking' && (
            <Grid
              testId="ranking-grid"
              rowData={result.results}
              columnDefs={cols}
              getRowId={(p) => p.data.target}
              onRowDoubleClicked={(e) => e.data && app.setOpenTarget(e.data.target)}
              onCellKeyDown={(e) => {
                if ((e.event as KeyboardEvent | undefined)?.key === 'Enter' && e.data) app.setOpenTarget(e.data.target);
              }}
              tooltipShowDelay={300}
            />
          )}
          {tab === 'charts' && scheme && <ResultCharts scheme={scheme} result={result} />}
          {tab === 'whatif' && scheme && <WhatIfPanel scheme={scheme} result={result} />}
          {tab === 'adjustments' && (
            <div className="scroll">
              <table className="table" data-testid="adjustment-table">
                <thead>
                  <tr>
                    <th>对象</th>
                    <th>类别</th>
                    <th>分数</th>
                    <th>原因</th>
                    <th>录入</th>
                    <th />
                  </tr>
                </thead>
                <tbody>
                  {adjustments.map((a) => (
                    <tr key={a.id}>
                      <td>{result.results.find((r) => r.target === a.target)?.name ?? a.target}</td>
                      <td>{a.kind === 'bonus' ? '加分' : '减分'}</td>
                      <td className="num">{a.points}</td>
                      <td>{a.reason}</td>
                      <td className="muted">
                        {a.createdBy} {formatTime(a.createdAt)}
                      </td>
                      <td>
                        <button
                          type="button"
                          className="link"
                          onClick={() => setRemoving({ kind: 'adj', row: a })}
                          disabled={!!lockReason}
                          title={lockReason ?? undefined}
                        >
                          撤销
                        </button>
                      </td>
                    </tr>
                  ))}
                  {vetoes.map((v) => (
                    <tr key={`v-${v.target}`} className="bad">
                      <td>{result.results.find((r) => r.target === v.target)?.name ?? v.target}</td>
                      <td>一票否决</td>
                      <td />
                      <td>{v.reason}</td>
                      <td className="muted">
                        {v.createdBy} {formatTime(v.createdAt)}
                      </td>
                      <td>
                        <button
                          type="button"
                          className="link"
                          onClick={() => setRemoving({ kind: 'veto', row: v })}
                          disabled={!!lockReason}
                          title={lockReason ?? undefined}
                        >
                          撤销
                        </button>
                      </td>
                    </tr>
                  ))}
                  {adjustments.length + vetoes.length === 0 && (
                    <tr>
                      <td colSpan={6} className="muted">
                        没有加减分或一票否决。
                      </td>
                    </tr>
                  )}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
      {renderDialogs()}
    </div>
  );
}
