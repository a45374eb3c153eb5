import { useApp } from '../app/context';
import { STATE_NAMES } from '../lib/format';
import { localTimeText } from '../../../shared/time';

/** Choose one of the year's schemes; shows its state beside it. */
export function SchemePicker() {
  const app = useApp();
  if (app.schemes.length === 0) return <span className="muted">本年度还没有考核方案</span>;
  return (
    <label className="scheme-picker">
      考核方案
      <select
        data-testid="scheme-select"
        value={app.schemeCode ?? ''}
        onChange={(e) => app.setSchemeCode(e.target.value)}
      >
        {app.schemes.map((s) => (
          <option key={s.code} value={s.code}>
            {s.name}（{s.code}）
          </option>
        ))}
      </select>
      {app.current && (
        <span className={`state-badge state-${app.current.state}`} data-testid="scheme-state">
          {STATE_NAMES[app.current.state]}
        </span>
      )}
    </label>
  );
}

/** Shown above editable pages when the scheme is locked. */
export function LockedNote() {
  const app = useApp();
  if (app.current?.state !== 'locked') return null;
  return (
    <div className="locked-note" data-testid="locked-note">
      本方案已定稿（{localTimeText(app.current.lockedAt)}
      ），数据不能再修改；如需修改，请先到“定稿”页解除定稿并说明原因。
    </div>
  );
}
