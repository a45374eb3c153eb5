/**
 * Kysely table types of the workstation database. Decimals (values, points, money) are TEXT holding
 * the exact decimal, never REAL. Times are ISO-8601 text. Booleans are 0/1 integers.
 */
import type { Generated } from 'kysely';

export interface SettingsTable {
  key: string;
  value: string;
}

export interface YearsTable {
  year: number;
  note: string | null;
  created_at: string;
}

export interface TargetsTable {
  id: Generated<number>;
  code: string;
  name: string;
  kind: string;
  group_code: string | null;
  /** First and last year the target is appraised (inclusive); null = no limit. */
  from_year: number | null;
  to_year: number | null;
  created_at: string;
  updated_at: string;
}

export interface PersonsTable {
  id: Generated<number>;
  name: string;
  role: string;
  target: string;
  updated_at: string;
}

export interface SchemesTable {
  id: Generated<number>;
  year: number;
  code: string;
  name: string;
  target_kind: string;
  /** The whole scheme as JSON (scheme-json.md), as saved. */
  json: string;
  valid: number;
  problems: number;
  updated_at: string;
}

export interface IndicatorValuesTable {
  year: number;
  scheme: string;
  target: string;
  indicator: string;
  /** 'number' | 'label' | 'na' (a missing value has no row). */
  kind: string;
  number: string | null;
  label: string | null;
  entered_by: string;
  entered_at: string;
  import_id: number | null;
}

export interface ValueHistoryTable {
  id: Generated<number>;
  year: number;
  scheme: string;
  target: string;
  indicator: string;
  old: string;
  new: string;
  at: string;
  who: string;
  reason: string | null;
  import_id: number | null;
}

/** 上年数 of growth indicators (migration 2): 'number' | 'na'; none kept = no row. */
export interface ValueBaselinesTable {
  year: number;
  scheme: string;
  target: string;
  indicator: string;
  kind: string;
  number: string | null;
  entered_by: string;
  entered_at: string;
  import_id: number | null;
}

export type BaselineHistoryTable = ValueHistoryTable;

export interface AdjustmentsTable {
  id: Generated<number>;
  year: number;
  scheme: string;
  target: string;
  kind: string;
  points: string;
  reason: string;
  created_at: string;
  created_by: string;
}

export interface VetoesTable {
  year: number;
  scheme: string;
  target: string;
  reason: string;
  created_at: string;
  created_by: string;
}

export interface SalaryInputsTable {
  id: Generated<number>;
  year: number;
  person_id: number;
  scheme: string;
  base: string;
  performance_base: string;
  months: number;
  cap: string | null;
  /** 发放主体 set by hand (migration 4); null = the default. */
  payer: string | null;
  updated_at: string;
}

export interface PayTotalsTable {
  year: number;
  target: string;
  proposed: string;
  benchmark: string;
  multiple: string;
  excluded: string;
  updated_at: string;
  updated_by: string;
}

export interface SurplusSplitsTable {
  year: number;
  target: string;
  amount: string;
  /** JSON array, e.g. ["40","60"]. */
  split: string;
  /** JSON array or null. */
  tiers: string | null;
  /** JSON of the split (SurplusTierSplit). */
  result: string;
  reason: string;
  updated_at: string;
  updated_by: string;
}

export interface AllocationsTable {
  id: Generated<number>;
  year: number;
  scheme: string;
  amount: string;
  excluded_grades: string;
  factors: string | null;
  parts: string;
  sum: string;
  created_at: string;
  created_by: string;
}

export interface ImportsTable {
  id: Generated<number>;
  kind: string;
  file_name: string;
  bytes: Buffer;
  sha256: string;
  at: string;
  who: string;
  year: number | null;
  scheme: string | null;
  outcome: string;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  who: string;
  action: string;
  entity: string;
  key: string;
  old: string | null;
  new: string | null;
  reason: string | null;
}

export interface LocksTable {
  year: number;
  scheme: string;
  locked_at: string;
  locked_by: string;
  fingerprint: string;
  /** The SchemeResult at lock time (JSON), so later years read the grades that were final. */
  results: string;
  /** What else the lock froze (LockSnapshot JSON: roster, salary lines, growth baselines); null for locks made before it existed. */
  snapshot: string | null;
}

export interface SchemaVersionTable {
  version: number;
  name: string;
  applied_at: string;
}

export interface DB {
  settings: SettingsTable;
  years: YearsTable;
  targets: TargetsTable;
  persons: PersonsTable;
  schemes: SchemesTable;
  indicator_values: IndicatorValuesTable;
  value_history: ValueHistoryTable;
  value_baselines: ValueBaselinesTable;
  baseline_history: BaselineHistoryTable;
  adjustments: AdjustmentsTable;
  vetoes: VetoesTable;
  salary_inputs: SalaryInputsTable;
  allocations: AllocationsTable;
  pay_totals: PayTotalsTable;
  surplus_splits: SurplusSplitsTable;
  imports: ImportsTable;
  audit_log: AuditLogTable;
  locks: LocksTable;
  schema_version: SchemaVersionTable;
}
