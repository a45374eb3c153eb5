/** The what-if panel's state: the typed weights, their check, the trial run and its comparison. */
import { useMemo, useState } from 'react';
import type { Scheme, SchemeResult } from '../../../../shared/domain/types';
import { api } from '../../api/transport';
import { useApp } from '../../app/context';
import { checkWeights, compareResults, initialTexts, weightedLeaves } from './model';

export function useWhatIf(scheme: Scheme, result: SchemeResult) {
  const app = useApp();
  const leaves = useMemo(() => weightedLeaves(scheme), [scheme]);
  const [texts, setTexts] = useState<Record<string, string>>(() => initialTexts(leaves));
  const [after, setAfter] = useState<SchemeResult | null>(null);
  const check = checkWeights(leaves, texts);

  const tryIt = async () => {
    if (check.bad.length) return;
    const weights = check.weights;
    const r = await app.run('正在试算', () => api.whatIf({ year: app.year, scheme: scheme.code, weights }));
    if (r) setAfter(r);
  };
  const setText = (code: string, text: string) => setTexts({ ...texts, [code]: text });
  const reset = () => {
    setTexts(initialTexts(leaves));
    setAfter(null);
  };
  const compare = useMemo(() => (after ? compareResults(result, after) : []), [after, result]);
  return { leaves, texts, setText, check, after, compare, tryIt, reset };
}
