/**
 * What the 总量与结余 page's tables show, as pure functions of what the service returned: the
 * schemes to choose, the pay-total rows (核定 when computed, else 未核定 as stored) and the surplus
 * splits in words. Amounts are shown exactly as computed by the service.
 */
import type {
  PayTotalInputRow,
  PayTotalLine,
  PayTotalReport,
  SchemeSummary,
  SurplusRecord,
} from '../../../../shared/api/contract';

/** The year's schemes appraising medical groups, the one shown (chosen, else the first) and whether any is locked. */
export function groupSchemeChoice(
  schemes: readonly SchemeSummary[],
  chosen: string,
): { groupSchemes: SchemeSummary[]; code: string; locked: boolean } {
  const groupSchemes = schemes.filter((s) => s.targetKind === 'medical_group');
  return {
    groupSchemes,
    code: chosen || groupSchemes[0]?.code || '',
    locked: groupSchemes.some((s) => s.state === 'locked'),
  };
}

/** The pay-total table: the computed lines, else the stored inputs not yet approved; `empty` when none is stored. */
export function payTotalRows(
  report: PayTotalReport | null,
  inputs: readonly PayTotalInputRow[],
): { computed: PayTotalLine[]; pending: PayTotalInputRow[]; empty: boolean } {
  return {
    computed: report?.groups ?? [],
    pending: report ? [] : [...inputs],
    empty: inputs.length === 0,
  };
}

/** The ratios used: "40:60", and "；6:3:1" for a per-capita package. */
export function surplusRatioText(r: Pick<SurplusRecord, 'split' | 'tierRatio'>): string {
  return `${r.split.join(':')}${r.tierRatio ? `；${r.tierRatio.join(':')}` : ''}`;
}

/** County, township and village parts as "amount（development/staff）"; null without a per-capita package. */
export function surplusTierTexts(r: Pick<SurplusRecord, 'tiers'>): [string, string, string] | null {
  if (!r.tiers) return null;
  const { county, township, village } = r.tiers;
  const text = (t: { amount: string; development: string; staff: string }) =>
    `${t.amount}（${t.development}/${t.staff}）`;
  return [text(county), text(township), text(village)];
}
