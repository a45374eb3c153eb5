/**
 * The 定稿 page's state as pure functions: what each scheme's row shows and offers (lock when the
 * scheme is valid, unlock when locked), what the lock dialog warns of, and a workbook verification
 * in words.
 */
import type { SchemeSummary, WorkbookVerification } from '../../../../shared/api/contract';
import { formatTime, STATE_NAMES } from '../../lib/format';

export interface LockRow {
  code: string;
  /** "乡镇卫生院（TC）" */
  title: string;
  state: SchemeSummary['state'];
  stateText: string;
  lockedAt: string;
  missing: number;
  /** The fingerprint the lock made in this session, else blank. */
  fingerprint: string;
  /** What the row's main button does. */
  action: 'lock' | 'unlock';
  /** Only a valid scheme can be locked. */
  canLock: boolean;
}

export function lockRow(s: SchemeSummary, fingerprints: Record<string, string>): LockRow {
  return {
    code: s.code,
    title: `${s.name}（${s.code}）`,
    state: s.state,
    stateText: STATE_NAMES[s.state],
    lockedAt: formatTime(s.lockedAt),
    missing: s.missing,
    fingerprint: fingerprints[s.code] ?? '',
    action: s.state === 'locked' ? 'unlock' : 'lock',
    canLock: s.valid,
  };
}

/** The lock dialog's paragraphs, the warning about missing values (scored 0) flagged. */
export function lockDialogLines(s: SchemeSummary, year: number): { text: string; warn?: boolean }[] {
  return [
    { text: `定稿后本方案 ${year} 年度的数据不能再修改。` },
    ...(s.missing > 0 ? [{ text: `注意：还有 ${s.missing} 项缺报，缺报项按 0 分计。`, warn: true }] : []),
    { text: '确定定稿吗？' },
  ];
}

/** Differing cells listed under a verification; a single one is already in the message. */
const DIFFERENCES_SHOWN = 10;

export interface VerifyView {
  ok: boolean;
  verdict: '一致' | '不一致';
  fileName: string;
  message: string;
  differences: { cell: string; text: string }[];
}

export function verifyView(fileName: string, v: WorkbookVerification): VerifyView {
  return {
    ok: v.ok,
    verdict: v.ok ? '一致' : '不一致',
    fileName,
    message: v.message,
    differences:
      v.differences.length > 1
        ? v.differences.slice(0, DIFFERENCES_SHOWN).map((d) => ({
            cell: d.cell,
            text: `${d.cell}：工作簿中为“${d.workbook}”，定稿数据为“${d.locked}”`,
          }))
        : [],
  };
}
