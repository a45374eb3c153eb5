/**
 * A copy of an imported workbook with every bad cell filled red and the reason in a comment, so
 * the township can correct its own file.
 */
import type ExcelJS from 'exceljs';
import type { ImportIssue } from '../../shared/api/contract';

export const BAD_FILL: ExcelJS.Fill = {
  type: 'pattern',
  pattern: 'solid',
  fgColor: { argb: 'FFFF0000' },
  bgColor: { argb: 'FFFF0000' },
};

/** "数据采集!D7" / "'My sheet'!D7" → address part. */
export function addressOf(issue: ImportIssue): string | null {
  const i = issue.cell.lastIndexOf('!');
  const a = i >= 0 ? issue.cell.slice(i + 1) : issue.cell;
  return /^[A-Z]{1,3}[0-9]+$/.test(a) ? a : null;
}

export function markIssues(wb: ExcelJS.Workbook, errors: ImportIssue[]): number {
  const notes = new Map<string, string[]>();
  for (const e of errors) {
    const addr = addressOf(e);
    if (!addr || !e.sheet) continue;
    const key = `${e.sheet}\u0000${addr}`;
    notes.set(key, [...(notes.get(key) ?? []), e.message]);
  }
  let marked = 0;
  for (const [key, messages] of notes) {
    const [sheet, addr] = key.split('\u0000');
    const ws = wb.getWorksheet(sheet);
    if (!ws) continue;
    const cell = ws.getCell(addr);
    // A fresh style object: cells read from a file share theirs, and a shared fill would paint
    // every cell of that style red.
    cell.style = { ...cell.style, fill: BAD_FILL };
    cell.note = {
      texts: [{ text: `导入错误：${messages.join('\n')}` }],
      margins: { insetmode: 'auto' },
    } as ExcelJS.Comment;
    marked++;
  }
  return marked;
}
