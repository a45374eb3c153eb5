import { useEffect, useState } from 'react';
import type { SchemeResult } from '../../../../shared/domain/types';
import { api } from '../../api/transport';

/**
 * The results of the scheme with the same code the year before: undefined while read, null when
 * there are none (no such scheme, or it cannot be scored).
 */
export function useLastYearResult(year: number, scheme: string): SchemeResult | null | undefined {
  const [last, setLast] = useState<SchemeResult | null | undefined>(undefined);
  useEffect(() => {
    let alive = true;
    api.score({ year: year - 1, scheme }).then(
      (r) => alive && setLast(r),
      () => alive && setLast(null),
    );
    return () => {
      alive = false;
    };
  }, [year, scheme]);
  return last;
}
