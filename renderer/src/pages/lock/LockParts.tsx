import type { SchemeSummary } from '../../../../shared/api/contract';
import { Dialog } from '../../components/Dialog';
import { ReasonDialog } from '../../components/ReasonDialog';
import { lockDialogLines, lockRow, type VerifyView } from './lockRows';
import type { Locking } from './useLocking';

/** A finance workbook's verification: the verdict, the message and the first differing cells. */
export function VerifyResult({ v, onClose }: { v: VerifyView; onClose: () => void }) {
  return (
    <div className={`verify-result ${v.ok ? 'ok' : 'bad'}`} data-testid="verify-result" role="status">
      <strong data-testid="verify-verdict">{v.verdict}</strong>
      <span>
        　<span className="mono">{v.fileName}</span>：{v.message}
      </span>
      {v.differences.length > 0 && (
        <ul>
          {v.differences.map((d) => (
            <li key={d.cell}>{d.text}</li>
          ))}
        </ul>
      )}
      <button type="button" className="link" onClick={onClose}>
        关闭
      </button>
    </div>
  );
}

export function LockExplain() {
  return (
    <div className="explain" data-testid="lock-explain">
      <h2>定稿意味着什么</h2>
      <ul>
        <li>
          定稿后，这一年度这个方案的<strong>指标体系、指标值、加减分和一票否决都不能再修改</strong>
          ，导入和粘贴也会被拒绝。
        </li>
        <li>考核结果就此固定，年薪核算和资金分配都以定稿的结果为准。</li>
        <li>
          定稿后导出的财政报表，每页页脚带有<strong>数据指纹</strong>
          和定稿时间，可以据此核对报表是否出自定稿数据（“核验财政报表…”）。
        </li>
        <li>定稿也冻结考核对象名单：之后新增、停用、改名或调整所属集团，都不改变已定稿年度的结果、年薪和报表。</li>
        <li>
          确需修改时可以解除定稿，但<strong>必须填写原因</strong>，解除和之后的每一处修改都记入操作日志。
        </li>
      </ul>
    </div>
  );
}

/** One row per scheme of the year: its state, lock time, missing values, fingerprint and actions. */
export function LockTable({ schemes, l }: { schemes: SchemeSummary[]; l: Locking }) {
  return (
    <table className="table" data-testid="lock-table">
      <thead>
        <tr>
          <th>方案</th>
          <th>状态</th>
          <th>定稿时间</th>
          <th>缺报</th>
          <th>数据指纹</th>
          <th>操作</th>
        </tr>
      </thead>
      <tbody>
        {schemes.map((s) => {
          const r = lockRow(s, l.fingerprints);
          return (
            <tr key={r.code} data-testid={`lock-row-${r.code}`}>
              <td>{r.title}</td>
              <td>
                <span className={`state-badge state-${r.state}`}>{r.stateText}</span>
              </td>
              <td>{r.lockedAt}</td>
              <td className="num">{r.missing}</td>
              <td className="mono">{r.fingerprint}</td>
              <td className="row">
                {r.action === 'unlock' ? (
                  <button type="button" onClick={() => l.setUnlocking(r.code)} data-testid={`unlock-${r.code}`}>
                    解除定稿
                  </button>
                ) : (
                  <button
                    type="button"
                    className="primary"
                    onClick={() => l.setLocking(r.code)}
                    disabled={!r.canLock}
                    data-testid={`lock-${r.code}`}
                  >
                    定稿
                  </button>
                )}
                <button
                  type="button"
                  data-testid={`lock-export-${r.code}`}
                  onClick={() => void l.exportResults(r.code)}
                >
                  导出财政报表
                </button>
              </td>
            </tr>
          );
        })}
        {schemes.length === 0 && (
          <tr>
            <td colSpan={6} className="muted">
              本年度没有方案。
            </td>
          </tr>
        )}
      </tbody>
    </table>
  );
}

/** The lock confirmation and the unlock reason, for the scheme whose button was pressed. */
export function LockDialogs({ schemes, year, l }: { schemes: SchemeSummary[]; year: number; l: Locking }) {
  const s = l.locking ? schemes.find((x) => x.code === l.locking) : undefined;
  const unlocking = l.unlocking;
  return (
    <>
      {s && (
        <Dialog
          title={`定稿：${s.name}`}
          confirmText="确认定稿"
          testId="lock-dialog"
          onCancel={() => l.setLocking(null)}
          onConfirm={() => void l.lock(s.code)}
        >
          {lockDialogLines(s, year).map((p, i) => (
            <p key={i} className={p.warn ? 'bad' : undefined}>
              {p.text}
            </p>
          ))}
        </Dialog>
      )}
      {unlocking && (
        <ReasonDialog
          title={`解除定稿：${unlocking}`}
          note="解除后数据可以修改，原因记入操作日志；修改后须重新定稿。"
          confirmText="解除定稿"
          onCancel={() => l.setUnlocking(null)}
          onConfirm={(reason) => void l.unlock(unlocking, reason)}
        />
      )}
    </>
  );
}
