/**
 * 数据指纹核验: is an exported finance workbook what the lock in the store holds? The workbook names
 * its year, scheme, fingerprint and lock time (defined names; older exports: the footer). The lock
 * must still be there with that fingerprint, and a workbook made now from the locked data must hold
 * the same cells (every sheet, header and data rows; the title and the export-time line aside).
 */
import type { WorkbookVerification } from '../../shared/api/contract';
import {
  NAME_FINGERPRINT,
  NAME_LOCKED_AT,
  NAME_PROGRAM,
  NAME_SCHEME,
  NAME_YEAR,
  PROGRAM_TAG,
  localTime,
} from '../excel/finance-workbook';
import type { ProgressHook } from '../excel/progress';
import { isXlsx, readRows, type RawRow } from '../excel/reader';
import { cellAddress } from '../excel/text';
import { VERIFY_LIMITS, decodeXml, openCheckedZip, type CheckedZip } from '../excel/zip';
import type { ServiceKit } from './kit';
import { financeInput, financeWorkbookBuffer, type FinanceInputDeps } from './workbooks/finance-export';

/**
 * What the check reads: what the finance workbook is made from (to make it again from the locked
 * data), whose `ctx` also holds the lock and audit records.
 */
export type VerifyDeps = FinanceInputDeps;

/** Above this size (bytes) a workbook is compared through exceljs's streaming reader. */
const LEAN_LIMIT = 40_000_000;

interface Claim {
  program: boolean;
  year: number | null;
  scheme: string | null;
  fingerprint: string | null;
  lockedAt: string | null;
}

/** What the workbook says about itself: its defined names, else the fingerprint in a sheet's footer. */
async function readClaim(bytes: Buffer): Promise<Claim | null> {
  let zip: CheckedZip;
  try {
    zip = await openCheckedZip(bytes, VERIFY_LIMITS);
  } catch {
    return null;
  }
  const names = new Map<string, string>();
  try {
    const wb = await zip.read('xl/workbook.xml');
    if (!wb) return null;
    const xml = wb.toString('utf8');
    for (const m of xml.matchAll(/<(?:\w+:)?definedName\b([^>]*)>([^<]*)<\/(?:\w+:)?definedName>/g)) {
      const name = /\bname="([^"]*)"/.exec(m[1]!)?.[1];
      const text = decodeXml(m[2]!).trim();
      const constant = /^"((?:[^"]|"")*)"$/.exec(text);
      if (name && constant) names.set(decodeXml(name), constant[1]!.replace(/""/g, '"'));
    }
  } catch {
    return null;
  }
  if (names.get(NAME_PROGRAM) === PROGRAM_TAG) {
    const y = Number(names.get(NAME_YEAR));
    return {
      program: true,
      year: Number.isInteger(y) ? y : null,
      scheme: names.get(NAME_SCHEME) ?? null,
      fingerprint: names.get(NAME_FINGERPRINT) ?? null,
      lockedAt: names.get(NAME_LOCKED_AT) ?? null,
    };
  }
  // An export made before the names: the first sheet's footer carries "数据指纹：…".
  const sheet = [...zip.parts.values()].find((e) => /^\/?xl\/worksheets\/sheet\d+\.xml$/i.test(e.name));
  if (!sheet) return null;
  try {
    const head = (await zip.readStart(sheet.name, 64 * 1024))?.toString('utf8') ?? '';
    const m = /数据指纹：([0-9a-f]{16})/.exec(head);
    if (m) return { program: true, year: null, scheme: null, fingerprint: m[1]!, lockedAt: null };
  } catch {
    return null;
  }
  return null;
}

const shown = (v: unknown): string => {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') return v.trim();
  if (v instanceof Date) return v.toISOString();
  const o = v as { result?: unknown; richText?: { text: string }[]; error?: string };
  if (o.richText)
    return o.richText
      .map((r) => r.text)
      .join('')
      .trim();
  if ('result' in o) return shown(o.result);
  if (o.error) return o.error;
  return JSON.stringify(v);
};

