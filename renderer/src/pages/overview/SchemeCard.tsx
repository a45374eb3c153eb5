import type { SchemeSummary } from '../../../../shared/api/contract';
import { TARGET_KIND_NAMES } from '../../../../shared/domain/types';
import { useApp } from '../../app/context';
import { STATE_NAMES } from '../../lib/format';
import { completeness, nextStep } from './newYear';

/** One scheme of the year: its state, completeness, counts and the next step, with a button to it. */
export function SchemeCard({ s }: { s: SchemeSummary }) {
  const app = useApp();
  const pct = completeness(s);
  const step = nextStep(s);
  return (
    <section className="card" data-testid={`scheme-card-${s.code}`}>
      <div className="card-head">
        <span className="card-title">{s.name}</span>
        <span className={`state-badge state-${s.state}`} data-testid="card-state">
          {STATE_NAMES[s.state]}
        </span>
      </div>
      <div className="card-meta">
        编码 {s.code} · {TARGET_KIND_NAMES[s.targetKind]} · {s.targets} 个对象 · {s.leaves} 项指标
      </div>
      <div className="completeness">
        <div className="meter">
          <div className="meter-fill" style={{ width: `${pct}%` }} />
        </div>
        <span>完成 {pct}%</span>
      </div>
      <div className="card-counts">
        <span className="pill missing" data-testid="card-missing">
          缺报 {s.missing}
        </span>
        <span className="pill na" data-testid="card-na">
          不适用 {s.na}
        </span>
        <span className={`pill ${s.valid ? 'ok' : 'bad'}`}>{s.valid ? '方案有效' : `方案问题 ${s.problems}`}</span>
        <span className="pill">公益性占比 {(Number(s.publicWelfareShare) * 100).toFixed(1)}%</span>
      </div>
      <div className="next-step">
        <span data-testid="card-next">下一步：{step.text}</span>
        <button
          type="button"
          onClick={() => {
            app.setSchemeCode(s.code);
            app.go(step.page);
          }}
          data-testid={`card-go-${s.code}`}
        >
          {step.action}
        </button>
      </div>
    </section>
  );
}
