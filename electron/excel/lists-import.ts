/**
 * 考核对象 and 年薪 list workbooks → records to save, or the issues that reject the file.
 * Pure: what is known (existing targets, schemes) is passed in.
 */
import type { ImportIssue, SalaryInput } from '../../shared/api/contract';
import type { Target, TargetKind } from '../../shared/domain/types';
import { TARGET_KINDS, TARGET_KIND_NAMES } from '../../shared/domain/types';
import { parseFenAmount } from '../../shared/finance/money';
import type { CellReading } from './cells';
import type { ReadOptions } from './reader';
import { readTable, textOf, type TableRecord } from './table';
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

type TargetCol = 'code' | 'name' | 'kind' | 'group' | 'active';

export async function readTargetsWorkbook(bytes: Buffer, existing: Target[], opts: ReadOptions = {}): Promise<ListRead<Target>> {
  const t = await readTable<TargetCol>(
    bytes,
    [
      { key: 'code', titles: ['对象编码', '编码', '单位编码', '机构编码'], required: true },
      { key: 'name', titles: ['对象名称', '名称', '单位名称', '机构名称'], required: true },
      { key: 'kind', titles: ['类型', '对象类型', '机构类型'], required: true },
      { key: 'group', titles: ['所属医疗集团', '所属医共体', '医疗集团'], required: false },
      { key: 'active', titles: ['是否在用', '状态', '在用'], required: false },
    ],
    '考核对象',
    opts,
  );
  const out: ListRead<Target> = { items: [], errors: t.errors, warnings: t.warnings };
  const seen = new Map<string, string>();
  // Groups may be named by code or by name, and may be new in the same file.
  const groupByName = new Map<string, string>();
  // Codes compare without regard to case (domain.md): upper-cased code → code as stored / written.
  const groupCodes = new Map<string, string>();
  for (const e of existing) {
    if (e.kind === 'medical_group') {
      groupCodes.set(e.code.toUpperCase(), e.code);
      groupByName.set(norm(e.name), e.code);
      groupByName.set(e.name.trim(), e.code);
    }
  }
  const pending: { rec: TableRecord<TargetCol>; target: Target; groupText: string }[] = [];
  for (const rec of t.records) {
    const code = norm(textOf(rec.cell('code')));
    const name = textOf(rec.cell('name')).trim();
    const kindText = norm(textOf(rec.cell('kind')));
    if (!code) {
      out.errors.push(issue(rec, 'code', '', '', `第 ${rec.row} 行缺少对象编码`));
      continue;
    }
    if (seen.has(code.toUpperCase())) {
      out.errors.push(issue(rec, 'code', code, code, `对象编码 ${code} 在文件中出现了两次（另见 ${seen.get(code.toUpperCase())}）`));
      continue;
    }
    seen.set(code.toUpperCase(), rec.where('code'));
    if (!name) out.errors.push(issue(rec, 'name', code, '', `对象 ${code} 缺少对象名称`));
    const kind = parseKind(kindText);
    if (!kind) {
      out.errors.push(
        issue(rec, 'kind', code, kindText, `类型“${kindText}”不认识，应为：${TARGET_KINDS.map((k) => TARGET_KIND_NAMES[k]).join('、')}（或其英文代码）`),
      );
      continue;
    }
    let active = true;
    if (rec.has('active')) {
      const a = norm(textOf(rec.cell('active')));
      if (['否', '停用', '不在用', 'false', '0', 'N', 'n'].includes(a)) active = false;
      else if (a && !['是', '在用', '启用', 'true', '1', 'Y', 'y'].includes(a)) {
        out.errors.push(issue(rec, 'active', code, a, `“${a}”应为“是”或“否”`));
      }
    }
    const target: Target = { code, name, kind, group: null, active };
    if (kind === 'medical_group') {
      if (!groupCodes.has(code.toUpperCase())) groupCodes.set(code.toUpperCase(), code);
      groupByName.set(name, code);
      groupByName.set(norm(name), code);
    }
    pending.push({ rec, target, groupText: rec.has('group') ? textOf(rec.cell('group')).trim() : '' });
  }
  for (const p of pending) {
    if (p.groupText) {
      const g = groupCodes.get(norm(p.groupText).toUpperCase()) ?? groupByName.get(p.groupText) ?? groupByName.get(norm(p.groupText));
      if (!g) {
        out.errors.push(issue(p.rec, 'group', p.target.code, p.groupText, `所属医疗集团“${p.groupText}”不是已登记的医疗集团（填医疗集团的编码或名称）`));
        continue;
      }
      p.target.group = g;
    }
    out.items.push(p.target);
  }
  return out;
}

type SalaryCol = 'person' | 'role' | 'target' | 'scheme' | 'base' | 'performanceBase' | 'months' | 'cap';

function amount(r: CellReading, what: string): { ok: true; value: string } | { ok: false; message: string } {
  const text = r.kind === 'number' ? r.written : r.kind === 'text' ? foldWidth(r.text).replace(/元$/, '').trim() : '';
  try {
    return { ok: true, value: parseFenAmount(text, what).toFixed(2) };
  } catch (e) {
    return { ok: false, message: e instanceof Error ? e.message : String(e) };
  }
}

export async function readSalaryWorkbook(
  bytes: Buffer,
  known: { targets: Map<string, string>; schemes: Set<string> },
  opts: ReadOptions = {},
): Promise<ListRead<SalaryInput>> {
  const t = await readTable<SalaryCol>(
    bytes,
    [
      { key: 'person', titles: ['姓名'], required: true },
      { key: 'role', titles: ['职务'], required: true },
      { key: 'target', titles: ['单位编码', '对象编码'], required: true },
      { key: 'scheme', titles: ['考核方案编码', '方案编码'], required: true },
      { key: 'base', titles: ['基本年薪'], required: true },
      { key: 'performanceBase', titles: ['绩效年薪基数'], required: true },
      { key: 'months', titles: ['任职月数'], required: false },
      { key: 'cap', titles: ['年薪上限'], required: false },
    ],
    '年薪',
    opts,
  );
  const out: ListRead<SalaryInput> = { items: [], errors: t.errors, warnings: t.warnings };
  const seen = new Map<string, string>();
  for (const rec of t.records) {
    const person = textOf(rec.cell('person')).trim();
    const role = textOf(rec.cell('role')).trim();
    const target = norm(textOf(rec.cell('target')));
    const scheme = norm(textOf(rec.cell('scheme')));
    const before = out.errors.length;
    const err = (k: SalaryCol, value: string, message: string) => out.errors.push(issue(rec, k, target, value, message));
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
    let months = 12;
    const m = rec.cell('months');
    if (m.kind !== 'blank') {
      const n = Number(foldWidth(textOf(m)).trim());
      if (!Number.isInteger(n) || n < 1 || n > 12) err('months', textOf(m), `${person}的任职月数应为 1–12 的整数`);
      else months = n;
    }
    let cap: string | null = null;
    const c = rec.cell('cap');
    if (c.kind !== 'blank') {
      const a = amount(c, `${person}的年薪上限`);
      if (!a.ok) err('cap', textOf(c), a.message);
      else cap = a.value;
    }
    const key = `${person}\u0000${target}`;
    if (person && target && seen.has(key)) err('person', person, `${person}（${target}）在文件中出现了两次（另见 ${seen.get(key)}）`);
    seen.set(key, rec.where('person'));
    if (out.errors.length === before && base.ok && perf.ok) {
      out.items.push({ person, role, target, scheme, base: base.value, performanceBase: perf.value, months, cap });
    }
  }
  return out;
}