/** Cells of the header and data rows (row ≥ 3) of every sheet, as (sheet!cell, text), in order. */
async function* dataCells(bytes: Buffer): AsyncGenerator<[string, string]> {
  // The lean reader inflates a whole sheet at once; a province's detail sheet is read streaming.
  const reader = bytes.length > LEAN_LIMIT ? 'exceljs-stream' : 'lean';
  for await (const row of readRows(bytes, { reader, limits: VERIFY_LIMITS }) as AsyncGenerator<RawRow>) {
    if (row.row < 3) continue;
    for (const c of row.cells) {
      const text = shown(c.value);
      if (text !== '') yield [`${row.sheet}!${cellAddress(row.row, c.col)}`, text];
    }
  }
}

/** Cell-by-cell comparison; up to `limit` differences. */
async function compareCells(file: Buffer, locked: Buffer, limit = 20): Promise<WorkbookVerification['differences']> {
  const diffs: WorkbookVerification['differences'] = [];
  const a = dataCells(file);
  const b = dataCells(locked);
  let x = await a.next();
  let y = await b.next();
  while ((!x.done || !y.done) && diffs.length < limit) {
    if (!x.done && !y.done && x.value[0] === y.value[0]) {
      if (x.value[1] !== y.value[1]) diffs.push({ cell: x.value[0], workbook: x.value[1], locked: y.value[1] });
      x = await a.next();
      y = await b.next();
    } else if (y.done || (!x.done && before(x.value[0], y.value[0]))) {
      diffs.push({ cell: x.value![0], workbook: x.value![1], locked: '' });
      x = await a.next();
    } else {
      diffs.push({ cell: y.value[0], workbook: '', locked: y.value[1] });
      y = await b.next();
    }
  }
  return diffs;
}

/** Whether cell `p` of the file comes before cell `q` of the locked workbook (same sheet: by row). */
function before(p: string, q: string): boolean {
  const [ps, pc] = split(p);
  const [qs, qc] = split(q);
  if (ps !== qs) return true; // different sheets: report the file's cell first
  const pr = Number(/\d+$/.exec(pc)![0]);
  const qr = Number(/\d+$/.exec(qc)![0]);
  if (pr !== qr) return pr < qr;
  const col = (c: string) => /^[A-Z]+/.exec(c)![0];
  return col(pc).length < col(qc).length || (col(pc).length === col(qc).length && col(pc) < col(qc));
}

function split(ref: string): [string, string] {
  const i = ref.lastIndexOf('!');
  return [ref.slice(0, i), ref.slice(i + 1)];
}

async function lockedWorkbook(deps: FinanceInputDeps, year: number, scheme: string): Promise<Buffer> {
  return financeWorkbookBuffer(await financeInput(deps, { year, scheme }));
}

const when = (iso: string | null | undefined) => (iso ? localTime(new Date(iso)) : '（时间不详）');

/** The lock / unlock entries of the audit log that name this fingerprint. */
function auditOf(
  deps: Pick<ServiceKit, 'ctx'>,
  fingerprint: string,
): { lockKey: string | null; unlock: { at: string; reason: string | null } | null } {
  const rows = deps.ctx.all(
    deps.ctx.db
      .selectFrom('audit_log')
      .select(['at', 'action', 'key', 'old', 'new', 'reason'])
      .where('entity', '=', 'lock')
      .orderBy('id'),
  );
  let lockKey: string | null = null;
  let unlock: { at: string; reason: string | null } | null = null;
  for (const r of rows) {
    const data = (r.action === '定稿' ? r.new : r.old) ?? '';
    if (!data.includes(fingerprint)) continue;
    if (r.action === '定稿') lockKey = r.key;
    else if (r.action === '解除定稿') unlock = { at: r.at, reason: r.reason };
  }
  return { lockKey, unlock };
}

