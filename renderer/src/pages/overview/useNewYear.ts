import { useEffect, useState } from 'react';
import type { TemplateInfo } from '../../../../shared/api/contract';
import { api } from '../../api/transport';
import { useApp } from '../../app/context';
import { pickFile } from '../../lib/files';
import { canCreate, createdText, isJsonFile, newYearDefaults, readYear, schemeJsonOf, type Source } from './newYear';

/** A picked scheme file and how to save it into a year. */
type SchemeFile = { name: string; run: (y: number) => Promise<{ code: string; problems: unknown[] }> };

/** The 新建考核年度 dialog's choices, the built-in templates (read once) and making the year. */
export function useNewYear(onClose: () => void) {
  const app = useApp();
  const [start] = useState(() => newYearDefaults(app.years, new Date().getFullYear()));
  const [year, setYear] = useState(start.year);
  const [source, setSource] = useState<Source>(start.source);
  const [fromYear, setFromYear] = useState(start.fromYear);
  const [templates, setTemplates] = useState<TemplateInfo[]>([]);
  const [template, setTemplate] = useState('');
  const [file, setFile] = useState<SchemeFile | null>(null);

  useEffect(() => {
    void app.run('正在读取内置模板', async () => {
      const t = await api.listTemplates();
      setTemplates(t);
      setTemplate((cur) => cur || t[0]?.name || '');
    });
  }, []); // eslint-disable-line react-hooks/exhaustive-deps -- the built-in templates are read once, on mount

  const y = readYear(year);
  const canConfirm = canCreate({ year: y, source, template, fromYear, hasFile: !!file });

  const choose = async () => {
    const f = await pickFile('.json,.xlsx');
    if (!f) return;
    const name = f.payload.fileName;
    if (isJsonFile(name)) {
      const text = await f.text();
      setFile({ name, run: (yy) => api.saveScheme({ scheme: schemeJsonOf(text, name), year: yy }) });
    } else {
      setFile({ name, run: (yy) => api.importSchemeXlsx({ file: f.payload, year: yy }) });
    }
  };

  const make = async (yy: number): Promise<string> => {
    if (source === 'template') {
      const r = await api.useTemplate({ name: template, year: yy });
      return createdText({ source, year: yy, code: r.code });
    }
    if (source === 'copy') {
      const r = await api.copySchemes({ fromYear, toYear: yy });
      return createdText({ source, year: yy, fromYear, copied: r.copied.length });
    }
    const r = await file!.run(yy);
    return createdText({ source, code: r.code, problems: r.problems.length });
  };

  const confirm = async () => {
    if (!canConfirm || y == null) return;
    const done = await app.run('正在建立考核年度', () => make(y));
    if (done) {
      app.notify(done);
      onClose();
      await app.refresh();
      app.setYear(y);
    }
  };

  return {
    year,
    setYear,
    yearOk: y != null,
    source,
    setSource,
    fromYear,
    setFromYear,
    templates,
    template,
    setTemplate,
    fileName: file?.name ?? null,
    choose,
    canConfirm,
    confirm,
    hasLastYear: app.years.length > 0,
    years: app.years,
  };
}

export type NewYear = ReturnType<typeof useNewYear>;
