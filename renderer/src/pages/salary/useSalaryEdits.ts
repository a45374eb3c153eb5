import { useState } from 'react';
import type { ImportOutcome, SalaryInput } from '../../../../shared/api/contract';
import { api } from '../../api/transport';
import { useApp } from '../../app/context';
import { pickFile } from '../../lib/files';
import { newSalaryInput, refusedImport } from './model';

/**
 * The changes the 年薪核算 page makes to the year's inputs: add or edit one person (dialog), delete
 * one (with a reason), import a workbook. Each saved change calls `changed` (reload, results out of
 * date); a refused import only reloads and shows its errors.
 */
export function useSalaryEdits(o: { changed(): Promise<void>; load(): Promise<void> }) {
  const app = useApp();
  const [editing, setEditing] = useState<{ input: SalaryInput; isNew: boolean } | null>(null);
  const [removing, setRemoving] = useState<SalaryInput | null>(null);
  const [selected, setSelected] = useState<SalaryInput | null>(null);
  const [importResult, setImportResult] = useState<ImportOutcome | null>(null);

  const add = () => setEditing({ isNew: true, input: newSalaryInput(app.schemes[0]?.code ?? '') });
  const edit = (input: SalaryInput) => setEditing({ isNew: false, input: { ...input } });

  const save = async (input: SalaryInput) => {
    const ok = await app.run('正在保存', () => api.setSalaryInput({ year: app.year, input }).then(() => true));
    if (ok) {
      setEditing(null);
      app.notify(`已保存 ${input.person}`);
      await o.changed();
    }
  };

  const remove = async (reason: string) => {
    if (!removing) return;
    const { person, target } = removing;
    const ok = await app.run('正在删除', () =>
      api.removeSalaryInput({ year: app.year, person, target, reason }).then(() => true),
    );
    setRemoving(null);
    if (ok) {
      setSelected(null);
      await o.changed();
    }
  };

  const importFile = async () => {
    const f = await pickFile('.xlsx');
    if (!f) return;
    const r = await app.run('正在导入年薪基础数据', async () => {
      try {
        return await api.importSalary({ year: app.year, file: f.payload });
      } catch (e) {
        const refused = refusedImport(e);
        if (refused) return refused;
        throw e;
      }
    });
    if (!r) return;
    setImportResult(r);
    if (r.errors.length) return o.load();
    app.notify(`已导入 ${r.written} 人的年薪基础数据`);
    await o.changed();
  };

  return {
    editing,
    add,
    edit,
    cancelEdit: () => setEditing(null),
    save,
    removing,
    setRemoving,
    remove,
    selected,
    setSelected,
    importResult,
    closeImport: () => setImportResult(null),
    importFile,
  };
}
