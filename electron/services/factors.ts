/**
 * Allocation factors (服务人口、床位 …) from a workbook: a header row with the target code column
 * (对象编码 …) and the named factor column; one factor per target. Used by `allocate --factors`.
 */
import { readCell, numberText } from '../excel/cells';
import { isCodeHeader } from '../excel/headers';
import { readRows, type RawRow } from '../excel/reader';
import { headerKey, qualified } from '../excel/text';
import { ApiError } from './errors';

export async function readFactorsWorkbook(bytes: Buffer, column: string): Promise<Record<string, string>> {
  const wanted = headerKey(column);
  const factors: Record<string, string> = {};
  // Codes compare without regard to case (domain.md): ex-01 after EX-01 is the same target again.
  const seen = new Set<string>();
  const problems: { path: string; message: string }[] = [];
  let header: { sheet: string; codeCol: number; factorCol: number } | null = null;
  try {
    const rows: AsyncGenerator<RawRow> = readRows(bytes);
    for await (const row of rows) {
      const text = (c: { value: unknown; numFmt: string | undefined }) => {
        const r = readCell(c.value as never, c.numFmt);
        return r.kind === 'text' ? r.text.trim() : r.kind === 'number' ? numberText(r.n) : '';
      };
      if (!header || header.sheet !== row.sheet) {
        const codeCell = row.cells.find((c) => isCodeHeader(text(c)));
        const factorCell = row.cells.find((c) => headerKey(text(c)) === wanted);
        if (codeCell && factorCell) header = { sheet: row.sheet, codeCol: codeCell.col, factorCol: factorCell.col };
        continue;
      }
      const codeCell = row.cells.find((c) => c.col === header!.codeCol);
      const code = codeCell ? text(codeCell) : '';
      if (!code) continue;
      const place = qualified(row.sheet, row.row, header.factorCol);
      const cell = row.cells.find((c) => c.col === header!.factorCol);
      const r = cell ? readCell(cell.value, cell.numFmt) : ({ kind: 'blank' } as const);
      const value = r.kind === 'number' ? numberText(r.n) : r.kind === 'text' ? r.text.trim().replace(/,/g, '') : '';
      if (!/^\d+(\.\d+)?$/.test(value)) {
        problems.push({
          path: place,
          message: `${place}：考核对象 ${code} 的“${column}”应为不小于 0 的数字${value ? `，现为“${value}”` : '，现为空'}`,
        });
        continue;
      }
      if (seen.has(code.toLowerCase())) {
        problems.push({ path: place, message: `${place}：考核对象 ${code} 重复出现` });
        continue;
      }
      factors[code] = value;
      seen.add(code.toLowerCase());
    }
  } catch (e) {
    if (e instanceof ApiError) throw e;
    throw new ApiError('INPUT', `无法读取分配系数工作簿：${e instanceof Error ? e.message : String(e)}`);
  }
  if (!header) throw new ApiError('INPUT', `分配系数工作簿中找不到同时含“对象编码”和“${column}”两列的表头`);
  if (problems.length > 0) {
    throw new ApiError(
      'INPUT',
      `分配系数工作簿有误：${problems
        .slice(0, 5)
        .map((p) => p.message)
        .join('；')}`,
      { problems },
    );
  }
  return factors;
}
