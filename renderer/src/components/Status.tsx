import { useEffect } from 'react';
import { useStatus } from '../app/context';
import { codeName } from '../lib/errors';
import { IssueTable } from './IssueTable';
import { problemParts } from '../../../shared/scheme/place';

/** The progress bar of every long call: "校验 1200/3000（40%）" when the work reports its steps, indeterminate otherwise. */
export function BusyBar() {
  const { busy, progress } = useStatus();
  if (busy.length === 0) return <div className="busy-slot" />;
  const f = progress?.fraction;
  const label = busy[busy.length - 1]!;
  return (
    <div
      className="busy-slot"
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={f != null ? Math.round(f * 100) : undefined}
      data-testid="busy"
    >
      <div className="busy-bar">
        {f != null ? (
          <div className="busy-fill" style={{ width: `${Math.round(f * 100)}%` }} />
        ) : (
          <div className="busy-runner" />
        )}
      </div>
      <div className="busy-label">
        {progress?.message && progress.message !== '正在处理…' ? progress.message : `${label}……`}
        {f != null ? `（${Math.round(f * 100)}%）` : ''}
      </div>
    </div>
  );
}

export function ErrorBanner() {
  const { error, clearError } = useStatus();
  useEffect(() => {
    if (!error) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !document.querySelector('.modal')) clearError();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [error, clearError]);
  if (!error) return null;
  return (
    <div className="error-banner" role="alert" data-testid="error-banner" data-code={error.code}>
      <div className="error-head">
        <strong>{codeName(error.code)}：</strong>
        <span data-testid="error-message">{error.message}</span>
        <button type="button" className="link" onClick={clearError} data-testid="error-close">
          关闭
        </button>
      </div>
      {error.problems.length > 0 && (
        <ul className="problem-list">
          {error.problems.slice(0, 30).map((p, i) => (
            <li key={i}>
              <code>{problemParts(p).place}</code> {problemParts(p).text}
            </li>
          ))}
          {error.problems.length > 30 && <li>……另有 {error.problems.length - 30} 处</li>}
        </ul>
      )}
      {error.errors.length > 0 && <IssueTable issues={error.errors} kind="error" />}
    </div>
  );
}

export function Notices() {
  const { notices } = useStatus();
  return (
    <div className="notices" aria-live="polite">
      {notices.map((n) => (
        <div key={n.id} className={`notice ${n.kind}`} data-testid="notice">
          {n.text}
        </div>
      ))}
    </div>
  );
}
