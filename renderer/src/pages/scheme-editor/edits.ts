/**
 * The scheme editor's edits as pure functions: each takes the draft (and the selected node) and
 * gives the new draft with the node to select next, or null when the edit does not apply. Leaf or
 * group and the depth limit are the shared rules (shared/scheme/validate: isLeaf, MAX_DEPTH), so a
 * node written with `children: []` is a leaf here as in the scorer.
 */
import type { GradeBand, IndicatorNode, SalaryRule, Scheme, TargetKind } from '../../../../shared/domain/types';
import { DEFAULT_GRADES, isLeaf, MAX_DEPTH } from '../../../../shared/scheme/validate';
import { freshCode, nodeAt, trackRename, updateAt, updateSiblings, type NodePath } from '../../lib/tree';

export interface TreeEdit {
  scheme: Scheme;
  /** The node to select after the edit (null: none). */
  sel: NodePath | null;
}

/** A new top-level indicator (一级指标) at the end, selected. */
export function addDimension(s: Scheme): TreeEdit {
  const code = freshCode(s.indicators, 'D');
  return {
    scheme: { ...s, indicators: [...s.indicators, { code, name: '新一级指标', children: [] }] },
    sel: [s.indicators.length],
  };
}

/** May the selected node get a child? Not below the deepest level the scheme allows. */
export function canAddChild(sel: NodePath | null): boolean {
  return !!sel && sel.length < MAX_DEPTH;
}

/** The scoring fields a leaf carries and a group does not. */
function withoutScoring(n: IndicatorNode): IndicatorNode {
  const { weight: _w, unit: _u, direction: _d, method: _m, publicWelfare: _p, min: _mi, max: _ma, ...rest } = n;
  return rest;
}

/**
 * A new leaf under the selected node, selected. A leaf (also one written with `children: []`) that
 * gets a child becomes a group: its scoring fields move away.
 */
export function addChild(s: Scheme, sel: NodePath | null): TreeEdit | null {
  if (!sel || !canAddChild(sel)) return null;
  const parent = nodeAt(s.indicators, sel);
  if (!parent) return null;
  const leaf: IndicatorNode = {
    code: freshCode(s.indicators, `${parent.code}.`),
    name: '新指标',
    weight: 1,
    unit: '',
    direction: 'higher',
    method: { type: 'threshold', target: 0 },
  };
  const n = (parent.children ?? []).length;
  const indicators = updateAt(s.indicators, sel, (p) =>
    isLeaf(p) ? { ...withoutScoring(p), children: [leaf] } : { ...p, children: [...p.children!, leaf] },
  );
  return { scheme: { ...s, indicators }, sel: [...sel, n] };
}

/**
 * The selected node and everything under it removed. The parent is selected next; at the top
 * level the node before it (or the first), none when the list is left empty.
 */
export function removeNode(s: Scheme, sel: NodePath | null): TreeEdit | null {
  if (!sel || sel.length === 0) return null;
  const i = sel[sel.length - 1]!;
  const indicators = updateSiblings(s.indicators, sel, (list) => list.filter((_, j) => j !== i));
  const next = sel.length > 1 ? sel.slice(0, -1) : s.indicators.length > 1 ? [Math.max(0, i - 1)] : null;
  return { scheme: { ...s, indicators }, sel: next };
}

/** The selected node swapped with its sibling above (-1) or below (1); null at either end. */
export function moveNode(s: Scheme, sel: NodePath | null, d: -1 | 1): TreeEdit | null {
  if (!sel || sel.length === 0) return null;
  const i = sel[sel.length - 1]!;
  const j = i + d;
  const list = sel.length === 1 ? s.indicators : (nodeAt(s.indicators, sel.slice(0, -1))?.children ?? []);
  if (j < 0 || j >= list.length) return null;
  const indicators = updateSiblings(s.indicators, sel, (l) => {
    const c = l.slice();
    [c[i], c[j]] = [c[j]!, c[i]!];
    return c;
  });
  return { scheme: { ...s, indicators }, sel: [...sel.slice(0, -1), j] };
}

/** The draft with the node at `path` replaced by fn(node). */
export function editNodeAt(s: Scheme, path: NodePath, fn: (n: IndicatorNode) => IndicatorNode): Scheme {
  return { ...s, indicators: updateAt(s.indicators, path, fn) };
}

/**
 * The renames to send with the save after fn is applied to the node at `path`: a changed code is
 * recorded (saved code → current code), so that stored values follow it.
 */
export function renamesAfterEdit(
  s: Scheme,
  renames: Record<string, string>,
  path: NodePath,
  fn: (n: IndicatorNode) => IndicatorNode,
): Record<string, string> {
  const cur = nodeAt(s.indicators, path);
  if (!cur) return renames;
  return trackRename(renames, cur.code, fn(cur).code);
}

// Grade bands (等次), highest first; the last band has no minimum (“以下”).

export function updateGrade(grades: GradeBand[], i: number, patch: Partial<GradeBand>): GradeBand[] {
  return grades.map((g, j) => (j === i ? { ...g, ...patch } : g));
}

/** Band i removed; the band that is last afterwards loses its minimum. */
export function removeGrade(grades: GradeBand[], i: number): GradeBand[] {
  return grades.filter((_, j) => j !== i).map((g, j, a) => (j === a.length - 1 ? { ...g, min: null } : g));
}

/** May band i be removed? Two bands at least stay. */
export function canRemoveGrade(grades: GradeBand[]): boolean {
  return grades.length > 2;
}

/** A new band just above the last one. */
export function addGrade(grades: GradeBand[]): GradeBand[] {
  return [...grades.slice(0, -1), { name: '新等次', min: 0 }, grades[grades.length - 1]!];
}

/** The salary rule's coefficient of one grade set; blank leaves the coefficients as they are. */
export function setGradeCoefficient(salary: SalaryRule, grade: string, k: number | undefined): Partial<SalaryRule> {
  return { gradeCoefficients: { ...(salary.gradeCoefficients ?? {}), ...(k == null ? {} : { [grade]: k }) } };
}

// A new scheme (新建方案).

/** What is wrong with a new scheme's code, or null. */
export function newSchemeCodeError(code: string, existing: string[]): string | null {
  if (!code.trim()) return '请填写方案编码';
  return existing.includes(code.trim()) ? '本年度已有此编码' : null;
}

/** A new scheme: one dimension with one leaf worth the full 100, default grades, draft. */
export function newScheme(code: string, name: string, year: number, targetKind: TargetKind): Scheme {
  return {
    code: code.trim(),
    name: name.trim(),
    year,
    targetKind,
    fullScore: 100,
    grades: DEFAULT_GRADES,
    naPolicy: 'rescale',
    indicators: [
      {
        code: 'A',
        name: '一级指标',
        children: [
          {
            code: 'A1',
            name: '指标',
            weight: 100,
            unit: '%',
            direction: 'higher',
            method: { type: 'ratio', target: 100 },
          },
        ],
      },
    ],
  };
}
