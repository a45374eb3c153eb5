/**
 * The demo county (示例县): two medical groups and their institutions, two years (2023, 2024) of
 * schemes from the built-in templates, values with a realistic spread, adjustments, a veto and
 * salary inputs, so that a newcomer sees the whole year working. Everything is written through the
 * services (checked and audited), into its own database only: a database that already holds data
 * is refused, so demo data never mixes with real data.
 *
 * Values come from a seeded generator keyed by (year, scheme, target, indicator), so the demo is the
 * same on every machine and does not shift when one template changes.
 */
import fs from 'node:fs';
import type { IndicatorNode, Scheme, Target, TargetKind } from '../../shared/domain/types';
import type { AppraisalApi, SalaryInput } from '../../shared/api/contract';
import { parseSchemeJson } from '../../shared/scheme/parse';
import { leaves, validateScheme } from '../../shared/scheme/validate';
import { ApiError } from './errors';
import { readTemplates, useTemplate } from './templates';

export const DEMO_COUNTY = '示例县';
export const DEMO_YEARS = [2023, 2024] as const;
/** The village clinic that fails two years running (REPEATED_FAIL). */
export const DEMO_FAILING_CLINIC = 'V07';
/** The township centre vetoed in 2024. */
export const DEMO_VETOED_CENTRE = 'T09';

// ---- seeded randomness --------------------------------------------------------------------------

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

