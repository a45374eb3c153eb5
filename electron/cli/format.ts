/**
 * The CLI's --json shapes (cli.md): scores, k, inputs and factors as JSON numbers; computed money
 * (performance pay, annual, pay, allocated amounts, sums) as 2-decimal strings — the same split as
 * ../shared/examples/ex1-expected.json.
 */
import type { Allocation, PayTotalReport, SalaryLine, SurplusRecord, TermReport } from '../../shared/api/contract';
import { payerTotals } from '../../shared/finance/payer';
import type { SchemeResult, Value } from '../../shared/domain/types';
import { toNumber } from '../../shared/decimal';

function num(x: string | null): number | null {
  return x === null || x === '' ? null : toNumber(x);
}

export function valueJson(v: Value): number | string | null {
  if (v.kind === 'number') return toNumber(v.number);
  if (v.kind === 'label') return v.label;
  if (v.kind === 'na') return 'N/A';
  return null;
}

export function scoreJson(r: SchemeResult) {
  return {
    year: r.year,
    scheme: r.scheme,
    fullScore: toNumber(r.fullScore),
    results: r.results.map((t) => ({
      target: t.target,
      name: t.name,
      base: toNumber(t.base),
      bonus: toNumber(t.bonus),
      deduction: toNumber(t.deduction),
      total: toNumber(t.total),
      grade: t.grade,
      rank: t.rank,
      veto: t.veto,
      flags: t.flags,
      dimensions: Object.fromEntries(
        Object.entries(t.dimensions).map(([k, d]) => [
          k,
          { score: toNumber(d.score), applicableWeight: toNumber(d.applicableWeight) },
        ]),
      ),
      indicators: Object.fromEntries(
        Object.entries(t.indicators).map(([k, i]) => [
          k,
          { value: valueJson(i.value), score: num(i.score), flags: i.flags, trace: i.trace },
        ]),
      ),
    })),
  };
}

export function salaryJson(lines: SalaryLine[]) {
  return {
    lines: lines.map((l) => ({
      person: l.person,
      role: l.role,
      target: l.target,
      payer: l.payer ?? null,
      months: l.months,
      base: num(l.base),
      performanceBase: num(l.performanceBase),
      k: num(l.k),
      performancePay: l.performancePay,
      annual: l.annual,
      pay: l.pay,
      payInWords: l.payInWords,
      flags: l.flags,
      ...(l.error ? { error: l.error } : {}),
    })),
    payers: payerTotals(lines).map((p) => ({ payer: p.payer, total: p.total, totalInWords: p.totalInWords })),
  };
}

/** paytotal compute --json: k and the multiple as numbers, amounts as 2-decimal strings. */
export function payTotalJson(r: PayTotalReport) {
  return {
    groups: r.groups.map((g) => ({
      target: g.target,
      k: toNumber(g.k),
      proposed: g.proposed,
      benchmark: g.benchmark,
      multiple: toNumber(g.multiple),
      cap: g.cap,
      approved: g.approved,
      excluded: g.excluded,
      available: g.available,
      flags: g.flags,
    })),
  };
}

export function surplusJson(r: SurplusRecord) {
  return { target: r.target, amount: r.amount, development: r.development, staff: r.staff, tiers: r.tiers };
}

/** term --json: totals and the average as numbers (null for a year without a result). */
export function termJson(r: TermReport) {
  return {
    target: r.target,
    scheme: r.scheme,
    from: r.from,
    to: r.to,
    years: r.years.map((y) => ({
      year: y.year,
      total: y.total === null ? null : toNumber(y.total),
      grade: y.grade,
      rank: y.rank,
    })),
    average: r.average === null ? null : toNumber(r.average),
    failYears: r.failYears,
    flags: r.flags,
  };
}

export function allocationJson(a: Allocation) {
  return {
    parts: a.parts.map((p) => ({
      target: p.target,
      total: toNumber(p.total),
      factor: toNumber(p.factor),
      amount: p.amount,
    })),
    sum: a.sum,
  };
}

/** A plain-text table for people (wide characters count double). */
export function table(header: string[], rows: (string | number)[][]): string {
  const width = (s: string) => [...s].reduce((w, ch) => w + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 0);
  const cells = [header, ...rows.map((r) => r.map(String))];
  const widths = header.map((_, c) => Math.max(...cells.map((r) => width(r[c] ?? ''))));
  return (
    cells
      .map((r) =>
        r
          .map((s, c) => s + ' '.repeat(widths[c]! - width(s)))
          .join('  ')
          .trimEnd(),
      )
      .join('\n') + '\n'
  );
}
