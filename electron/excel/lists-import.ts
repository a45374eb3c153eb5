/**
 * 考核对象 and 年薪 list workbooks → records to save, or the issues that reject the file.
 * Pure: what is known (existing targets, schemes) is passed in.
 */
import { PRODUCT_NAME } from '../../shared/product';
import type { ImportIssue, SalaryInput } from '../../shared/api/contract';
import type { Target, TargetKind } from '../../shared/domain/types';
import { TARGET_KINDS, TARGET_KIND_NAMES } from '../../shared/domain/types';
import { parseFenAmount } from '../../shared/finance/money';
import ExcelJS from 'exceljs';
import { resolvePayer } from '../../shared/finance/payer';
import type { CellReading } from './cells';
import type { ReadOptions } from './reader';
import { readTable, textOf, type ColumnSpec, type TableRecord } from './table';
import { foldWidth, headerKey, norm } from './text';

export interface ListRead<T> {
  items: T[];
  errors: ImportIssue[];
  warnings: ImportIssue[];
}

const KIND_BY_TEXT = new Map<string, TargetKind>();
for (const k of TARGET_KINDS) {
  KIND_BY_TEXT.set(headerKey(k), k);
  KIND_BY_TEXT.set(headerKey(TARGET_KIND_NAMES[k]), k);
}
// Common variants offices write.
for (const [alias, k] of [
  ['医共体', 'medical_group'],
  ['紧密型医共体', 'medical_group'],
  ['县医院', 'county_hospital'],
  ['卫生院', 'township_centre'],
  ['乡镇卫生院', 'township_centre'],
  ['社区卫生服务站', 'community_centre'],
  ['社区中心', 'community_centre'],
  ['村卫生所', 'village_clinic'],
  ['家庭医生签约团队', 'family_doctor_team'],
  ['驻点医生', 'stationed_staff'],
] as const) {
  KIND_BY_TEXT.set(headerKey(alias), k);
}

export function parseKind(text: string): TargetKind | null {
  return KIND_BY_TEXT.get(headerKey(text)) ?? null;
}

const issue = (rec: TableRecord<string>, key: string, target: string, value: string, message: string): ImportIssue => ({
  sheet: rec.sheet,
  cell: rec.where(key),
  target,
  indicator: '',
  value,
  message,
});

type TargetCol = 'code' | 'name' | 'kind' | 'group' | 'from' | 'to' | 'active';

/** The columns of the 考核对象 workbook (excel.md), in the order a template offers them. */
export const TARGET_COLUMNS: { key: TargetCol; titles: string[]; required: boolean; note: string }[] = [
  {
    key: 'code',
    titles: ['对象编码', '编码', '单位编码', '机构编码'],
    required: true,
    note: '跨年度不变；不区分大小写',
  },
  { key: 'name', titles: ['对象名称', '名称', '单位名称', '机构名称'], required: true, note: '' },
  {
    key: 'kind',
    titles: ['类型', '对象类型', '机构类型'],
    required: true,
    note: TARGET_KINDS.map((k) => TARGET_KIND_NAMES[k]).join('、'),
  },
  { key: 'group', titles: ['所属医疗集团', '所属医共体', '医疗集团'], required: false, note: '医疗集团的编码或名称' },
  {
    key: 'from',
    titles: ['起始年度', '起始年份', '开始年度', '考核起始年度'],
    required: false,
    note: '第一个参加考核的年度，空 = 不限',
  },
  {
    key: 'to',
    titles: ['终止年度', '终止年份', '结束年度', '考核终止年度'],
    required: false,
    note: '最后一个参加考核的年度，空 = 仍在考核',
  },
  { key: 'active', titles: ['是否在用', '状态', '在用'], required: false, note: '' },
];

/** A year cell: blank → null; 2025, "2025", "2025年" → 2025; anything else not ok. */
export function yearOf(r: CellReading): { ok: true; year: number | null } | { ok: false } {
  if (r.kind === 'blank') return { ok: true, year: null };
  const t = foldWidth(textOf(r))
    .trim()
    .replace(/\s*年(度)?$/, '');
  if (!/^\d{4}$/.test(t)) return { ok: false };
  const y = Number(t);
  return y >= 2000 && y <= 2100 ? { ok: true, year: y } : { ok: false };
}

const lower = (s: string) => s.toLowerCase();

/**
 * Reads the targets workbook. Codes are compared without regard to case: a code that differs from
 * a registered one (or another row) only in case is an error. Without the year columns a
 * registered target keeps its years; with them, a blank cell means no limit. The same name twice
 * in one group (registered or in the file) is a warning.
 */
