/**
 * The synchronous building blocks the workbook, template and demo code composes inside one
 * transaction, bound to one ServiceContext — what openServices adds to the contract besides backup
 * paths and close (services/index.ts). Each workbook flow names the few it uses
 * (`Pick<ServiceKit, …>`, services/workbooks/).
 */
import type { ScoreInput } from '../../shared/scoring/engine';
import { findImportBySha, recordImport, updateImportOutcome, type RecordImportInput } from './admin';
import type { AuditInput, ServiceContext } from './context';
import { savedAllocation } from './salary';
import { loadScoreInput } from './scoring';
import { writeValues, type WriteValuesInput } from './values';

export interface ServiceKit {
  ctx: ServiceContext;
  tx<T>(fn: () => T): T;
  /** Appends an audit entry (`audit` itself is the contract's query). */
  appendAudit(e: AuditInput): void;
  assertUnlocked(year: number, scheme: string): void;
  writeValues(input: WriteValuesInput): ReturnType<typeof writeValues>;
  recordImport(input: RecordImportInput): number;
  updateImportOutcome(id: number, outcome: unknown): void;
  findImportBySha(sha256: string): ReturnType<typeof findImportBySha>;
  loadScoreInput(year: number, scheme: string): ScoreInput;
  savedAllocation(year: number, scheme: string): ReturnType<typeof savedAllocation>;
}

export function serviceKit(ctx: ServiceContext): ServiceKit {
  return {
    ctx,
    tx: (fn) => ctx.tx(fn),
    appendAudit: (e) => ctx.audit(e),
    assertUnlocked: (year, scheme) => ctx.assertUnlocked(year, scheme),
    writeValues: (input) => writeValues(ctx, input),
    recordImport: (input) => recordImport(ctx, input),
    updateImportOutcome: (id, outcome) => updateImportOutcome(ctx, id, outcome),
    findImportBySha: (hash) => findImportBySha(ctx, hash),
    loadScoreInput: (year, scheme) => loadScoreInput(ctx, year, scheme),
    savedAllocation: (year, scheme) => savedAllocation(ctx, year, scheme),
  };
}
