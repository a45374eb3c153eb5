/**
 * Simple list workbooks (考核对象, 年薪): the first row on a sheet that holds the required column
 * titles is the header; every later non-blank row is a record. Titles and notes above are skipped.
 */
import type { ImportIssue } from '../../shared/api/contract';
import { readCell, type CellReading } from './cells';
import { readRows, type RawRow, type ReadOptions } from './reader';
import { headerKey, qualified } from './text';

export interface ColumnSpec<K extends string> {
  key: K;
  titles: string[];
  required: boolean;
}

export interface TableRecord<K extends string> {
  sheet: string;
  row: number;
  cell(key: K): CellReading;
  where(key: K): string;
  has(key: K): boolean;
}

export interface TableRead<K extends string> {
  records: TableRecord<K>[];
  errors: ImportIssue[];
  warnings: ImportIssue[];
}

export async function readTable<K extends string>(
  bytes: Buffer,
  columns: ColumnSpec<K>[],
  what: string,
  opts: ReadOptions = {},
): Promise<TableRead<K>> {
  const out: TableRead<K> = { records: [], errors: [], warnings: [] };
  const headers = new Map<string, Map<K, number>>();
  const firstSheet: string[] = [];
  const required = columns.filter((c) => c.required);
  for await (const raw of readRows(bytes, opts)) {
    if (!firstSheet.length) firstSheet.push(raw.sheet);
    const cols = headers.get(raw.sheet);
    if (!cols) {
      const found = matchHeader(raw, columns);
      if (required.every((c) => found.has(c.key))) {
        headers.set(raw.sheet, found);
        for (const c of raw.cells) {
          const t = cellTextOf(c.value);
          if (t && ![...found.values()].includes(c.col)) {
            out.warnings.push({
              sheet: raw.sheet,
              cell: qualified(raw.sheet, raw.row, c.col),
              target: '',
              indicator: '',
              value: t,
              message: `列“${t}”未使用，已忽略`,
            });
          }
        }
      }
      continue;
    }
    const byCol = new Map(raw.cells.map((c) => [c.col, c]));
    const rec: TableRecord<K> = {
      sheet: raw.sheet,
      row: raw.row,
      has: (k) => cols.has(k),
      cell: (k) => {
        const col = cols.get(k);
        const c = col === undefined ? undefined : byCol.get(col);
        return c ? readCell(c.value, c.numFmt) : { kind: 'blank' };
      },
      where: (k) => qualified(raw.sheet, raw.row, cols.get(k) ?? 1),
    };
    if (columns.every((c) => rec.cell(c.key).kind === 'blank')) continue;
    out.records.push(rec);
  }
  if (headers.size === 0) {
    const sheet = firstSheet[0] ?? '';
    out.errors.push({
      sheet,
      cell: sheet ? qualified(sheet, 1, 1) : '',
      target: '',
      indicator: '',
      value: '',
      message: `没有找到${what}的表头行：需要包含 ${required.map((c) => c.titles[0]).join('、')} 列`,
    });
  }
  return out;
}

function cellTextOf(v: unknown): string {
  const r = readCell(v as never, undefined);
  return r.kind === 'blank' ? '' : r.kind === 'text' ? r.text.trim() : r.written;
}

function matchHeader<K extends string>(raw: RawRow, columns: ColumnSpec<K>[]): Map<K, number> {
  const found = new Map<K, number>();
  for (const c of raw.cells) {
    const key = headerKey(cellTextOf(c.value));
    if (!key) continue;
    const spec = columns.find((s) => s.titles.some((t) => headerKey(t) === key));
    if (spec && !found.has(spec.key)) found.set(spec.key, c.col);
  }
  return found;
}

/** Cell text for codes and names ("" when blank). */
export function textOf(r: CellReading): string {
  if (r.kind === 'blank') return '';
  if (r.kind === 'text') return r.text;
  return r.written;
}