export async function readTargetsWorkbook(
  bytes: Buffer,
  existing: Target[],
  opts: ReadOptions = {},
): Promise<ListRead<Target>> {
  const t = await readTable<TargetCol>(bytes, TARGET_COLUMNS, '考核对象', opts);
  const out: ListRead<Target> = { items: [], errors: t.errors, warnings: t.warnings };
  const codes: TargetCodes = { seen: new Map(), registered: new Map(existing.map((e) => [lower(e.code), e])) };
  const groups: GroupIndex = { codes: new Map(), names: new Map() };
  for (const e of existing) if (e.kind === 'medical_group') addGroup(groups, e.code, e.name);
  const rows: TargetRow[] = [];
  for (const rec of t.records) {
    const row = readTargetRow(rec, codes, out.errors);
    if (!row) continue;
    if (row.target.kind === 'medical_group') addGroup(groups, row.target.code, row.target.name);
    rows.push(row);
  }
  // A group may be new in the same file, on any row: the groups are resolved once all rows are read.
  const accepted: TargetRow[] = [];
  for (const row of rows) {
    if (!attachGroup(row, groups, out.errors)) continue;
    accepted.push(row);
    out.items.push(row.target);
  }
  out.warnings.push(...sameNameWarnings(existing, accepted));
  return out;
}

/** A row of the targets file read into a target; its 所属医疗集团 is resolved later. */
export interface TargetRow {
  rec: TableRecord<TargetCol>;
  target: Target;
  groupText: string;
}

/** The codes met so far in the file (lower case → their cell), and the registered targets by lower-case code. */
interface TargetCodes {
  seen: Map<string, string>;
  registered: Map<string, Target>;
}

/** One record → a target, its errors pushed; null when the row's code or kind makes it unusable. */
function readTargetRow(rec: TableRecord<TargetCol>, codes: TargetCodes, errors: ImportIssue[]): TargetRow | null {
  const code = norm(textOf(rec.cell('code')));
  const name = textOf(rec.cell('name')).trim();
  const kindText = norm(textOf(rec.cell('kind')));
  const codeError = checkTargetCode(rec, code, codes);
  if (codeError) {
    errors.push(codeError);
    return null;
  }
  if (!name) errors.push(issue(rec, 'name', code, '', `对象 ${code} 缺少对象名称`));
  const kind = parseKind(kindText);
  if (!kind) {
    errors.push(
      issue(
        rec,
        'kind',
        code,
        kindText,
        `类型“${kindText}”不认识，应为：${TARGET_KINDS.map((k) => TARGET_KIND_NAMES[k]).join('、')}（或其英文代码）`,
      ),
    );
    return null;
  }
  const { from, to } = targetYears(rec, code, codes.registered.get(lower(code)), errors);
  checkActive(rec, code, to, errors);
  const target: Target = { code, name, kind, group: null, from, to };
  return { rec, target, groupText: rec.has('group') ? textOf(rec.cell('group')).trim() : '' };
}

/**
 * A row's code: missing, already in the file (in any case), or a registered code written in another
 * case is an error, returned. A code that is not missing is remembered as seen.
 */
function checkTargetCode(rec: TableRecord<TargetCol>, code: string, codes: TargetCodes): ImportIssue | null {
  if (!code) return issue(rec, 'code', '', '', `第 ${rec.row} 行缺少对象编码`);
  const first = codes.seen.get(lower(code));
  if (first !== undefined) {
    return issue(rec, 'code', code, code, `对象编码 ${code} 在文件中出现了两次（另见 ${first}；编码不区分大小写）`);
  }
  codes.seen.set(lower(code), rec.where('code'));
  const old = codes.registered.get(lower(code));
  if (old && old.code !== code) {
    return issue(
      rec,
      'code',
      code,
      code,
      `对象编码 ${code} 与已登记的考核对象 ${old.code}（${old.name}）只差字母大小写；编码不区分大小写，请改为 ${old.code}`,
    );
  }
  return null;
}

/**
 * 起始年度 / 终止年度: without the column a registered target keeps its year; with it, a blank cell
 * means no limit. A year that is not one, or a start after the end, is an error.
 */
