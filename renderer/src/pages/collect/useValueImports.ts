import { useState } from 'react';
import type { FilePayload, ImportOutcome } from '../../../../shared/api/contract';
import { api } from '../../api/transport';
import { downloadPayload, pickFile } from '../../lib/files';
import { importedText, type StatusMessage } from './model';
import { useAppRef } from './useLatest';

/** The 采集表 as a file: download the template, import a filled one, list and undo imports. */
export function useValueImports(o: {
  code: string | null;
  year: number;
  setMessage(m: StatusMessage): void;
  clearErrors(): void;
  loadValues(): Promise<void>;
  reloadBaselines(): void;
}) {
  const { code, year } = o;
  const app = useAppRef();
  const [importFile, setImportFile] = useState<FilePayload | null>(null);
  const [showImports, setShowImports] = useState(false);

  const downloadTemplate = async () => {
    if (!code) return;
    const p = await app.current.run('正在生成采集表', () => api.downloadTemplate({ year, scheme: code }));
    if (p) downloadPayload(p);
  };

  const startImport = async () => {
    if (!code) return;
    const f = await pickFile('.xlsx');
    if (f) setImportFile(f.payload);
  };

  /** Values changed by an import or its undoing: read them again, with the 上年数 and the summaries. */
  const afterImportChange = async () => {
    await o.loadValues();
    o.reloadBaselines();
    void app.current.refresh();
  };

  const imported = async (r: ImportOutcome) => {
    const said = importedText(r, importFile?.fileName ?? '');
    setImportFile(null);
    app.current.notify(said.notice);
    o.setMessage({ text: said.message, bad: false });
    o.clearErrors();
    await afterImportChange();
  };

  return {
    importFile,
    closeImport: () => setImportFile(null),
    showImports,
    setShowImports,
    downloadTemplate,
    startImport,
    imported,
    afterImportChange,
  };
}
