import { useEffect, useState } from 'react';
import type { TermReport } from '../../../../shared/api/contract';
import { api } from '../../api/transport';

export interface GradeYear {
  year: number;
  grade: string;
  total: string;
}

/**
 * A target's past under a scheme code: its grade in every year (null while read; empty when none
 * or unreadable), and its 任期目标考核 (汴政办〔2019〕74号 四(七)) over the county's term ending in
 * `year` (null while read or when it cannot be computed). A late answer for another target is dropped.
 */
export function useTargetHistory(scheme: string, target: string, year: number) {
  const [history, setHistory] = useState<GradeYear[] | null>(null);
  const [term, setTerm] = useState<TermReport | null>(null);

  useEffect(() => {
    let alive = true;
    api.gradeHistory({ target, scheme }).then(
      (h) => alive && setHistory(h),
      () => alive && setHistory([]),
    );
    return () => {
      alive = false;
    };
  }, [target, scheme]);

  useEffect(() => {
    let alive = true;
    void (async () => {
      try {
        const ts = await api.getTermSettings();
        const t = await api.termAppraisal({ scheme, target, from: year - ts.years + 1, to: year });
        if (alive) setTerm(t);
      } catch {
        if (alive) setTerm(null);
      }
    })();
    return () => {
      alive = false;
    };
  }, [target, scheme, year]);

  return { history, term };
}