function targetYears(
  rec: TableRecord<TargetCol>,
  code: string,
  old: Target | undefined,
  errors: ImportIssue[],
): { from: number | null; to: number | null } {
  let from = old?.from ?? null;
  let to = old?.to ?? null;
  let yearsOk = true;
  for (const key of ['from', 'to'] as const) {
    if (!rec.has(key)) continue;
    const y = yearOf(rec.cell(key));
    if (!y.ok) {
      yearsOk = false;
      errors.push(
        issue(
          rec,
          key,
          code,
          textOf(rec.cell(key)),
          `${key === 'from' ? '起始年度' : '终止年度'}应为 2000–2100 之间的年份（如 2025），或留空`,
        ),
      );
    } else if (key === 'from') from = y.year;
    else to = y.year;
  }
  if (yearsOk && from !== null && to !== null && from > to) {
    errors.push(issue(rec, 'to', code, String(to), `对象 ${code} 的起始年度 ${from} 晚于终止年度 ${to}`));
  }
  return { from, to };
}

/** 是否在用 as written: a yes, a no, blank, or something else. */
export function activeState(text: string): 'yes' | 'no' | 'blank' | 'unknown' {
  // Latin words in any case: Excel writes its booleans TRUE/FALSE, people type Yes or y.
  const a = norm(text).toLowerCase();
  if (['否', '停用', '不在用', 'false', 'no', '0', 'n'].includes(a)) return 'no';
  if (!a) return 'blank';
  return ['是', '在用', '启用', 'true', 'yes', '1', 'y'].includes(a) ? 'yes' : 'unknown';
}

/** 是否在用: a target marked retired must name its last year in 终止年度; neither yes nor no is an error. */
function checkActive(rec: TableRecord<TargetCol>, code: string, to: number | null, errors: ImportIssue[]): void {
  if (!rec.has('active')) return;
  const a = norm(textOf(rec.cell('active')));
  const state = activeState(a);
  if (state === 'no' && to === null) {
    errors.push(
      issue(
        rec,
        'active',
        code,
        a,
        `对象 ${code} 标为“${a}”：停用须写明年度，请在“终止年度”列填写最后一个参加考核的年度`,
      ),
    );
  } else if (state === 'unknown') {
    errors.push(issue(rec, 'active', code, a, `“${a}”应为“是”或“否”`));
  }
}

/** Medical groups by code (lower case) and by name (trimmed, and width-folded), → their code. */
export interface GroupIndex {
  codes: Map<string, string>;
  names: Map<string, string>;
}

export function addGroup(groups: GroupIndex, code: string, name: string): void {
  groups.codes.set(lower(code), code);
  groups.names.set(name.trim(), code);
  groups.names.set(norm(name), code);
}

/** The group a 所属医疗集团 cell names: by its code in any case, else by its name. */
export function findGroup(groups: GroupIndex, text: string): string | undefined {
  return groups.codes.get(lower(text)) ?? groups.names.get(text) ?? groups.names.get(norm(text));
}

/** Sets the row's group from its 所属医疗集团; false, with an error pushed, when that names no group. */
function attachGroup(row: TargetRow, groups: GroupIndex, errors: ImportIssue[]): boolean {
  if (!row.groupText) return true;
  const g = findGroup(groups, row.groupText);
  if (!g) {
    errors.push(
      issue(
        row.rec,
        'group',
        row.target.code,
        row.groupText,
        `所属医疗集团“${row.groupText}”不是已登记的医疗集团（填医疗集团的编码或名称）`,
      ),
    );
    return false;
  }
  row.target.group = g;
  return true;
}

/**
 * The same name twice in one group, a warning on the later row: among the registered targets the
 * file does not change and the file's accepted rows, in order.
 */
export function sameNameWarnings(existing: Target[], rows: TargetRow[]): ImportIssue[] {
  const warnings: ImportIssue[] = [];
  const inFile = new Set(rows.map((r) => lower(r.target.code)));
  const named = new Map<string, string[]>();
  const key = (name: string, group: string | null | undefined) => `${group ?? ''}\u0000${name.trim()}`;
  for (const e of existing)
    if (!inFile.has(lower(e.code)))
      named.set(key(e.name, e.group), [...(named.get(key(e.name, e.group)) ?? []), e.code]);
  for (const { rec, target } of rows) {
    const k = key(target.name, target.group);
    const others = named.get(k) ?? [];
    if (others.length > 0) {
      const where = target.group ? `医疗集团 ${target.group} 中` : '未归属医疗集团的对象中';
      warnings.push(
        issue(
          rec,
          'name',
          target.code,
          target.name,
          `${where}已有同名的考核对象“${target.name.trim()}”（${others.join('、')}），请确认 ${target.code} 不是重复登记`,
        ),
      );
    }
    named.set(k, [...others, target.code]);
  }
  return warnings;
}

type SalaryCol = 'person' | 'role' | 'target' | 'scheme' | 'base' | 'performanceBase' | 'months' | 'cap' | 'payer';

