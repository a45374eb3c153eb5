import type { Problem, Scheme } from '../../../../shared/domain/types';
import { api } from '../../api/transport';
import { useApp } from '../../app/context';
import { downloadPayload, downloadText, pickFile } from '../../lib/files';
import { importNotice } from './summary';

/** The JSON file name of an exported scheme: "2025-TC-指标体系.json". */
export function schemeJsonName(s: Pick<Scheme, 'year' | 'code'>): string {
  return `${s.year}-${s.code}-指标体系.json`;
}

/**
 * 导入 (a scheme JSON or workbook; asks first about unsaved edits), 导出 JSON (the draft as shown)
 * and 导出 Excel (the stored scheme).
 */
export function useSchemeFiles({
  code,
  draft,
  askIfDirty,
  load,
  setSavedProblems,
}: {
  code: string | null;
  draft: Scheme | null;
  askIfDirty: () => Promise<boolean>;
  load: () => Promise<void>;
  setSavedProblems: (p: Problem[]) => void;
}) {
  const app = useApp();
  const importFile = async () => {
    if (!(await askIfDirty())) return;
    const f = await pickFile('.json,.xlsx');
    if (!f) return;
    const isJson = f.payload.fileName.toLowerCase().endsWith('.json');
    const r = await app.run('正在导入方案', async () => {
      if (!isJson) return api.importSchemeXlsx({ file: f.payload, year: app.year });
      let json: unknown;
      try {
        json = JSON.parse(await f.text());
      } catch {
        throw { code: 'INPUT', message: `${f.payload.fileName} 不是有效的 JSON 文件` };
      }
      return api.saveScheme({ scheme: json, year: app.year });
    });
    if (r) {
      app.notify(importNotice(r));
      await app.refresh();
      app.setSchemeCode(r.code);
      if (r.code === code) await load();
      setSavedProblems(r.problems);
    }
  };
  const exportJson = () => {
    if (draft) downloadText(JSON.stringify(draft, null, 1), schemeJsonName(draft));
  };
  const exportXlsx = async () => {
    if (!code) return;
    const p = await app.run('正在导出方案', () => api.exportSchemeXlsx({ year: app.year, scheme: code }));
    if (p) downloadPayload(p);
  };
  return { importFile, exportJson, exportXlsx };
}
