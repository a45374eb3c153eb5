import { useCallback, useEffect, useRef, useState } from 'react';
import type { BaselineCell } from '../../../../shared/api/contract';
import type { IndicatorNode } from '../../../../shared/domain/types';
import { api } from '../../api/transport';
import { valueText } from '../../lib/format';
import { baselineEdit, cellKey, cellPlace, type StatusMessage } from './model';
import { useAppRef } from './useLatest';

/**
 * 上年数 of growth indicators (excel.md "Last year's value"), shown beside this year's columns:
 * read while the page is shown and again after an import (`reload`), saved one cell at a time.
 */
export function useBaselines(o: {
  code: string | null;
  year: number;
  active: boolean;
  setMessage(m: StatusMessage): void;
}) {
  const { code, year, active, setMessage } = o;
  const app = useAppRef();
  const [baselines, setBaselines] = useState<ReadonlyMap<string, BaselineCell>>(new Map());
  const [version, setVersion] = useState(0);
  // Grid callbacks read them outside state.
  const ref = useRef(baselines);
  ref.current = baselines;

  useEffect(() => {
    if (!active || !code) {
      setBaselines(new Map());
      return;
    }
    let alive = true;
    void api.getBaselines({ year, scheme: code }).then(
      (bs) => {
        if (alive) setBaselines(new Map(bs.map((b) => [cellKey(b.target, b.indicator), b])));
      },
      (e) => app.current.showError(e),
    );
    return () => {
      alive = false;
    };
  }, [code, year, active, version, app]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);

  const commit = useCallback(
    async (target: string, leaf: IndicatorNode, text: string) => {
      const place = `${cellPlace(target, leaf)} 上年数`;
      const edit = baselineEdit(text, ref.current.get(cellKey(target, leaf.code)), year);
      if (edit.kind === 'refused') return setMessage({ text: `${place}：${edit.message}`, bad: true });
      if (edit.kind === 'unchanged') return;
      try {
        const saved = await api.setBaseline({ year, scheme: code!, target, indicator: leaf.code, text });
        setBaselines((m) => new Map(m).set(cellKey(target, leaf.code), saved));
        setMessage({ text: `${place}：已保存 ${valueText(saved.kept) || '（无）'}`, bad: false });
      } catch (e) {
        setMessage({ text: `${place}：${(e as { message?: string })?.message ?? String(e)}（未保存）`, bad: true });
      }
    },
    [year, code, setMessage],
  );

  return { baselines, baselineRef: ref, reload, commit };
}
