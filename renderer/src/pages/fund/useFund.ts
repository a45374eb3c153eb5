import { useEffect, useRef, useState } from 'react';
import type { StoredAllocation } from '../../../../shared/api/contract';
import type { Scheme, SchemeResult } from '../../../../shared/domain/types';
import { api } from '../../api/transport';
import { useApp } from '../../app/context';
import { usePageActive } from '../../app/active';
import { readMoney } from '../../lib/format';
import { defaultExcludedGrades, factorsToSend } from './form';

/** What the form says: the amount as typed, the grades left out, the factors as typed by target. */
export interface FundForm {
  amount: string;
  excluded: string[];
  factors: Record<string, string>;
}

/**
 * The chosen scheme's results and its stored allocation (read again each time the page is shown, with
 * why it is out of date if it is), and the form: a new scheme or year starts a fresh one, filled from
 * the stored allocation, else with the default grades left out. `allocate` stores a new allocation.
 */
export function useFund() {
  const app = useApp();
  const code = app.schemeCode;
  const [scheme, setScheme] = useState<Scheme | null>(null);
  const [result, setResult] = useState<SchemeResult | null>(null);
  const [alloc, setAlloc] = useState<StoredAllocation | null>(null);
  const [form, setForm] = useState<FundForm>({ amount: '', excluded: [], factors: {} });
  const change = (f: Partial<FundForm>) => setForm((old) => ({ ...old, ...f }));

  const fresh = useRef(true);
  // A new scheme or year starts a fresh form (the amount stays until the stored one is read) …
  useEffect(() => {
    setAlloc(null);
    setForm((old) => ({ ...old, excluded: [], factors: {} }));
    setScheme(null);
    fresh.current = true;
  }, [code, app.year]);

  // … and the results are read again each time the page is shown.
  const active = usePageActive();
  useEffect(() => {
    if (!code || !active) return;
    void app.run('正在读取考核结果', async () => {
      const [s, r, stored] = await Promise.all([
        api.getScheme({ year: app.year, scheme: code }),
        api.score({ year: app.year, scheme: code }),
        api.getAllocation({ year: app.year, scheme: code }),
      ]);
      if (fresh.current) {
        // The form starts from what the stored allocation was made with.
        if (stored) change({ amount: stored.amount, excluded: stored.excludedGrades, factors: stored.factors ?? {} });
        else change({ excluded: defaultExcludedGrades(s.grades) });
        fresh.current = false;
      }
      setScheme(s);
      setResult(r);
      setAlloc(stored);
    });
  }, [code, app.year, active]); // eslint-disable-line react-hooks/exhaustive-deps -- `app` is the context value, new after every refresh or page switch; reload only on year/scheme

  const allocate = async () => {
    const money = readMoney(form.amount);
    if (!code || money === null) return;
    const f = factorsToSend(form.factors);
    const r = await app.run('正在分配资金', async () => {
      await api.allocate({
        year: app.year,
        scheme: code,
        amount: money,
        factors: Object.keys(f).length ? f : undefined,
        excludeGrades: form.excluded,
      });
      return api.getAllocation({ year: app.year, scheme: code });
    });
    if (r) setAlloc(r);
  };

  return { code, scheme, result, alloc, form, change, allocate };
}