function amount(r: CellReading, what: string): { ok: true; value: string } | { ok: false; message: string } {
  const text = r.kind === 'number' ? r.written : r.kind === 'text' ? foldWidth(r.text).replace(/元$/, '').trim() : '';
  try {
    return { ok: true, value: parseFenAmount(text, what).toFixed(2) };
  } catch (e) {
    return { ok: false, message: e instanceof Error ? e.message : String(e) };
  }
}

/** The columns of the 年薪 workbook (excel.md). */
const SALARY_COLUMNS: ColumnSpec<SalaryCol>[] = [
  { key: 'person', titles: ['姓名'], required: true },
  { key: 'role', titles: ['职务'], required: true },
  { key: 'target', titles: ['单位编码', '对象编码'], required: true },
  { key: 'scheme', titles: ['考核方案编码', '方案编码'], required: true },
  { key: 'base', titles: ['基本年薪'], required: true },
  { key: 'performanceBase', titles: ['绩效年薪基数'], required: true },
  { key: 'months', titles: ['任职月数'], required: false },
  { key: 'cap', titles: ['年薪上限'], required: false },
  { key: 'payer', titles: ['发放主体'], required: false },
];

export async function readSalaryWorkbook(
  bytes: Buffer,
  known: { targets: Map<string, string>; schemes: Set<string>; groups?: { code: string; name: string }[] },
  opts: ReadOptions = {},
): Promise<ListRead<SalaryInput>> {
  const t = await readTable<SalaryCol>(bytes, SALARY_COLUMNS, '年薪', opts);
  const out: ListRead<SalaryInput> = { items: [], errors: t.errors, warnings: t.warnings };
  const seen = new Map<string, string>();
  for (const rec of t.records) {
    const person = textOf(rec.cell('person')).trim();
    const role = textOf(rec.cell('role')).trim();
    const typed = norm(textOf(rec.cell('target')));
    // Codes are compared without regard to case: the registered spelling is kept.
    const target = known.targets.has(typed)
      ? typed
      : ([...known.targets.keys()].find((k) => lower(k) === lower(typed)) ?? typed);
    const scheme = norm(textOf(rec.cell('scheme')));
    const before = out.errors.length;
    const err: SalaryError = (k, value, message) => out.errors.push(issue(rec, k, target, value, message));
    if (!person) err('person', '', `第 ${rec.row} 行缺少姓名`);
    if (!role) err('role', '', `${person || `第 ${rec.row} 行`}缺少职务`);
    if (!target) err('target', '', `${person}缺少单位编码`);
    else if (!known.targets.has(target)) err('target', target, `单位编码“${target}”不是已登记的考核对象`);
    if (!scheme) err('scheme', '', `${person}缺少考核方案编码`);
    else if (!known.schemes.has(scheme)) err('scheme', scheme, `考核方案编码“${scheme}”在本年度没有对应的方案`);
    const base = amount(rec.cell('base'), `${person}的基本年薪`);
    if (!base.ok) err('base', textOf(rec.cell('base')), base.message);
    const perf = amount(rec.cell('performanceBase'), `${person}的绩效年薪基数`);
    if (!perf.ok) err('performanceBase', textOf(rec.cell('performanceBase')), perf.message);
    const { months, cap, payer } = salaryTerms(rec, person, known.groups ?? [], err);
    const key = `${person}\u0000${target}`;
    if (person && target && seen.has(key))
      err('person', person, `${person}（${target}）在文件中出现了两次（另见 ${seen.get(key)}）`);
    seen.set(key, rec.where('person'));
    if (out.errors.length === before && base.ok && perf.ok) {
      out.items.push({
        person,
        role,
        target,
        scheme,
        base: base.value,
        performanceBase: perf.value,
        months,
        cap,
        ...(payer ? { payer } : {}),
      });
    }
  }
  return out;
}

type SalaryError = (k: SalaryCol, value: string, message: string) => void;

/** 任职月数: blank → 12; an integer 1–12; anything else null. */
export function monthsOf(r: CellReading): number | null {
  if (r.kind === 'blank') return 12;
  const n = Number(foldWidth(textOf(r)).trim());
  return Number.isInteger(n) && n >= 1 && n <= 12 ? n : null;
}

/**
 * The optional terms of a salary row: 任职月数 (blank = 12), 年薪上限 (blank = none) and 发放主体
 * (finance.md: 县财政 or a group's code or name; blank = the default). Errors go to `err`.
 */
