import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Scheme, Target, Value } from '../../../../shared/domain/types';
import { leaves as schemeLeaves } from '../../../../shared/scheme/validate';
import { api } from '../../api/transport';
import type { SaveQueue } from '../../lib/saveQueue';
import { buildRows, cellKey, countCells, type Row } from './model';
import { useAppRef, useLatest } from './useLatest';

/**
 * The scheme, its roster and every stored value of the year, read while the page is shown (again
 * each time it is shown, and on year/scheme change), always after the saves under way.
 *
 * The grid's rows are rebuilt from the values only when they are (re)loaded from the store
 * (`loadGen`), never because one typed value was saved: a save updates its one cell (`setCell`),
 * so the cell being edited next keeps its editor, focus and text.
 */
export function useCollectData(o: {
  code: string | null;
  year: number;
  active: boolean;
  queue: SaveQueue;
  /** After the page's data was read afresh (not after loadValues). */
  onLoaded(): void;
}) {
  const { code, year, active, queue } = o;
  const app = useAppRef();
  const onLoaded = useLatest(o.onLoaded);
  const [scheme, setScheme] = useState<Scheme | null>(null);
  const [targets, setTargets] = useState<Target[]>([]);
  const [cells, setCells] = useState<ReadonlyMap<string, Value>>(new Map());
  const [loadGen, setLoadGen] = useState(0);
  // Grid callbacks see a saved value before React renders again.
  const cellsRef = useRef(cells);
  cellsRef.current = cells;

  const loaded = (vs: { target: string; indicator: string; value: Value }[]) => {
    const m = new Map(vs.map((c) => [cellKey(c.target, c.indicator), c.value]));
    cellsRef.current = m;
    setCells(m);
    setLoadGen((g) => g + 1);
  };
  const loadedRef = useLatest(loaded);

  useEffect(() => {
    if (!active) return;
    if (!code) {
      setScheme(null);
      return;
    }
    let alive = true;
    void app.current.run('正在读取采集表', async () => {
      await queue.idle();
      const s = await api.getScheme({ year, scheme: code });
      // The scheme's roster that year (targets whose years hold it; a locked year: its locked roster).
      const [ts, vs] = await Promise.all([
        api.listTargets({ year, scheme: code }),
        api.getValues({ year, scheme: code }),
      ]);
      if (!alive) return;
      // The same scheme again keeps the grid's columns as they are.
      setScheme((old) => (old && JSON.stringify(old) === JSON.stringify(s) ? old : s));
      setTargets(ts);
      loadedRef.current(vs);
      onLoaded.current();
    });
    return () => {
      alive = false;
    };
  }, [code, year, active, queue, app, loadedRef, onLoaded]);

  /** Read the values again (after a paste or an import), once the saves under way are done. */
  const loadValues = useCallback(async () => {
    if (!code) return;
    await queue.idle(); // a save still on its way would be missing from what is read
    const vs = await app.current.run('正在读取指标值', () => api.getValues({ year, scheme: code }));
    if (vs) loadedRef.current(vs);
  }, [code, year, queue, app, loadedRef]);

  const setCell = useCallback((k: string, v: Value) => {
    cellsRef.current = new Map(cellsRef.current).set(k, v);
    setCells((m) => new Map(m).set(k, v));
  }, []);

  const leaves = useMemo(() => (scheme ? schemeLeaves(scheme) : []), [scheme]);
  const leafByCode = useMemo(() => new Map(leaves.map((l) => [l.code, l])), [leaves]);
  // Rebuilt only on a load (see loadGen); the values are read as they are at that moment.
  // eslint-disable-next-line react-hooks/exhaustive-deps -- rows follow loads, not each saved cell, so the grid keeps its rows while typing
  const rows = useMemo<Row[]>(() => buildRows(targets, leaves, cellsRef.current), [targets, leaves, loadGen]);
  const counts = useMemo(() => countCells(targets, leaves, cells), [targets, leaves, cells]);

  return { scheme, targets, cells: cellsRef, setCell, loadGen, loadValues, leaves, leafByCode, rows, counts };
}
