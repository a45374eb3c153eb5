import { useCallback, useEffect, useState } from 'react';
import type { ImportOutcome } from '../../../../shared/api/contract';
import type { Target } from '../../../../shared/domain/types';
import { api } from '../../api/transport';
import { useApp } from '../../app/context';
import { usePageActive } from '../../app/active';
import { downloadPayload, pickFile } from '../../lib/files';

/**
 * Every target with its years, read while the page is shown (again each time it is shown), and
 * the changes the page makes: save one (dialog), retire one from a year (停用), import a workbook,
 * download the template. After each change the list and the app's summaries are read again.
 */
export function useTargets() {
  const app = useApp();
  const [targets, setTargets] = useState<Target[]>([]);
  const [editing, setEditing] = useState<{ target: Target; isNew: boolean } | null>(null);
  const [retiring, setRetiring] = useState<Target | null>(null);
  const [selected, setSelected] = useState<Target | null>(null);
  const [importResult, setImportResult] = useState<ImportOutcome | null>(null);

  const load = useCallback(async () => {
    const list = await app.run('正在读取考核对象', () => api.listTargets({ includeInactive: true }));
    if (list) setTargets(list);
  }, [app.run]); // eslint-disable-line react-hooks/exhaustive-deps -- `app.run` is stable; `app` itself is new after every refresh

  const active = usePageActive();
  useEffect(() => {
    if (active) void load();
  }, [load, active]);

  const reload = async () => {
    await load();
    void app.refresh();
  };

  const save = async (t: Target, isNew: boolean, reason: string) => {
    const ok = await app.run('正在保存考核对象', () => api.saveTarget({ target: t, reason: reason || undefined }));
    if (!ok) return;
    // A warning (e.g. the same name twice in one group) does not stop the save; it is shown.
    if (ok.warnings.length)
      app.notify(`${isNew ? '已新增' : '已保存'} ${t.name}。注意：${ok.warnings.join('；')}`, 'info');
    else app.notify(isNew ? `已新增 ${t.name}` : `已保存 ${t.name}`);
    setEditing(null);
    await reload();
  };

  const retire = async (from: number, reason: string) => {
    if (!retiring) return;
    const r = await app.run('正在停用考核对象', () => api.retireTarget({ code: retiring.code, from, reason }));
    if (!r) return;
    app.notify(`${r.name} 自 ${from} 年度起不再考核；${from - 1} 年度及以前保留`);
    setRetiring(null);
    setSelected(null);
    await reload();
  };

  const importFile = async () => {
    const f = await pickFile('.xlsx');
    if (!f) return;
    const r = await app.run('正在导入考核对象', () => api.importTargets({ file: f.payload }));
    if (!r) return;
    setImportResult(r);
    if (r.errors.length === 0) app.notify(`已导入 ${r.written} 个考核对象`);
    await reload();
  };

  const downloadTemplate = async () => {
    const p = await app.run('正在生成考核对象模板', () => api.downloadTargetsTemplate({}));
    if (p) downloadPayload(p);
  };

  return {
    targets,
    editing,
    setEditing,
    retiring,
    setRetiring,
    selected,
    setSelected,
    importResult,
    closeImport: () => setImportResult(null),
    save,
    retire,
    importFile,
    downloadTemplate,
  };
}