function salaryTerms(
  rec: TableRecord<SalaryCol>,
  person: string,
  groups: { code: string; name: string }[],
  err: SalaryError,
): { months: number; cap: string | null; payer: string | null } {
  const m = rec.cell('months');
  const months = monthsOf(m);
  if (months === null) err('months', textOf(m), `${person}的任职月数应为 1–12 的整数`);
  let cap: string | null = null;
  const c = rec.cell('cap');
  if (c.kind !== 'blank') {
    const a = amount(c, `${person}的年薪上限`);
    if (!a.ok) err('cap', textOf(c), a.message);
    else cap = a.value;
  }
  let payer: string | null = null;
  const pc = rec.cell('payer');
  if (pc.kind !== 'blank') {
    const text = foldWidth(textOf(pc)).trim();
    payer = resolvePayer(text, groups);
    if (payer === null)
      err(
        'payer',
        textOf(pc),
        `${person}的发放主体“${text}”既不是县财政，也不是已登记的医疗集团（填“县财政”或医疗集团的编码、名称）`,
      );
  }
  return { months: months ?? 12, cap, payer };
}

/** The sheet of the 考核对象 template; its header row is what readTargetsWorkbook reads. */
export const TARGETS_TEMPLATE_SHEET = '考核对象';

/**
 * The 考核对象 workbook offered as a template (excel.md "Other workbooks"): a title, a note, the
 * header 对象编码 / 对象名称 / 类型 / 所属医疗集团 / 起始年度 / 终止年度, then every registered target
 * (to edit and import back) — or none for an empty form. 类型 offers the kinds as a list.
 */
export function buildTargetsTemplate(targets: Target[], countyName = ''): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = PRODUCT_NAME;
  const ws = wb.addWorksheet(TARGETS_TEMPLATE_SHEET, { views: [{ state: 'frozen', ySplit: 3 }] });
  const cols = TARGET_COLUMNS.filter((c) => c.key !== 'active');
  ws.columns = cols.map((c) => ({ width: c.key === 'name' ? 30 : c.key === 'group' ? 22 : 14 }));
  ws.getCell(1, 1).value = `${countyName}考核对象名单`;
  ws.getCell(1, 1).font = { bold: true, size: 14 };
  ws.mergeCells(1, 1, 1, cols.length);
  ws.getCell(2, 1).value =
    '说明：对象编码跨年度不变、不区分大小写；类型从下拉列表选择；所属医疗集团填集团的编码或名称；' +
    '起始年度 / 终止年度为参加考核的第一年和最后一年（留空表示不限），新设机构填设立当年，撤并的机构填最后考核的年度。';
  ws.getCell(2, 1).alignment = { wrapText: true, vertical: 'top' };
  ws.getRow(2).height = 32;
  ws.mergeCells(2, 1, 2, cols.length);
  const head = ws.getRow(3);
  cols.forEach((c, i) => {
    const cell = head.getCell(i + 1);
    cell.value = c.titles[0];
    cell.font = { bold: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
    if (c.note) cell.note = c.note;
  });
  const names = new Map(targets.map((t) => [t.code, t.name]));
  const sorted = [...targets].sort(
    (a, b) =>
      Number(b.kind === 'medical_group') - Number(a.kind === 'medical_group') ||
      (a.code < b.code ? -1 : a.code > b.code ? 1 : 0),
  );
  for (const t of sorted) {
    ws.addRow(
      cols.map((c) => {
        if (c.key === 'code') return t.code;
        if (c.key === 'name') return t.name;
        if (c.key === 'kind') return TARGET_KIND_NAMES[t.kind];
        if (c.key === 'group') return t.group ? (names.get(t.group) ?? t.group) : null;
        if (c.key === 'from') return t.from ?? null;
        if (c.key === 'to') return t.to ?? null;
        return null;
      }),
    );
  }
  const last = Math.max(sorted.length + 3, 500);
  const kindCol = cols.findIndex((c) => c.key === 'kind') + 1;
  const kinds = `"${TARGET_KINDS.map((k) => TARGET_KIND_NAMES[k]).join(',')}"`;
  for (let r = 4; r <= last; r++) {
    ws.getCell(r, kindCol).dataValidation = {
      type: 'list',
      allowBlank: true,
      formulae: [kinds],
      showErrorMessage: true,
      errorTitle: '类型',
      error: '请从列表中选择类型',
    };
    for (const key of ['from', 'to'] as const) {
      const col = cols.findIndex((c) => c.key === key) + 1;
      ws.getCell(r, col).dataValidation = {
        type: 'whole',
        operator: 'between',
        allowBlank: true,
        formulae: [2000, 2100],
        showErrorMessage: true,
        errorTitle: '年度',
        error: '请填写 2000–2100 之间的年份，或留空',
      };
    }
  }
  return wb;
}
