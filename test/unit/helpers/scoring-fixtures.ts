/** Small builders for scoring tests: one-leaf schemes, value maps, the ex1 example files. */
import fs from 'node:fs';
import path from 'node:path';
import type { Adjustment, Direction, IndicatorNode, Method, Scheme, Value } from '../../../shared/domain/types';
import { scoreScheme, type ScoreInput } from '../../../shared/scoring/engine';

export const EXAMPLES = path.resolve(__dirname, '../../../../shared/examples');

export function readExample(name: string): any {
  return JSON.parse(fs.readFileSync(path.join(EXAMPLES, name), 'utf8'));
}

/** JSON example value (number, label, "N/A", null) → Value. */
export function jsonValue(v: unknown): Value {
  if (v === null || v === undefined) return { kind: 'missing' };
  if (v === 'N/A') return { kind: 'na' };
  if (typeof v === 'number') return { kind: 'number', number: String(v) };
  return { kind: 'label', label: String(v) };
}

export function num(x: number | string): Value {
  return { kind: 'number', number: String(x) };
}

/** A scheme with one dimension holding the given leaves; fullScore = sum of weights unless given. */
export function schemeOf(leaves: IndicatorNode[], extra: Partial<Scheme> = {}): Scheme {
  const total = leaves.reduce((s, l) => s + (l.weight ?? 0), 0);
  return {
    code: 'T',
    name: '测试方案',
    year: 2024,
    targetKind: 'township_centre',
    fullScore: total,
    indicators: [{ code: 'D', name: '维度', children: leaves }],
    ...extra,
  };
}

export function leaf(
  method: Method,
  opts: { code?: string; weight?: number; direction?: Direction; unit?: string } = {},
): IndicatorNode {
  return {
    code: opts.code ?? 'X',
    name: '指标',
    weight: opts.weight ?? 10,
    unit: opts.unit ?? '',
    direction: opts.direction ?? 'higher',
    method,
  };
}

/** Scores of one leaf (code X) for targets T1, T2 … holding the given values, in target order. */
export function scoresOf(
  method: Method,
  values: (Value | number | string)[],
  opts: Parameters<typeof leaf>[1] & { prev?: (number | null)[] } = {},
): (string | null)[] {
  const l = leaf(method, opts);
  const res = run(
    schemeOf([l]),
    values.map((v) => ({ X: v })),
    { prev: opts.prev?.map((p): Row => (p === null ? {} : { X: p })) },
  );
  return values.map((_, i) => res.byTarget.get(`T${i + 1}`)!.indicators.X.score);
}

export function tracesOf(
  method: Method,
  values: (Value | number | string)[],
  opts: Parameters<typeof leaf>[1] & { prev?: (number | null)[] } = {},
): string[] {
  const l = leaf(method, opts);
  const res = run(
    schemeOf([l]),
    values.map((v) => ({ X: v })),
    { prev: opts.prev?.map((p): Row => (p === null ? {} : { X: p })) },
  );
  return values.map((_, i) => res.byTarget.get(`T${i + 1}`)!.indicators.X.trace);
}

type Row = Record<string, Value | number | string>;
function toValue(v: Value | number | string): Value {
  return typeof v === 'object'
    ? v
    : typeof v === 'number'
      ? num(v)
      : v === 'N/A'
        ? { kind: 'na' }
        : { kind: 'label', label: v };
}

/** Score targets T1…Tn with per-leaf values; returns the result plus a by-target map. */
export function run(
  scheme: Scheme,
  rows: Row[],
  opts: {
    prev?: Row[];
    adjustments?: Adjustment[];
    vetoes?: { target: string; reason: string }[];
    weightOverrides?: Record<string, number>;
  } = {},
) {
  const toMap = (rs: Row[]) =>
    new Map(rs.map((r, i) => [`T${i + 1}`, new Map(Object.entries(r).map(([k, v]) => [k, toValue(v)]))]));
  const input: ScoreInput = {
    scheme,
    targets: rows.map((_, i) => ({ code: `T${i + 1}`, name: `对象${i + 1}` })),
    values: toMap(rows),
    previousValues: opts.prev ? toMap(opts.prev) : undefined,
    adjustments: opts.adjustments ?? [],
    vetoes: opts.vetoes ?? [],
    weightOverrides: opts.weightOverrides,
  };
  const result = scoreScheme(input);
  return { result, byTarget: new Map(result.results.map((r) => [r.target, r])) };
}