/** mulberry32: a small, well-mixed, deterministic 32-bit generator (also seeds the benchmark data). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One stream per key, so adding data for one target does not shift another's. */
function stream(key: string): () => number {
  return mulberry32(hash(key));
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

// ---- the county ---------------------------------------------------------------------------------

const TOWNS = [
  '城关镇',
  '北关镇',
  '东阳镇',
  '西河乡',
  '南庄镇',
  '古城镇',
  '柳林乡',
  '杏花乡',
  '石门镇',
  '龙泉镇',
  '青山乡',
  '白水镇',
  '马坊乡',
  '桃园镇',
  '河口乡',
];
const VILLAGES = [
  '东街村',
  '西街村',
  '前进村',
  '红星村',
  '王家庄村',
  '李家沟村',
  '张庄村',
  '柳树村',
  '大河村',
  '小河村',
  '后山村',
  '杏林村',
  '石桥村',
  '龙湾村',
  '青石村',
  '白家村',
  '马家堡村',
  '桃花村',
  '河湾村',
  '新庄村',
];
/** One village doctor per clinic (村医岗位补助, 偏政发〔2024〕12号). */
const VILLAGE_DOCTORS = [
  '王桂兰',
  '李长明',
  '张守业',
  '刘金花',
  '陈德福',
  '杨春梅',
  '赵福贵',
  '孙秀兰',
  '周天成',
  '吴凤英',
  '郑玉山',
  '冯小燕',
  '褚国华',
  '卫秋菊',
  '蒋有才',
  '沈银花',
  '韩立本',
  '朱翠萍',
  '秦长青',
  '许彩霞',
];
const PEOPLE = [
  '李建国',
  '王志强',
  '赵文明',
  '陈立新',
  '刘卫东',
  '张秀英',
  '杨海涛',
  '黄丽娟',
  '周建华',
  '吴志勇',
  '徐晓梅',
  '孙国庆',
  '胡永红',
  '朱明亮',
  '高玉兰',
  '林春生',
  '何建军',
  '郭淑芬',
  '马俊杰',
];

function groupOfTown(i: number): string {
  return i < 8 ? 'G01' : 'G02';
}

function demoTargets(): Target[] {
  const t = (code: string, name: string, kind: TargetKind, group: string | null): Target => ({
    code,
    name,
    kind,
    group,
    active: true,
  });
  const out: Target[] = [
    t('G01', '示例县人民医院医疗集团', 'medical_group', null),
    t('G02', '示例县中医院医疗集团', 'medical_group', null),
    t('H01', '示例县人民医院', 'county_hospital', 'G01'),
    t('H02', '示例县中医院', 'county_hospital', 'G02'),
  ];
  TOWNS.forEach((town, i) =>
    out.push(t(`T${String(i + 1).padStart(2, '0')}`, `${town}卫生院`, 'township_centre', groupOfTown(i))),
  );
  VILLAGES.forEach((v, i) => {
    const town = i % TOWNS.length;
    out.push(t(`V${String(i + 1).padStart(2, '0')}`, `${TOWNS[town]}${v}卫生室`, 'village_clinic', groupOfTown(town)));
  });
  const stationed = [
    ['S01', '郑海燕（县人民医院心内科，驻城关镇卫生院）', 'G01'],
    ['S02', '韩东升（县人民医院普外科，驻东阳镇卫生院）', 'G01'],
    ['S03', '冯晓丽（县人民医院儿科，驻古城镇卫生院）', 'G01'],
    ['S04', '曹文斌（县中医院针灸科，驻石门镇卫生院）', 'G02'],
    ['S05', '彭玉洁（县中医院内科，驻白水镇卫生院）', 'G02'],
    ['S06', '董志刚（县中医院骨伤科，驻桃园镇卫生院）', 'G02'],
  ] as const;
  for (const [code, name, g] of stationed) out.push(t(code, name, 'stationed_staff', g));
  const teams = [0, 0, 1, 2, 5, 8, 9, 12];
  teams.forEach((town, i) => {
    const nth = teams.slice(0, i).filter((x) => x === town).length + 1;
    out.push(
      t(
        `F${String(i + 1).padStart(2, '0')}`,
        `${TOWNS[town]}卫生院家庭医生第${'一二三'[nth - 1]}团队`,
        'family_doctor_team',
        groupOfTown(town),
      ),
    );
  });
  out.push(t('X01', '示例县（县域规划指标）', 'other', null));
  return out;
}

// ---- values ---------------------------------------------------------------------------------------

const COUNT_UNITS = new Set([
  '人',
  '人次',
  '次',
  '例',
  '起',
  '个',
  '项',
  '家',
  '户',
  '名',
  '台',
  '张',
  '篇',
  '级',
  '类',
]);

/** How well a target does overall (0–1): stable per target, drifting a little between years. */
function quality(target: string, year: number): number {
  if (target === DEMO_FAILING_CLINIC) return 0.15;
  // Groups and county hospitals are the county's strongest institutions.
  const strong = /^[GH]/.test(target);
  const u = stream(`q:${target}`)();
  const base = strong ? 0.75 + 0.25 * u : 0.5 + 0.5 * u;
  const drift = (stream(`q:${target}:${year}`)() - 0.5) * 0.1;
  return clamp(base + drift, 0.05, 1.05);
}

function decimalsFor(leaf: IndicatorNode, t: number | null): number {
  if (COUNT_UNITS.has(leaf.unit ?? '')) return 0;
  if (t !== null && Math.abs(t) < 2) return 2;
  return 1;
}

function text(x: number, leaf: IndicatorNode, t: number | null): string {
  const lo = leaf.min ?? -Infinity;
  const hi = leaf.max ?? Infinity;
  const d = decimalsFor(leaf, t);
  return String(Number(clamp(x, lo, hi).toFixed(d)));
}

/** A plausible value for a target whose achievement on this leaf is `a` (0 poor … 1 on target). */
function demoValue(leaf: IndicatorNode, year: number, a: number, r: () => number, prev: string | undefined): string {
  const m = leaf.method!;
  const lower = leaf.direction === 'lower';
  if (m.type === 'pace') {
    // Plan indicators (运政发〔2022〕31号 表1) move from the 2020 baseline toward the 2025 target
    // on a nearly straight path, some a little faster than the line, some a little slower; a
    // baseline that already meets the target stays near it, on the right side.
    // Shown with the table's own precision (2.5 人, 75.36%), never rounded to whole people.
    const places = Math.max(1, ...[m.baseline, m.target].map((v) => (String(v).split('.')[1] ?? '').length));
    const shown = (x: number) => String(Number(clamp(x, leaf.min ?? -Infinity, leaf.max ?? Infinity).toFixed(places)));
    const speed = 0.8 + 0.35 * stream(`plan:${leaf.code}`)();
    const met = lower ? m.baseline <= m.target : m.baseline >= m.target;
    if (met) {
      // e.g. 婴儿死亡率 4.79‰ (target 5.25以下): a few percent up or down from year to year.
      const wobble = (r() - 0.6) * 0.08 * Math.abs(m.baseline || 1);
      return shown(lower ? m.baseline + wobble : Math.max(m.target, m.baseline - wobble));
    }
    const wobble = (r() - 0.5) * 0.25 * Math.abs(m.target - m.baseline);
    const progress = ((year - m.baseYear) / (m.targetYear - m.baseYear)) * speed;
    return shown(m.baseline + (m.target - m.baseline) * progress + wobble);
  }
  switch (m.type) {
    case 'ratio':
      return text(lower ? m.target / (0.55 + 0.5 * a) : m.target * (0.55 + 0.5 * a), leaf, m.target);
    case 'threshold': {
      const spread = Math.max(Math.abs(m.target) * 0.1, 1);
      return text(lower ? m.target - (a - 0.55) * spread : m.target + (a - 0.55) * spread, leaf, m.target);
    }
    case 'linear': {
      const f = lower ? m.ceiling! : m.floor!;
      return text(f + (m.target - f) * a * 1.1, leaf, m.target);
    }
    case 'bands': {
      const bounds = m.bands.map((b) => b.bound);
      const lo = Math.min(...bounds);
      const hi = Math.max(...bounds);
      const span = hi - lo || Math.max(Math.abs(hi) * 0.2, 1);
      return text(lower ? hi + span * 0.3 - span * 1.4 * a : lo - span * 0.3 + span * 1.4 * a, leaf, hi);
    }
    case 'deduct': {
      if (m.target === 0 && lower) return String(Math.max(0, Math.round((1 - a) * 3 + (r() - 0.5))));
      const s = Math.max(0, 1 - a) * ((leaf.weight ?? 0) / m.points) * (m.per ?? 1) * 0.8;
      const over = a >= 1 ? r() * 2 : 0;
      return text(lower ? m.target + s - over : m.target - s + over, leaf, m.target);
    }
    case 'grade': {
      const labels = Object.entries(m.labels).sort((x, y) => y[1] - x[1]);
      let best = labels[0]![0];
      let gap = Infinity;
      for (const [label, f] of labels) {
        if (Math.abs(f - a) < gap) {
          gap = Math.abs(f - a);
          best = label;
        }
      }
      return best;
    }
    case 'manual':
      return text((leaf.weight ?? 0) * clamp(a, 0, 1), leaf, null);
    case 'growth': {
      if (prev !== undefined) return text(Number(prev) * (1 + (m.target / 100) * (a * 1.4 - 0.3)), leaf, null);
      return text(3000 + 40000 * r(), leaf, null);
    }
    case 'rank':
    case 'minmax':
    case 'best':
      if (leaf.unit === '%') return text(lower ? 70 - 45 * a : 45 + 50 * a, leaf, null);
      if (leaf.unit === '元') return text(lower ? 150 - 70 * a : 60 + 70 * a, leaf, null);
      return text(60 + 35 * a, leaf, null);
    case 'monitor':
      if (leaf.unit === '%') return text(15 + 60 * r(), leaf, null);
      if (leaf.unit === '人次') return text(2000 + 30000 * r(), leaf, null);
      if (leaf.unit === '万元') return text(300 + 3000 * r(), leaf, null);
      if (leaf.unit === '元') return text(40 + 200 * r(), leaf, null);
      return text(10 + 90 * r(), leaf, null);
  }
}

/** Cells that do not apply to a target (不适用), as an appraiser would mark them. */
const NOT_APPLICABLE: Record<string, Set<string>> = {
  'TC/C2': new Set(['T14', 'T15']), // no inpatient beds
  'VC/A2': new Set(['V12']), // no diabetic patients under management
  'FD/C2': new Set(['F08']),
  'CH/Q5': new Set(['H02']), // no DRG grouping yet
};

/**
 * 规划指标 rows of 运政发〔2022〕31号 表1 that give no 2020 baseline (县域就诊率) or no number at
 * all (monitored only): the county's own figures for the demo years, plausible for a Shanxi county.
 */
const PLAN_VALUES: Record<string, Record<number, string>> = {
  'PLAN/H2': { 2023: '68.9', 2024: '69.3' }, // 人均健康预期寿命（岁）
  'PLAN/E9': { 2023: '24.3', 2024: '23.6' }, // 15岁以上人群吸烟率（%）
  'PLAN/E10': { 2023: '87.6', 2024: '90.3' }, // 县域就诊率（%），表1：90以上
  'PLAN/G1': { 2023: '89', 2024: '94' }, // 人均基本公共卫生服务经费（元）
};

/** Cells nobody reported (缺报): a few, fixed so the demo shows the MISSING flag. */
const MISSING: Record<string, Set<string>> = {
  'TC/A6': new Set(['T06']),
  'TC/H2': new Set(['T11']),
  'VC/D1': new Set(['V15']),
  'SS/B4': new Set(['S05']),
};

function valuesFor(
  year: number,
  scheme: Scheme,
  targets: Target[],
  previous: Map<string, string> | undefined,
): { cells: { target: string; indicator: string; text: string }[]; byKey: Map<string, string> } {
  const cells: { target: string; indicator: string; text: string }[] = [];
  const byKey = new Map<string, string>();
  for (const t of targets) {
    const q = quality(t.code, year);
    for (const leaf of leaves(scheme)) {
      const key = `${scheme.code}/${leaf.code}`;
      if (NOT_APPLICABLE[key]?.has(t.code)) {
        cells.push({ target: t.code, indicator: leaf.code, text: 'N/A' });
        continue;
      }
      if (MISSING[key]?.has(t.code) && year === 2024) continue;
      const planned = PLAN_VALUES[key]?.[year];
      if (planned !== undefined) {
        byKey.set(`${t.code}/${leaf.code}`, planned);
        cells.push({ target: t.code, indicator: leaf.code, text: planned });
        continue;
      }
      const r = stream(`v:${year}:${key}:${t.code}`);
      const a = clamp(q + (r() - 0.5) * 0.3, 0, 1.15);
      const value = demoValue(leaf, year, a, r, previous?.get(`${t.code}/${leaf.code}`));
      byKey.set(`${t.code}/${leaf.code}`, value);
      cells.push({ target: t.code, indicator: leaf.code, text: value });
    }
  }
  return { cells, byKey };
}

// ---- people ---------------------------------------------------------------------------------------

function salaryInputs(year: number, targets: Target[]): SalaryInput[] {
  const out: SalaryInput[] = [
    {
      person: PEOPLE[0]!,
      role: '党委书记',
      target: 'G01',
      scheme: 'MG',
      base: '150000',
      performanceBase: '200000',
      months: 12,
      cap: null,
    },
    {
      person: PEOPLE[1]!,
      role: '院长',
      target: 'G01',
      scheme: 'MG',
      base: '150000',
      performanceBase: '200000',
      months: 12,
      cap: null,
    },
    // A person's own cap (年薪上限) replaces the rule's: shows the CAPPED flag.
    {
      person: PEOPLE[2]!,
      role: '党委书记',
      target: 'G02',
      scheme: 'MG',
      base: '150000',
      performanceBase: '200000',
      months: 12,
      cap: '350000',
    },
    {
      person: PEOPLE[3]!,
      role: '院长',
      target: 'G02',
      scheme: 'MG',
      base: '150000',
      performanceBase: '200000',
      months: 12,
      cap: null,
    },
  ];
  targets
    .filter((t) => t.kind === 'township_centre')
    .forEach((t, i) => {
      // T05's head took office in May 2024: 8 months in post that year.
      const months = t.code === 'T05' && year === 2024 ? 8 : 12;
      const person = t.code === 'T05' && year === 2024 ? '新任院长' + PEOPLE[18]! : PEOPLE[(i % 14) + 4]!;
      out.push({
        person,
        role: '乡镇卫生院院长',
        target: t.code,
        scheme: 'TC',
        base: '60000',
        performanceBase: '40000',
        months,
        cap: null,
      });
    });
  // 村医岗位补助 (偏政发〔2024〕12号: 每月 1000 元): base 0, performance base 12,000, under the
  // village-clinic scheme's salary rule (不合格 → 0), paid by the clinic's group.
  targets
    .filter((t) => t.kind === 'village_clinic')
    .forEach((t, i) => {
      // V16's doctor started in April 2024: 9 months in post that year.
      const months = t.code === 'V16' && year === 2024 ? 9 : 12;
      out.push({
        person: VILLAGE_DOCTORS[i % VILLAGE_DOCTORS.length]!,
        role: '村医',
        target: t.code,
        scheme: 'VC',
        base: '0',
        performanceBase: '12000',
        months,
        cap: null,
      });
    });
  return out;
}

// ---- loading --------------------------------------------------------------------------------------

export interface DemoSummary {
  dbPath: string;
  county: string;
  years: number[];
  targets: number;
  schemes: { year: number; code: string; name: string }[];
  values: number;
  salaryInputs: number;
}

export async function holdsData(s: Pick<AppraisalApi, 'listTargets' | 'listYears'>): Promise<string | null> {
  const targets = await s.listTargets({ includeInactive: true });
  if (targets.length > 0) return `${targets.length} 个考核对象`;
  const years = await s.listYears();
  if (years.length > 0) return `${years.join('、')} 年度的考核方案`;
  return null;
}

function removeDatabase(dbPath: string): void {
  for (const f of [dbPath, `${dbPath}-wal`, `${dbPath}-shm`]) fs.rmSync(f, { force: true });
}

/** What the demo is built on: the contract's methods, and closing the database when done. */
export type DemoServices = AppraisalApi & { close(): Promise<void> };

/** `openServices`, handed in by the caller: the demo is built on the services, which do not import it back. */
export type OpenServices = (opts: { dbPath: string; who?: string }) => DemoServices;

/**
 * Creates 示例县 in `dbPath`, on services opened by `opts.open` (openServices). Refuses (INPUT) a
 * database that already holds targets or schemes. If loading fails half-way, a database this call
 * created is removed again.
 */
export async function loadDemo(dbPath: string, opts: { who?: string; open: OpenServices }): Promise<DemoSummary> {
  const existed = fs.existsSync(dbPath) && fs.statSync(dbPath).size > 0;
  const services = opts.open({ dbPath, who: opts.who ?? '示例数据' });
  let ok = false;
  try {
    const held = await holdsData(services);
    if (held) {
      throw new ApiError(
        'INPUT',
        `数据库 ${dbPath} 已有数据（${held}），示例数据只载入新的数据库文件，不与真实数据混合；请另选一个新文件`,
      );
    }
    const summary = await fill(services, dbPath);
    ok = true;
    return summary;
  } finally {
    await services.close();
    if (!ok && !existed) removeDatabase(dbPath);
  }
}

/** Every template must be sound before anything is written: a broken one would leave half a demo. */
function checkTemplates(): void {
  for (const { name, scheme } of readTemplates()) {
    const parsed = parseSchemeJson(scheme);
    const problems = parsed.scheme ? [...parsed.problems, ...validateScheme(parsed.scheme)] : parsed.problems;
    if (problems.length > 0) {
      const shown = problems
        .slice(0, 3)
        .map((p) => `${p.path}：${p.message}`)
        .join('；');
      throw new ApiError('INTERNAL', `内置方案模板 ${name} 有误，未载入示例数据：${shown}`);
    }
  }
}

async function fill(s: AppraisalApi, dbPath: string): Promise<DemoSummary> {
  const reason = '载入示例数据';
  checkTemplates();
  await s.saveSettings({ countyName: DEMO_COUNTY, appraiserName: '示例考核员' });
  const targets = demoTargets();
  for (const target of targets) await s.saveTarget({ target, reason });

  const schemes: DemoSummary['schemes'] = [];
  let values = 0;
  const previous = new Map<string, Map<string, string>>();
  for (const year of DEMO_YEARS) {
    for (const tpl of readTemplates()) {
      const { code } = await useTemplate(s, tpl.name, year);
      const scheme = await s.getScheme({ year, scheme: code });
      schemes.push({ year, code, name: scheme.name });
      const own = targets.filter((t) => t.kind === scheme.targetKind);
      const { cells, byKey } = valuesFor(year, scheme, own, previous.get(code));
      previous.set(code, byKey);
      values += (await s.setValues({ year, scheme: code, cells, reason })).written;
    }
    for (const input of salaryInputs(year, targets)) await s.setSalaryInput({ year, input, reason });
  }

  // On-site findings (加减分、一票否决), each with its reason.
  await s.addAdjustment({
    year: 2024,
    scheme: 'MG',
    target: 'G01',
    kind: 'bonus',
    points: '2',
    reason: '获评省级紧密型县域医共体建设示范集团（示例）',
  });
  await s.addAdjustment({
    year: 2024,
    scheme: 'TC',
    target: 'T03',
    kind: 'bonus',
    points: '1.5',
    reason: '家庭医生签约服务经验在全市推广（示例）',
  });
  await s.addAdjustment({
    year: 2024,
    scheme: 'TC',
    target: 'T12',
    kind: 'deduction',
    points: '1',
    reason: '基本公共卫生服务督导发现 3 份健康档案信息不实（示例）',
  });
  await s.addAdjustment({
    year: 2023,
    scheme: 'VC',
    target: DEMO_FAILING_CLINIC,
    kind: 'deduction',
    points: '2',
    reason: '督导发现过期药品未及时清理（示例）',
  });
  await s.setVeto({
    year: 2024,
    scheme: 'TC',
    target: DEMO_VETOED_CENTRE,
    reason: '2024 年瞒报一起聚集性传染病疫情，经县卫生健康局调查属实，实行一票否决（示例）',
  });

  // 绩效工资总量 (运政办发〔2019〕3号 第7条, 第24条) and 医保结余 splits (第20条) of the groups.
  await s.setPayTotal({
    year: 2024,
    target: 'G01',
    proposed: '18000000',
    benchmark: '3200000',
    excluded: '860000',
    reason: `${reason}：集团申报（示例）`,
  });
  await s.setPayTotal({
    year: 2024,
    target: 'G02',
    proposed: '9000000',
    benchmark: '2400000',
    excluded: '520000',
    reason: `${reason}：集团申报（示例）`,
  });
  await s.splitSurplus({
    year: 2024,
    target: 'G01',
    amount: '2368451.37',
    tiers: '6:3:1',
    reason: `${reason}：2024 年度医保基金年终清算结余，按人头打包付费（示例）`,
  });
  await s.splitSurplus({
    year: 2024,
    target: 'G02',
    amount: '1250000.00',
    reason: `${reason}：2024 年度医保基金年终清算结余（示例）`,
  });

  return {
    dbPath,
    county: DEMO_COUNTY,
    years: [...DEMO_YEARS],
    targets: targets.length,
    schemes,
    values,
    salaryInputs: DEMO_YEARS.length * salaryInputs(2024, targets).length,
  };
}
