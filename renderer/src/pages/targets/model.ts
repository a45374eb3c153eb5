/**
 * The 考核对象 page's pure parts: the grid's rows (groups first, each followed by its members), the
 * filters, a target's years in words and its state in the year shown. Whether a target is
 * appraised in a year and its span in words are the shared rules (shared/domain appraisedIn,
 * spanText).
 */
import { appraisedIn, spanText, type Target, type TargetKind } from '../../../../shared/domain/types';

/** One row of the grid: a target, how deep it sits under its group, and the group's name. */
export interface Row extends Target {
  depth: number;
  groupName: string;
}

/** Only the stored fields (the grid rows carry display fields the API does not accept). */
export const asTarget = (t: Target): Target => ({
  code: t.code,
  name: t.name,
  kind: t.kind,
  group: t.group ?? null,
  from: t.from ?? null,
  to: t.to ?? null,
});

/** A new target (新增): blank, of the kind filtered on (else 乡镇卫生院), no group, no years. */
export const newTarget = (kind: TargetKind | ''): Target => ({
  code: '',
  name: '',
  kind: kind || 'township_centre',
  group: null,
  from: null,
  to: null,
});

/** Groups first, each followed by its members; members of unknown groups at the end. */
export function hierarchy(targets: Target[]): Row[] {
  const byCode = new Map(targets.map((t) => [t.code, t]));
  const children = new Map<string, Target[]>();
  const roots: Target[] = [];
  for (const t of targets) {
    if (t.group && byCode.has(t.group) && t.group !== t.code) {
      const list = children.get(t.group) ?? [];
      list.push(t);
      children.set(t.group, list);
    } else roots.push(t);
  }
  const cmp = (a: Target, b: Target) =>
    (a.kind === 'medical_group' ? 0 : 1) - (b.kind === 'medical_group' ? 0 : 1) || a.code.localeCompare(b.code);
  const out: Row[] = [];
  const seen = new Set<string>();
  const walk = (t: Target, depth: number) => {
    if (seen.has(t.code)) return;
    seen.add(t.code);
    out.push({ ...t, depth, groupName: t.group ? (byCode.get(t.group)?.name ?? t.group) : '' });
    for (const c of (children.get(t.code) ?? []).sort(cmp)) walk(c, depth + 1);
  };
  for (const r of roots.sort(cmp)) walk(r, 0);
  for (const t of targets) walk(t, 0);
  return out;
}

export interface TargetFilter {
  kind: TargetKind | '';
  /** Also the targets not appraised in the year shown (显示不参加本年度考核的对象). */
  showInactive: boolean;
  /** Part of a code, a name or a group's name. */
  search: string;
}

/** The grid's rows: by default the targets appraised in `year`, of the kind chosen, matching the search. */
export function shownRows(targets: readonly Target[], f: TargetFilter, year: number): Row[] {
  const q = f.search.trim();
  const shown = targets.filter((t) => (f.showInactive || appraisedIn(t, year)) && (!f.kind || t.kind === f.kind));
  const h = hierarchy(shown);
  return q ? h.filter((r) => r.code.includes(q) || r.name.includes(q) || r.groupName.includes(q)) : h;
}

/** The name indented under its group: "　└ 名称" for a member. */
export const indentedName = (depth: number, name: string): string =>
  `${depth > 0 ? '\u3000'.repeat(depth) + '└ ' : ''}${name}`;

/** The years appraised in words, 各年度 when unbounded. */
export const yearsText = (t: Pick<Target, 'from' | 'to'>): string => spanText(t) || '各年度';

/** The target in the year shown: 参加考核, 已停用 (its last year is past) or 尚未开始. */
export function yearState(t: Pick<Target, 'from' | 'to'>, year: number): '参加考核' | '已停用' | '尚未开始' {
  if (appraisedIn(t, year)) return '参加考核';
  return t.to != null && t.to < year ? '已停用' : '尚未开始';
}
