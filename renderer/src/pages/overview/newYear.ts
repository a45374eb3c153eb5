/**
 * 新建考核年度 and the overview cards as pure functions: the dialog's starting choices, the typed
 * year, when it may be confirmed, a scheme file read as JSON, and what to say when the year is made;
 * each scheme card's completeness and next step.
 */
import type { SchemeSummary } from '../../../../shared/api/contract';
import type { PageId } from '../../app/context';

/** Where the new year's schemes come from. */
export type Source = 'template' | 'copy' | 'file';

/** The dialog's start: the year after the newest (else this year), copied from the newest when there is one. */
export function newYearDefaults(years: number[], thisYear: number): { year: string; source: Source; fromYear: number } {
  const last = years.length ? Math.max(...years) : null;
  return { year: String(last ? last + 1 : thisYear), source: last ? 'copy' : 'template', fromYear: last ?? 0 };
}

/** A typed year between 2000 and 2100, else null. */
export function readYear(text: string): number | null {
  const y = Number(text);
  return Number.isInteger(y) && y >= 2000 && y <= 2100 ? y : null;
}

/** May the year be made: a good year and a chosen source (a template, another year, a file). */
export function canCreate(c: {
  year: number | null;
  source: Source;
  template: string;
  fromYear: number;
  hasFile: boolean;
}): boolean {
  if (c.year == null) return false;
  if (c.source === 'template') return !!c.template;
  if (c.source === 'copy') return !!c.fromYear && c.fromYear !== c.year;
  return c.hasFile;
}

/** A scheme file's text as JSON; not JSON is an input error naming the file. */
export function schemeJsonOf(text: string, fileName: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw { code: 'INPUT', message: `${fileName} 不是有效的 JSON 文件` };
  }
}

/** Is the picked scheme file JSON (else Excel)? */
export const isJsonFile = (fileName: string): boolean => fileName.toLowerCase().endsWith('.json');

/** What to say when the year is made. */
export function createdText(
  done:
    | { source: 'template'; year: number; code: string }
    | { source: 'copy'; year: number; fromYear: number; copied: number }
    | { source: 'file'; code: string; problems: number },
): string {
  switch (done.source) {
    case 'template':
      return `已按模板建立 ${done.year} 年度方案 ${done.code}`;
    case 'copy':
      return `已从 ${done.fromYear} 年复制 ${done.copied} 个方案到 ${done.year} 年`;
    default:
      return done.problems ? `已导入方案 ${done.code}（草稿，有 ${done.problems} 处问题）` : `已导入方案 ${done.code}`;
  }
}

/** The share of a scheme's cells (targets × leaves) filled, as a whole percent rounded down. */
export function completeness(s: Pick<SchemeSummary, 'targets' | 'leaves' | 'missing'>): number {
  const cells = s.targets * s.leaves;
  return cells > 0 ? Math.floor(((cells - s.missing) / cells) * 100) : 0;
}

/** What to do next with a scheme, and the page where it is done. */
export function nextStep(s: SchemeSummary): { text: string; page: PageId; action: string } {
  if (s.state === 'locked')
    return { text: '已定稿。可以导出财政报表；如需修改须先解除定稿。', page: 'lock', action: '查看定稿' };
  if (!s.valid) return { text: `方案有 ${s.problems} 处问题，须先修正才能计分。`, page: 'scheme', action: '修正方案' };
  if (s.targets === 0)
    return { text: '还没有这一类型的考核对象，请先添加或导入。', page: 'targets', action: '添加考核对象' };
  if (s.missing > 0)
    return { text: `还有 ${s.missing} 项缺报，请导入采集表或在表格中录入。`, page: 'collect', action: '去采集数据' };
  return { text: '数据已齐全。核对结果、录入加减分和一票否决后即可定稿。', page: 'results', action: '查看结果' };
}
