/**
 * The workbooks for the finance bureau: the finance workbook of one scheme/year (finance.md: results,
 * salary, pay totals and surplus splits, the allocation; a locked scheme/year as locked, with its
 * fingerprint) and 考核结果运用 of a year. The sheets are written in electron/excel/.
 */
import { PassThrough } from 'node:stream';
import type { AppraisalApi, FilePayload } from '../../../shared/api/contract';
import { financeFileName, writeFinanceWorkbook, type FinanceWorkbookInput } from '../../excel/finance-workbook';
import type { ProgressHook } from '../../excel/progress';
import { buildResultUsesWorkbook } from '../../excel/result-uses';
import type { ServiceKit } from '../kit';
import { lockedNames, readLock } from '../lock-snapshot';
import { computePayTotals, listPayTotals, listSurplus, payerNames } from '../money';
import { toPayload, workbookBytes } from './payload';
import { schemeFor } from './scheme-roster';

/**
 * What the finance workbook is made from: the scheme, scores, salary lines and targets (contract),
 * the lock, pay totals, surplus and payer names (over `ctx`) and the saved allocation.
 */
export type FinanceInputDeps = Pick<
  AppraisalApi,
  'getScheme' | 'score' | 'getSettings' | 'computeSalary' | 'listTargets'
> &
  Pick<ServiceKit, 'ctx' | 'savedAllocation'>;

export async function financeInput(
  deps: FinanceInputDeps,
  o: { year: number; scheme: string },
): Promise<FinanceWorkbookInput> {
  const { ctx } = deps;
  const scheme = await schemeFor(deps, o.year, o.scheme);
  const results = await deps.score({ year: o.year, scheme: o.scheme });
  const settings = await deps.getSettings();
  const salary = (await deps.computeSalary({ year: o.year })).filter((l) => l.scheme === o.scheme);
  // A locked scheme/year shows the names it was locked with.
  const targetNames =
    lockedNames(ctx, o.year, o.scheme) ?? new Map((await deps.listTargets({})).map((t) => [t.code, t.name]));
  const lock = ctx.isLocked(o.year, o.scheme);
  const lockRecord = lock ? readLock(ctx, o.year, o.scheme) : null;
  // A group scheme also carries the groups' 绩效工资总量 and 医保结余 splits (finance.md).
  const isGroupScheme = scheme.targetKind === 'medical_group';
  const inResults = new Set(results.results.map((r) => r.target));
  const computed =
    isGroupScheme && listPayTotals(ctx, o.year).length > 0 ? computePayTotals(ctx, o.year, o.scheme) : null;
  // Groups named as the results name them (a locked scheme: as locked).
  const named = <T extends { target: string; name: string }>(r: T): T => ({
    ...r,
    name: targetNames.get(r.target) ?? r.name,
  });
  const payTotals = computed ? { ...computed, groups: computed.groups.map(named) } : null;
  const surplus = isGroupScheme
    ? listSurplus(ctx, o.year)
        .filter((r) => inResults.has(r.target))
        .map(named)
    : [];
  return {
    countyName: settings.countyName,
    year: o.year,
    scheme,
    results,
    salary,
    targetNames,
    // A group scheme's own (locked) names win: its pay sheets are named as it was locked.
    // Other locked schemes: the payer names the lock froze (a group renamed later keeps its sheet name).
    payerNames: new Map(
      [...payerNames(ctx), ...Object.entries(lockRecord?.snapshot?.payerNames ?? {})].map(([code, name]) => [
        code,
        targetNames.get(code) ?? name,
      ]),
    ),
    payTotals,
    surplus,
    allocation: deps.savedAllocation(o.year, o.scheme),
    lock: lock ? { fingerprint: lock.fingerprint, lockedAt: lock.lockedAt } : null,
    exportedAt: new Date(),
  };
}

/** The finance workbook in memory (the API's download; the fingerprint check rebuilds it too). */
export async function financeWorkbookBuffer(input: FinanceWorkbookInput, onProgress?: ProgressHook): Promise<Buffer> {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    stream.on('end', resolve);
    stream.on('error', reject);
  });
  await writeFinanceWorkbook(input, { stream }, onProgress);
  stream.end();
  await done;
  return Buffer.concat(chunks);
}

export async function exportResultsBytes(
  deps: FinanceInputDeps,
  o: { year: number; scheme: string },
  onProgress?: ProgressHook,
): Promise<FilePayload> {
  const input = await financeInput(deps, o);
  return toPayload(financeFileName(input), await financeWorkbookBuffer(input, onProgress));
}

/** 考核结果运用 of a year (every scheme's results and what they are used for). */
export async function resultUsesBytes(
  deps: Pick<AppraisalApi, 'resultUses' | 'getSettings'>,
  o: { year: number },
): Promise<FilePayload> {
  const report = await deps.resultUses({ year: o.year });
  const settings = await deps.getSettings();
  const wb = buildResultUsesWorkbook({ countyName: settings.countyName, report, exportedAt: new Date() });
  return toPayload(`${settings.countyName}${o.year}年度考核结果运用.xlsx`, await workbookBytes(wb));
}
