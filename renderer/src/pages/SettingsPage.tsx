import { useEffect, useState } from 'react';
import { api } from '../api/transport';
import { useApp } from '../app/context';
import { Dialog, Field } from '../components/Dialog';

export function SettingsPage() {
  const app = useApp();
  const [county, setCounty] = useState(app.settings?.countyName ?? '');
  const [who, setWho] = useState(app.settings?.appraiserName ?? '');
  const [backupPath, setBackupPath] = useState<string | null>(null);
  const [restoreFile, setRestoreFile] = useState('');
  const [confirmRestore, setConfirmRestore] = useState(false);

  useEffect(() => {
    setCounty(app.settings?.countyName ?? '');
    setWho(app.settings?.appraiserName ?? '');
  }, [app.settings]);

  const save = async () => {
    const r = await app.run('正在保存设置', () => api.saveSettings({ countyName: county.trim(), appraiserName: who.trim() }));
    if (r) { app.notify('设置已保存'); await app.refresh(); }
  };

  const backup = async () => {
    const r = await app.run('正在备份数据库', () => api.backup({}));
    if (r) { setBackupPath(r.path); setRestoreFile((f) => f || r.path); app.notify('备份完成'); }
  };

  const restore = async () => {
    setConfirmRestore(false);
    const r = await app.run('正在恢复数据库', () => api.restore({ file: restoreFile.trim() }));
    if (r) {
      app.notify('已恢复');
      setBackupPath(`恢复前的数据已另存为：${r.safetyBackup}`);
      await app.refresh();
    }
  };

  return (
    <div className="page" data-testid="settings-page">
      <div className="page-head"><h1>设置</h1></div>
      <section className="panel">
        <h2>单位与考核人</h2>
        <p className="muted">县名写入导出报表的标题；考核人姓名记入每一条操作日志和导出报表。</p>
        <Field label="县（区）名称"><input value={county} onChange={(e) => setCounty(e.target.value)} placeholder="如：某某县" data-testid="settings-county"
          onKeyDown={(e) => { if (e.key === 'Enter') void save(); }} /></Field>
        <Field label="考核人姓名"><input value={who} onChange={(e) => setWho(e.target.value)} data-testid="settings-appraiser"
          onKeyDown={(e) => { if (e.key === 'Enter') void save(); }} /></Field>
        <button type="button" className="primary" onClick={save} data-testid="settings-save">保存</button>
      </section>
      <section className="panel">
        <h2>数据位置</h2>
        <Field label="数据文件夹"><span className="mono" data-testid="settings-folder">{app.settings?.dataFolder ?? ''}</span></Field>
        <Field label="数据库文件"><span className="mono" data-testid="settings-db">{app.settings?.dbPath ?? ''}</span></Field>
      </section>
      <section className="panel">
        <h2>备份与恢复</h2>
        <p className="muted">备份会把整个数据库复制一份到数据文件夹（程序运行中也可以备份）。恢复会先把当前数据另存一份，再用备份替换。</p>
        <div className="row">
          <button type="button" onClick={backup} data-testid="settings-backup">立即备份</button>
          {backupPath && <span className="mono" data-testid="backup-path">{backupPath}</span>}
        </div>
        <Field label="从备份文件恢复" hint="填写备份文件的完整路径">
          <span className="row">
            <input value={restoreFile} onChange={(e) => setRestoreFile(e.target.value)} style={{ width: 480 }} data-testid="restore-file" />
            <button type="button" onClick={() => setConfirmRestore(true)} disabled={!restoreFile.trim()} data-testid="settings-restore">恢复</button>
          </span>
        </Field>
      </section>
      {confirmRestore && (
        <Dialog title="从备份恢复" danger confirmText="恢复" onCancel={() => setConfirmRestore(false)} onConfirm={restore}>
          <p>将用 <span className="mono">{restoreFile}</span> 替换当前数据库。当前数据会先另存一份。</p>
          <p>确定恢复吗？</p>
        </Dialog>
      )}
    </div>
  );
}
