import { useCallback, useContext, useEffect, useState } from 'react';
import type { BackupInfo, BackupSummary } from '../../../../shared/api/contract';
import { api } from '../../api/transport';
import { useApp } from '../../app/context';
import { ReopenContext } from '../../app/database';
import { usePageActive } from '../../app/active';
import { downloadPayload, pickFile } from '../../lib/files';
import type { RestoreChoice } from './backups';

/**
 * The backups folder: its list (read when the page is shown), a new backup, a copy saved elsewhere,
 * and a restore, which is described and confirmed first and then starts every page afresh.
 */
export function useBackups() {
  const app = useApp();
  const active = usePageActive();
  const reopen = useContext(ReopenContext);
  const [backupPath, setBackupPath] = useState<string | null>(null);
  const [backups, setBackups] = useState<BackupInfo[]>([]);
  const [confirm, setConfirm] = useState<RestoreChoice | null>(null);
  const [summary, setSummary] = useState<BackupSummary | null>(null);

  const loadBackups = useCallback(async () => {
    const list = await app.run('正在读取备份列表', () => api.listBackups());
    if (list) setBackups(list);
  }, [app]);

  useEffect(() => {
    if (active) void loadBackups();
  }, [active]); // eslint-disable-line react-hooks/exhaustive-deps -- load when the page is shown, not each time `app` (and so loadBackups) changes

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
    const s = await app.run('正在检查备份文件', () => api.inspectBackup(choice));
    if (s) {
      setSummary(s);
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

  return {
    backups,
    backupPath,
    confirm,
    summary,
    backup,
    saveCopy,
    ask,
    chooseUpload,
    restore,
    cancelRestore: () => setConfirm(null),
  };
}

export type Backups = ReturnType<typeof useBackups>;
