import { useState } from 'react';
import type { WorkbookVerification } from '../../../shared/api/contract';
import { api } from '../api/transport';
import { useApp } from '../app/context';
import { Dialog } from '../components/Dialog';
import { ReasonDialog } from '../components/ReasonDialog';
import { downloadPayload, pickFile } from '../lib/files';
import { STATE_NAMES, formatTime } from '../lib/format';

export function LockPage() {
  const app = useApp();
  const [locking, setLocking] = useState<string | null>(null);
  const [unlocking, setUnlocking] = useState<string | null>(null);
  const [fingerprints, setFingerprints] = useState<Record<string, string>>({});
  const [verified, setVerified] = useState<{ fileName: string; v: WorkbookVerification } | null>(null);

  const verify = async () => {
    const f = await pickFile('.xlsx');
    if (!f) return;
    const v = await app.run('正在核验财政报表', () => api.verifyWorkbook({ file: f.payload }));
    if (v) setVerified({ fileName: f.payload.fileName, v });
  };

  return (
    <div className="page" data-testid="lock-page">
      <div className="page-head">
        <h1>定稿</h1>
        <div className="toolbar">
          <button
            type="button"
            onClick={verify}
            data-testid="verify-workbook"
            title="选择一份导出的财政报表，核对它的数据是否就是本库中的定稿数据"
          >
            核验财政报表…
          </button>
        </div>
      </div>
      {verified && (
        <div className={`verify-result ${verified.v.ok ? 'ok' : 'bad'}`} data-testid="verify-result" role="status">
          <strong data-testid="verify-verdict">{verified.v.ok ? '一致' : '不一致'}</strong>
          <span>
            　<span className="mono">{verified.fileName}</span>：{verified.v.message}
          </span>
          {verified.v.differences.length > 1 && (
            <ul>
              {verified.v.differences.slice(0, 10).map((d) => (
                <li key={d.cell}>
                  {d.cell}：工作簿中为“{d.workbook}”，定稿数据为“{d.locked}”
                </li>
              ))}
            </ul>
          )}
          <button type="button" className="link" onClick={() => setVerified(null)}>
            关闭
          </button>
        </div>
      )}
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
          {app.schemes.map((s) => (
            <tr key={s.code} data-testid={`lock-row-${s.code}`}>
              <td>
                {s.name}（{s.code}）
              </td>
              <td>
                <span className={`state-badge state-${s.state}`}>{STATE_NAMES[s.state]}</span>
              </td>
              <td>{formatTime(s.lockedAt)}</td>
              <td className="num">{s.missing}</td>
              <td className="mono">{fingerprints[s.code] ?? ''}</td>
              <td className="row">
                {s.state === 'locked' ? (
                  <button type="button" onClick={() => setUnlocking(s.code)} data-testid={`unlock-${s.code}`}>
                    解除定稿
                  </button>
                ) : (
                  <button
                    type="button"
                    className="primary"
                    onClick={() => setLocking(s.code)}
                    disabled={!s.valid}
                    data-testid={`lock-${s.code}`}
                  >
                    定稿
                  </button>
                )}
                <button
                  type="button"
                  data-testid={`lock-export-${s.code}`}
                  onClick={async () => {
                    const p = await app.run('正在生成财政报表', () =>
                      api.exportResults({ year: app.year, scheme: s.code }),
                    );
                    if (p) downloadPayload(p);
                  }}
                >
                  导出财政报表
                </button>
              </td>
            </tr>
          ))}
          {app.schemes.length === 0 && (
            <tr>
              <td colSpan={6} className="muted">
                本年度没有方案。
              </td>
            </tr>
          )}
        </tbody>
      </table>
      {locking &&
        (() => {
          const s = app.schemes.find((x) => x.code === locking)!;
          return (
            <Dialog
              title={`定稿：${s.name}`}
              confirmText="确认定稿"
              testId="lock-dialog"
              onCancel={() => setLocking(null)}
              onConfirm={async () => {
                const r = await app.run('正在定稿', () => api.lock({ year: app.year, scheme: locking }));
                setLocking(null);
                if (r) {
                  setFingerprints((f) => ({ ...f, [locking]: r.fingerprint }));
                  app.notify(`已定稿，数据指纹 ${r.fingerprint}`);
                  await app.refresh();
                }
              }}
            >
              <p>定稿后本方案 {app.year} 年度的数据不能再修改。</p>
              {s.missing > 0 && <p className="bad">注意：还有 {s.missing} 项缺报，缺报项按 0 分计。</p>}
              <p>确定定稿吗？</p>
            </Dialog>
          );
        })()}
      {unlocking && (
        <ReasonDialog
          title={`解除定稿：${unlocking}`}
          note="解除后数据可以修改，原因记入操作日志；修改后须重新定稿。"
          confirmText="解除定稿"
          onCancel={() => setUnlocking(null)}
          onConfirm={async (reason) => {
            const ok = await app.run('正在解除定稿', () =>
              api.unlock({ year: app.year, scheme: unlocking, reason }).then(() => true),
            );
            setUnlocking(null);
            if (ok) {
              app.notify('已解除定稿');
              await app.refresh();
            }
          }}
        />
      )}
    </div>
  );
}
