/**
 * A node written with `children: []` is a leaf everywhere: in the scorer's rules (shared
 * isLeaf/leaves, which normalizeScheme and scoring use), in the JSON checks (parseSchemeJson asks
 * a leaf for its weight and method) and in the scheme editor's sums (renderer/src/lib/tree.ts).
 * Before, the editor and the JSON checks took it for a group.
 */
import { describe, expect, it } from 'vitest';
import type { IndicatorNode } from '../../shared/domain/types';
import { isLeaf, leaves, parseSchemeJson } from '../../shared/scheme/parse';
import { leafWeightSum, publicWelfareSum } from '../../renderer/src/lib/tree';
import { readExample } from './helpers/scoring-fixtures';

const emptyGroupLeaf: IndicatorNode = {
  code: 'X1',
  name: '空下级的指标',
  weight: 10,
  publicWelfare: true,
  direction: 'higher',
  method: { type: 'ratio', target: 100 },
  children: [],
};

describe('a node with children: [] is a leaf', () => {
  it('for the shared rules the scorer uses', () => {
    expect(isLeaf(emptyGroupLeaf)).toBe(true);
    expect(leaves({ indicators: [{ code: 'A', name: '组', children: [emptyGroupLeaf] }] }).map((l) => l.code)).toEqual([
      'X1',
    ]);
  });

  it('for the editor: its weight counts in the sums shown beside the tree', () => {
    const tree: IndicatorNode[] = [
      emptyGroupLeaf,
      { code: 'B', name: '组', children: [{ ...emptyGroupLeaf, code: 'B1', weight: 5, children: undefined }] },
    ];
    expect(leafWeightSum(tree).toFixed()).toBe('15');
    expect(publicWelfareSum(tree).toFixed()).toBe('15');
  });

  it('for the JSON checks: it must carry a weight, as any leaf', () => {
    const s = readExample('ex1-scheme.json');
    const leaf = s.indicators[0].children[0];
    delete leaf.weight;
    leaf.children = [];
    const r = parseSchemeJson(s);
    expect(r.problems.map((p) => p.path)).toContain('indicators[0].children[0].weight');
  });
});
