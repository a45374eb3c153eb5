/**
 * The 考核对象 and 停用 dialogs' checks, as pure functions: what is typed → the field errors, the
 * warning about a same-named target in the group, and the target to save. Years are those the
 * API takes (2000–2100); the span must not end before it starts.
 */
import type { Target } from '../../../../shared/domain/types';

/** A year typed in a form: "" → null, "2025" → 2025, anything else undefined (invalid). */
export const yearText = (s: string): number | null | undefined => {
  const t = s.trim();
  if (!t) return null;
  return /^\d{4}$/.test(t) && Number(t) >= 2000 && Number(t) <= 2100 ? Number(t) : undefined;
};

/** The target dialog as typed: the target, its years as texts. */
export interface TargetForm {
  target: Target;
  fromText: string;
  toText: string;
}

export const targetForm = (t: Target): TargetForm => ({
  target: t,
  fromText: t.from != null ? String(t.from) : '',
  toText: t.to != null ? String(t.to) : '',
});

const YEAR_ERROR = '应为 2000–2100 的年份，或留空';

export interface TargetFormCheck {
  code: string | null;
  name: string | null;
  from: string | null;
  to: string | null;
  /** Another target of the same name in the same group (a warning: saving is allowed). */
  sameName: Target | undefined;
  ok: boolean;
}

/**
 * Each field's error. A new code must not be taken, in any case (编码不区分大小写); a stored
 * target keeps its code.
 */
export function checkTargetForm(f: TargetForm, isNew: boolean, existing: readonly Target[]): TargetFormCheck {
  const t = f.target;
  const code = t.code.trim();
  const clash = isNew ? existing.find((x) => x.code.toLowerCase() === code.toLowerCase()) : undefined;
  const from = yearText(f.fromText);
  const to = yearText(f.toText);
  const errs = {
    code: !code ? '请填写对象编码' : clash ? `该编码已存在：${clash.code}（${clash.name}）；编码不区分大小写` : null,
    name: !t.name.trim() ? '请填写对象名称' : null,
    from: from === undefined ? YEAR_ERROR : null,
    to: to === undefined ? YEAR_ERROR : from != null && to != null && from > to ? '终止年度不能早于起始年度' : null,
  };
  const sameName = existing.find(
    (x) => x.code !== code && x.name === t.name.trim() && (x.group ?? null) === (t.group || null),
  );
  return { ...errs, sameName, ok: !errs.code && !errs.name && !errs.from && !errs.to };
}

/** The target to save: code and name trimmed, no group or a blank year → null. */
export function targetFormResult(f: TargetForm): Target {
  const t = f.target;
  return {
    ...t,
    code: t.code.trim(),
    name: t.name.trim(),
    group: t.group || null,
    from: yearText(f.fromText) ?? null,
    to: yearText(f.toText) ?? null,
  };
}

/** 停用 from a year: a year, after the target's first year; null when right. */
export function retireYearError(target: Pick<Target, 'from'>, from: number | null | undefined): string | null {
  if (from == null) return '请填写 2000–2100 的年份';
  return target.from != null && from <= target.from ? `该对象自 ${target.from} 年起才参加考核，停用年度须晚于它` : null;
}
