import { Dialog } from '../../components/Dialog';
import { formatTime } from '../../lib/format';
import { choiceName, KIND_NAMES, sizeText, summaryLines } from './backups';
import type { Backups } from './useBackups';

/** 备份与恢复: back up now, the list of backups (restore, save a copy), restore from another file. */
export function BackupPanel({ b, isDemo }: { b: Backups; isDemo: boolean }) {
  return (
    <section className="panel">
      <h2>备份与恢复</h2>
      <p className="muted">
        备份会把整个数据库复制到数据文件夹下的“备份”文件夹（程序运行中也可以备份），可再“另存副本”到 U 盘等处。
        恢复时会先把当前数据自动备份一份（“恢复前自动备份”），再用所选备份替换当前数据。
      </p>
      <div className="row">
        <button type="button" onClick={b.backup} data-testid="settings-backup">
          立即备份
        </button>
        {b.backupPath && (
          <span className="mono" data-testid="backup-path">
            {b.backupPath}
          </span>
        )}
      </div>
      {isDemo && (
        <p className="muted" data-testid="restore-demo-note">
          当前打开的是示例数据库，不能恢复备份；请先返回正式数据。
        </p>
      )}
      {b.backups.length === 0 ? (
        <p className="muted" data-testid="backup-empty">
          “备份”文件夹中还没有备份。
        </p>
      ) : (
        <BackupList b={b} isDemo={isDemo} />
      )}
      <div className="row">
        <button type="button" onClick={() => void b.chooseUpload()} disabled={isDemo} data-testid="restore-upload">
          从其他备份文件恢复…
        </button>
        <span className="muted">所选文件会先复制到“备份”文件夹，再用于恢复。</span>
      </div>
    </section>
  );
}

function BackupList({ b, isDemo }: { b: Backups; isDemo: boolean }) {
  return (
    <table className="backup-list" data-testid="backup-list">
      <thead>
        <tr>
          <th>备份文件</th>
          <th>类型</th>
          <th>时间</th>
          <th>大小</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {b.backups.map((x) => (
          <tr key={x.name} data-testid="backup-row" data-name={x.name}>
            <td className="mono">{x.name}</td>
            <td>{KIND_NAMES[x.kind]}</td>
            <td>{formatTime(x.at)}</td>
            <td className="num">{sizeText(x.size)}</td>
            <td>
              <span className="row">
                <button
                  type="button"
                  onClick={() => void b.ask({ name: x.name })}
                  disabled={isDemo}
                  data-testid="backup-restore"
                >
                  恢复
                </button>
                <button type="button" onClick={() => void b.saveCopy(x.name)} data-testid="backup-save-copy">
                  另存副本
                </button>
              </span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The confirmation before a backup replaces the data, describing what is in it. */
export function RestoreDialog({ b }: { b: Backups }) {
  if (!b.confirm) return null;
  return (
    <Dialog
      title="从备份恢复"
      danger
      confirmText="恢复"
      onCancel={b.cancelRestore}
      onConfirm={() => void b.restore()}
      testId="restore-confirm"
    >
      <p>
        将用 <span className="mono">{choiceName(b.confirm)}</span> 替换当前数据库中的全部数据。
      </p>
      {b.summary && (
        <ul className="backup-summary" data-testid="restore-summary">
          {summaryLines(b.summary).map((line, i) => (
            <li key={i}>{line}</li>
          ))}
        </ul>
      )}
      <p>恢复前会先把当前数据自动备份到“备份”文件夹（“恢复前自动备份-时间.db”），恢复错了可以再从它恢复。</p>
      <p>确定恢复吗？</p>
    </Dialog>
  );
}
