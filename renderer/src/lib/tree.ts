import type { IndicatorNode } from '../../../shared/domain/types';
import { dec, ZERO, type Decimal } from '../../../shared/decimal';
import { leaves } from '../../../shared/scheme/validate';

/** A node's place in the tree: indexes from the top level down. */
export type NodePath = number[];

export function nodeAt(nodes: IndicatorNode[], path: NodePath): IndicatorNode | null {
  let list = nodes;
  let node: IndicatorNode | null = null;
  for (const i of path) {
    node = list[i] ?? null;
    if (!node) return null;
    list = node.children ?? [];
  }
  return node;
}

/** A copy of the tree with the node at `path` replaced by fn(node). */
export function updateAt(
  nodes: IndicatorNode[],
  path: NodePath,
  fn: (n: IndicatorNode) => IndicatorNode,
): IndicatorNode[] {
  if (path.length === 0) return nodes;
  const [i, ...rest] = path as [number, ...number[]];
  return nodes.map((n, j) =>
    j !== i ? n : rest.length === 0 ? fn(n) : { ...n, children: updateAt(n.children ?? [], rest, fn) },
  );
}

/** Apply fn to the list that holds the node at `path` (the parent's children or the top level). */
export function updateSiblings(
  nodes: IndicatorNode[],
  path: NodePath,
  fn: (list: IndicatorNode[]) => IndicatorNode[],
): IndicatorNode[] {
  if (path.length <= 1) return fn(nodes);
  const parent = path.slice(0, -1);
  return updateAt(nodes, parent, (p) => ({ ...p, children: fn(p.children ?? []) }));
}

export function allCodes(nodes: IndicatorNode[]): string[] {
  const out: string[] = [];
  const walk = (ns: IndicatorNode[]) =>
    ns.forEach((n) => {
      out.push(n.code);
      if (n.children) walk(n.children);
    });
  walk(nodes);
  return out;
}

/** A code not used yet: prefix + next number. */
export function freshCode(nodes: IndicatorNode[], prefix: string): string {
  const used = new Set(allCodes(nodes));
  for (let i = 1; ; i++) {
    const c = `${prefix}${i}`;
    if (!used.has(c)) return c;
  }
}

function safeDec(x: number | undefined | null): Decimal {
  if (x == null || !Number.isFinite(x)) return ZERO;
  return dec(x);
}

/**
 * Sum of the leaf weights under a node (or of a whole list). The leaves are the scorer's (shared
 * `leaves`): a node with `children: []` is a leaf.
 */
export function leafWeightSum(nodes: IndicatorNode[]): Decimal {
  return leaves({ indicators: nodes }).reduce((s, n) => s.plus(safeDec(n.weight)), ZERO);
}

export function publicWelfareSum(nodes: IndicatorNode[]): Decimal {
  return leaves({ indicators: nodes }).reduce((s, n) => (n.publicWelfare ? s.plus(safeDec(n.weight)) : s), ZERO);
}

/** Flattened rows for the tree view. */
export interface TreeRow {
  node: IndicatorNode;
  path: NodePath;
  depth: number;
}
export function flatten(nodes: IndicatorNode[], base: NodePath = [], depth = 0, out: TreeRow[] = []): TreeRow[] {
  nodes.forEach((n, i) => {
    const p = [...base, i];
    out.push({ node: n, path: p, depth });
    if (n.children) flatten(n.children, p, depth + 1, out);
  });
  return out;
}

export function samePath(a: NodePath | null, b: NodePath | null): boolean {
  return !!a && !!b && a.length === b.length && a.every((x, i) => x === b[i]);
}

/**
 * The editor's record of indicator codes changed since the scheme was loaded (saved code → current
 * code), sent with the save so that stored values follow (saveScheme `renames`). A code changed
 * twice keeps its first origin; changed back, it is dropped.
 */
export function trackRename(renames: Record<string, string>, before: string, after: string): Record<string, string> {
  if (before === after) return renames;
  const next = { ...renames };
  const origin = Object.keys(next).find((k) => next[k] === before);
  if (origin !== undefined) {
    if (origin === after) delete next[origin];
    else next[origin] = after;
  } else next[before] = after;
  return next;
}

/** The renames whose new code is still in the scheme (a renamed node deleted afterwards drops out). */
export function renamesToSend(renames: Record<string, string>, nodes: IndicatorNode[]): Record<string, string> {
  const codes = new Set<string>();
  const walk = (ns: IndicatorNode[]) =>
    ns.forEach((n) => {
      codes.add(n.code);
      if (n.children) walk(n.children);
    });
  walk(nodes);
  return Object.fromEntries(Object.entries(renames).filter(([, to]) => codes.has(to)));
}
