import { useCallback, useContext, useEffect, useState } from 'react';
import type { BackupInfo, BackupSummary, FilePayload } from '../../../shared/api/contract';
import { api } from '../api/transport';
import { useApp } from '../app/context';
import { ReopenContext, useDatabaseSwitch } from '../app/database';
import { usePageActive } from '../app/active';
import { Dialog, Field } from '../components/Dialog';
import { downloadPayload, pickFile } from '../lib/files';
import { formatTime } from '../lib/format';

const KIND_NAMES: Record<BackupInfo['kind'], string> = {
  backup: '手动备份',
  safety: '恢复前自动备份',
  upload: '上传的备份',
  other: '其他',
};

function sizeText(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** What the confirmation dialog restores: a listed backup or a file the user chose. */
type RestoreChoice = { name: string } | { upload: FilePayload };

export function SettingsPage() {
  const app = useApp();
  const active = usePageActive();
  const reopen = useContext(ReopenContext);
  const { openDemo, openMain } = useDatabaseSwitch();
  const [county, setCounty] = useState(app.settings?.countyName ?? '');
  const [who, setWho] = useState(app.settings?.appraiserName ?? '');
  const [backupPath, setBackupPath] = useState<string | null>(null);
  const [backups, setBackups] = useState<BackupInfo[]>([]);
  const [confirm, setConfirm] = useState<RestoreChoice | null>(null);
  const [summary, setSummary] = useState<BackupSummary | null>(null);
  const isDemo = app.settings?.isDemo ?? false;

  useEffect(() => {
    setCounty(app.settings?.countyName ?? '');
    setWho(app.settings?.appraiserName ?? '');
  }, [app.settings]);

  const loadBackups = useCallback(async () => {
    const list = await app.run('正在读取备份列表', () => api.listBackups());
    if (list) setBackups(list);
  }, [app]);

  useEffect(() => {
    if (active) void loadBackups();
  }, [active]); // eslint-disable-line react-hooks/exhaustive-deps -- load when the page is shown, not each time `app` (and so loadBackups) changes

  const save = async () => {
    const r = await app.run('正在保存设置', () =>
      api.saveSettings({ countyName: county.trim(), appraiserName: who.trim() }),
    );
    if (r) {
      app.notify('设置已保存');
      await app.refresh();
    }
  };

  const backup = async () => {
    const r = await app.run('正在备份数据库', () => api.backup({}));
    if (r) {
      setBackupPath(r.path);
      app.notify('备份完成');
      await loadBackups();
    }
  };

  const saveCopy = async (name: string) => {
    const p = await app.run('正在读取备份文件', () => api.downloadBackup({ name }));
    if (p) downloadPayload(p);
  };

  /** The backup is checked and described before the user is asked to confirm (nothing changes yet). */
  const ask = async (choice: RestoreChoice) => {
    const summary = await app.run('正在检查备份文件', () => api.inspectBackup(choice));
    if (summary) {
      setSummary(summary);
      setConfirm(choice);
    }
  };

  const chooseUpload = async () => {
    const picked = await pickFile('.db,.sqlite');
    if (picked) await ask({ upload: picked.payload });
  };

  const restore = async () => {
    const choice = confirm;
    setConfirm(null);
    if (!choice) return;
    const r = await app.run('正在恢复数据库', () => api.restore(choice));
    // Every page now shows data of the restored file: start them afresh.
    if (r) reopen(`已恢复；恢复前的数据已自动备份为 ${r.safetyBackup}`);
  };

  const choiceName = confirm ? ('name' in confirm ? confirm.name : confirm.upload.fileName) : '';

  return (
    <div className="page" data-testid="settings-page">
      <div className="page-head">
        <h1>设置</h1>
      </div>
      <section className="panel">
        <h2>单位与考核人</h2>
        <p className="muted">县名写入导出报表的标题；考核人姓名记入每一条操作日志和导出报表。</p>
        <Field label="县（区）名称">
          <input
            value={county}
            onChange={(e) => setCounty(e.target.value)}
            placeholder="如：某某县"
            data-testid="settings-county"
            onKeyDown={(e) => {
              if (e.key === 'Enter') void save();
            }}
          />
        </Field>
        <Field label="考核人姓名">
          <input
            value={who}
            onChange={(e) => setWho(e.target.value)}
            data-testid="settings-appraiser"
            onKeyDown={(e) => {
              if (e.key === 'Enter') void save();
            }}
          />
        </Field>
        <button type="button" className="primary" onClick={save} data-testid="settings-save">
          保存
        </button>
      </section>
      <section className="panel">
        <h2>数据位置</h2>
        <Field label="数据文件夹">
          <span className="mono" data-testid="settings-folder">
            {app.settings?.dataFolder ?? ''}
          </span>
        </Field>
        <Field label="数据库文件">
          <span className="mono" data-testid="settings-db">
            {app.settings?.dbPath ?? ''}
          </span>
        </Field>
        <Field label="示例数据" hint="示例县的数据保存在单独的数据库文件中，不会混入正式数据">
          <span className="row">
            {isDemo ? (
              <button type="button" onClick={() => void openMain()} data-testid="settings-leave-demo">
                返回正式数据
              </button>
            ) : (
              <button type="button" onClick={() => void openDemo()} data-testid="settings-open-demo">
                打开示例数据库
              </button>
            )}
          </span>
        </Field>
      </section>
      <section className="panel">
        <h2>备份与恢复</h2>
        <p className="muted">
          备份会把整个数据库复制到数据文件夹下的“备份”文件夹（程序运行中也可以备份），可再“另存副本”到 U 盘等处。
          恢复时会先把当前数据自动备份一份（“恢复前自动备份”），再用所选备份替换当前数据。
        </p>
        <div className="row">
          <button type="button" onClick={backup} data-testid="settings-backup">
            立即备份
          </button>
          {backupPath && (
            <span className="mono" data-testid="backup-path">
              {backupPath}
            </span>
          )}
        </div>
        {isDemo && (
          <p className="muted" data-testid="restore-demo-note">
            当前打开的是示例数据库，不能恢复备份；请先返回正式数据。
          </p>
        )}
        {backups.length === 0 ? (
          <p className="muted" data-testid="backup-empty">
            “备份”文件夹中还没有备份。
          </p>
        ) : (
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
              {backups.map((b) => (
                <tr key={b.name} data-testid="backup-row" data-name={b.name}>
                  <td className="mono">{b.name}</td>
                  <td>{KIND_NAMES[b.kind]}</td>
                  <td>{formatTime(b.at)}</td>
                  <td className="num">{sizeText(b.size)}</td>
                  <td>
                    <span className="row">
                      <button
                        type="button"
                        onClick={() => void ask({ name: b.name })}
                        disabled={isDemo}
                        data-testid="backup-restore"
                      >
                        恢复
                      </button>
                      <button type="button" onClick={() => void saveCopy(b.name)} data-testid="backup-save-copy">
                        另存副本
                      </button>
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <div className="row">
          <button type="button" onClick={() => void chooseUpload()} disabled={isDemo} data-testid="restore-upload">
            从其他备份文件恢复…
          </button>
          <span className="muted">所选文件会先复制到“备份”文件夹，再用于恢复。</span>
        </div>
      </section>
      {confirm && (
        <Dialog
          title="从备份恢复"
          danger
          confirmText="恢复"
          onCancel={() => setConfirm(null)}
          onConfirm={() => void restore()}
          testId="restore-confirm"
        >
          <p>
            将用 <span className="mono">{choiceName}</span> 替换当前数据库中的全部数据。
          </p>
          {summary && (
            <ul className="backup-summary" data-testid="restore-summary">
              <li>县（区）：{summary.county || '（未填写）'}</li>
              <li>考核年度：{summary.years.length ? summary.years.join('、') : '（无）'}</li>
              <li>
                方案 {summary.counts.schemes} 个
                {summary.schemes.length > 0 &&
                  `：${summary.schemes
                    .slice(0, 8)
                    .map((x) => `${x.year} ${x.name}${x.locked ? '（已定稿）' : ''}`)
                    .join('；')}${summary.schemes.length > 8 ? ' …' : ''}`}
              </li>
              <li>
                考核对象 {summary.counts.targets} 个，指标值 {summary.counts.values} 个，年薪基础数据{' '}
                {summary.counts.salaryInputs} 条
              </li>
              <li>最近一次修改：{summary.newestChange ? formatTime(summary.newestChange) : '（无记录）'}</li>
            </ul>
          )}
          <p>恢复前会先把当前数据自动备份到“备份”文件夹（“恢复前自动备份-时间.db”），恢复错了可以再从它恢复。</p>
          <p>确定恢复吗？</p>
        </Dialog>
      )}
    </div>
  );
}
