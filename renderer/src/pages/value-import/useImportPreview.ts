import { useEffect, useState } from 'react';
import type { FilePayload, ImportOutcome, ValueImportMode } from '../../../../shared/api/contract';
import { api } from '../../api/transport';
import { useApp } from '../../app/context';
import { rejectedOutcome } from './importText';

/**
 * The dry run of a value import, counted again for each mode: what is shown is what the import will
 * write. null while checking; a failure that is not a rejected workbook closes the preview.
 */
export function useImportPreview(
  input: { year: number; scheme: string; file: FilePayload; mode: ValueImportMode },
  onClose: () => void,
): ImportOutcome | null {
  const app = useApp();
  const [outcome, setOutcome] = useState<ImportOutcome | null>(null);
  const { year, scheme, file, mode } = input;

  useEffect(() => {
    let alive = true;
    setOutcome(null);
    void app
      .run('正在检查导入文件', async () => {
        let o: ImportOutcome;
        try {
          o = await api.importValues({ year, scheme, file, dryRun: true, mode });
        } catch (e) {
          const rejected = rejectedOutcome(e);
          if (!rejected) throw e;
          o = rejected;
        }
        if (alive) setOutcome(o);
        return true;
      })
      .then((ok) => {
        if (!ok && alive) onClose();
      });
    return () => {
      alive = false;
    };
  }, [year, scheme, file, mode]); // eslint-disable-line react-hooks/exhaustive-deps -- the preview is read once per file and mode; onClose and `app` change identity on every render

  return outcome;
}
