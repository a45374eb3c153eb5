import { describe, expect, it } from 'vitest';
import { gradeHistory, isRepeatedFail } from '../../shared/finance';

const h = (pairs: [number, boolean][]) => pairs.map(([year, failed]) => ({ year, failed }));

describe('isRepeatedFail', () => {
  it('default: the last band this year and the year before', () => {
    expect(
      isRepeatedFail(
        h([
          [2023, true],
          [2024, true],
        ]),
        2024,
      ),
    ).toBe(true);
    expect(
      isRepeatedFail(
        h([
          [2023, false],
          [2024, true],
        ]),
        2024,
      ),
    ).toBe(false);
    expect(
      isRepeatedFail(
        h([
          [2023, true],
          [2024, false],
        ]),
        2024,
      ),
    ).toBe(false);
    // not running: 2022 and 2024 with a pass between
    expect(
      isRepeatedFail(
        h([
          [2022, true],
          [2023, false],
          [2024, true],
        ]),
        2024,
      ),
    ).toBe(false);
    // a missing year breaks the run
    expect(
      isRepeatedFail(
        h([
          [2022, true],
          [2024, true],
        ]),
        2024,
      ),
    ).toBe(false);
    // years after the one asked about do not count
    expect(
      isRepeatedFail(
        h([
          [2023, true],
          [2024, true],
          [2025, true],
        ]),
        2023,
      ),
    ).toBe(false);
    expect(isRepeatedFail([], 2024)).toBe(false);
  });

  it('n times within a rolling term of years', () => {
    const hist = h([
      [2020, true],
      [2021, false],
      [2022, true],
      [2023, false],
      [2024, false],
    ]);
    expect(isRepeatedFail(hist, 2022, { n: 2, termYears: 3 })).toBe(true);
    expect(isRepeatedFail(hist, 2022, { n: 2, termYears: 2 })).toBe(false);
    expect(isRepeatedFail(hist, 2024, { n: 2, termYears: 5 })).toBe(true);
    expect(isRepeatedFail(hist, 2024, { n: 2, termYears: 4 })).toBe(false);
    expect(isRepeatedFail(hist, 2024, { n: 3, termYears: 5 })).toBe(false);
  });

  it('n times within a fixed term starting at termStart', () => {
    const hist = h([
      [2019, true],
      [2021, true],
      [2023, true],
    ]);
    expect(isRepeatedFail(hist, 2023, { n: 2, termStart: 2021 })).toBe(true);
    expect(isRepeatedFail(hist, 2023, { n: 2, termStart: 2022 })).toBe(false);
  });

  it('a year listed twice counts once', () => {
    expect(
      isRepeatedFail(
        h([
          [2024, true],
          [2024, true],
        ]),
        2024,
      ),
    ).toBe(false);
  });

  it('rejects a bad n or term', () => {
    expect(() => isRepeatedFail([], 2024, { n: 0 })).toThrow(/正整数/);
    expect(() => isRepeatedFail([], 2024, { termYears: 1.5 })).toThrow(/正整数/);
  });
});

describe('gradeHistory', () => {
  it('orders the years, marks the last band as failed and flags REPEATED_FAIL', () => {
    const v = gradeHistory([
      { year: 2024, grade: '不合格', total: '55.00' },
      { year: 2022, grade: '良好', total: '82.00' },
      { year: 2023, grade: '不合格', total: '58.50' },
    ]);
    expect(v.rows.map((r) => [r.year, r.failed])).toEqual([
      [2022, false],
      [2023, true],
      [2024, true],
    ]);
    expect(v.repeatedFail).toBe(true);
    expect(v.flags).toEqual(['REPEATED_FAIL']);
  });

  it("uses the scheme's last band and the year asked for", () => {
    const rows = [
      { year: 2023, grade: '合格', total: '61.00' },
      { year: 2024, grade: '合格', total: '63.00' },
      { year: 2025, grade: '良好', total: '81.00' },
    ];
    expect(gradeHistory(rows).repeatedFail).toBe(false);
    expect(gradeHistory(rows, { lastBand: '合格' }).repeatedFail).toBe(false);
    expect(gradeHistory(rows, { lastBand: '合格', year: 2024 }).flags).toEqual(['REPEATED_FAIL']);
    expect(gradeHistory([]).rows).toEqual([]);
    expect(gradeHistory([]).repeatedFail).toBe(false);
  });
});