export async function verifyWorkbookBytes(
  deps: VerifyDeps,
  bytes: Buffer,
  onProgress?: ProgressHook,
): Promise<WorkbookVerification> {
  const out = (
    v: Partial<WorkbookVerification> & Pick<WorkbookVerification, 'status' | 'message'>,
  ): WorkbookVerification => ({
    ok: v.status === 'match',
    year: null,
    scheme: null,
    fingerprint: null,
    lockedAt: null,
    differences: [],
    ...v,
  });
  const claim = isXlsx(bytes) ? await readClaim(bytes) : null;
  if (!claim) {
    return out({
      status: 'foreign',
      message: '这不是本软件导出的财政报表：文件中没有数据指纹和导出信息（或不是 xlsx 工作簿），无法核验。',
    });
  }
  const base = { year: claim.year, scheme: claim.scheme, fingerprint: claim.fingerprint, lockedAt: claim.lockedAt };
  if (!claim.fingerprint) {
    return out({
      ...base,
      status: 'not-locked',
      message: `该工作簿导出时 ${claim.year} 年度方案 ${claim.scheme} 尚未定稿，没有数据指纹，不能证明其数据；请定稿后重新导出。`,
    });
  }
  const fp = claim.fingerprint;
  let year = claim.year;
  let scheme = claim.scheme;
  const audit = auditOf(deps, fp);
  if (year === null || !scheme) {
    // An older export: find the scheme/year by the fingerprint.
    const lock = deps.ctx.first(
      deps.ctx.db.selectFrom('locks').select(['year', 'scheme']).where('fingerprint', '=', fp),
    );
    const key = lock ? `${lock.year}/${lock.scheme}` : audit.lockKey;
    if (key) {
      const [y, ...rest] = key.split('/');
      year = Number(y);
      scheme = rest.join('/');
    }
  }
  if (year === null || !scheme) {
    return out({
      ...base,
      status: 'unknown',
      message: `本数据库中没有数据指纹为 ${fp} 的定稿记录：该工作簿不是由本数据库的定稿数据导出的。`,
    });
  }
  const what = `${year} 年度方案 ${scheme}`;
  const lock = deps.ctx.isLocked(year, scheme);
  const found = { ...base, year, scheme };
  if (!lock) {
    if (audit.unlock) {
      return out({
        ...found,
        status: 'unlocked',
        message: `不一致：${what} 已于 ${when(audit.unlock.at)} 解除定稿（原因：${audit.unlock.reason ?? '未填写'}），工作簿中的数据（指纹 ${fp}）已不再是定稿数据，可能已被修改。`,
      });
    }
    return out({
      ...found,
      status: 'unknown',
      message: `不一致：本数据库中 ${what} 没有定稿记录，无法证明该工作簿（指纹 ${fp}）的数据。`,
    });
  }
  if (lock.fingerprint !== fp) {
    return out({
      ...found,
      status: 'relocked',
      message: `不一致：工作簿的数据指纹为 ${fp}（定稿于 ${when(claim.lockedAt)}），而本数据库中 ${what} 现在的定稿指纹为 ${lock.fingerprint}（定稿于 ${when(lock.lockedAt)}）：该方案年度解除定稿后又以不同的数据重新定稿。`,
    });
  }
  onProgress?.({ stage: '核对', done: 0, total: 1 });
  const diffs = await compareCells(bytes, await lockedWorkbook(deps, year, scheme));
  onProgress?.({ stage: '核对', done: 1, total: 1 });
  if (diffs.length > 0) {
    const d = diffs[0]!;
    return out({
      ...found,
      status: 'different',
      differences: diffs,
      message: `不一致：数据指纹 ${fp} 与 ${what} 的定稿相符，但工作簿中的数据与定稿数据不同（工作簿被改动过，或导出的不是定稿数据）：${d.cell} 工作簿中为“${d.workbook}”，定稿数据为“${d.locked}”${diffs.length > 1 ? ` 等 ${diffs.length}${diffs.length >= 20 ? '+' : ''} 处` : ''}。`,
    });
  }
  const relockedSame = claim.lockedAt !== null && claim.lockedAt !== lock.lockedAt;
  return out({
    ...found,
    lockedAt: lock.lockedAt,
    status: 'match',
    message: `一致：该工作簿的数据与本数据库中 ${what} 的定稿数据完全相同（数据指纹 ${fp}，定稿时间 ${when(lock.lockedAt)}）。${relockedSame ? '（该方案年度曾解除定稿，后以相同的数据重新定稿。）' : ''}`,
  });
}
