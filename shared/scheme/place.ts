/**
 * A scheme field path as people read it: "grades[1].min" → "等次第2档·最低分",
 * "indicators[0].children[2].method.target" → "指标 A1·计分方法·目标值" (the node's code when the
 * scheme is at hand, else "第1个一级指标·第3个下级指标·…"). Problems keep the machine path in
 * `path` (scheme-json.md: tools and tests use it); messages shown to people use this.
 */

const SCHEME_FIELDS: Record<string, string> = {
  code: '方案编码',
  name: '方案名称',
  year: '年度',
  targetKind: '对象类型',
  fullScore: '满分',
  grades: '等次',
  bonusCap: '加分上限',
  naPolicy: '不适用处理方式',
  minPublicWelfareShare: '公益性指标最低占比',
  salary: '年薪规则',
  indicators: '指标',
};

const GRADE_FIELDS: Record<string, string> = { name: '名称', min: '最低分', quota: '比例上限' };

const SALARY_FIELDS: Record<string, string> = {
  mode: '系数方式',
  intercept: '截距',
  slope: '斜率',
  kMin: '最低系数',
  kMax: '最高系数',
  gradeCoefficients: '各等次系数',
  cap: '年薪上限',
};

const NODE_FIELDS: Record<string, string> = {
  code: '编码',
  name: '名称',
  weight: '分值',
  unit: '单位',
  direction: '方向',
  method: '计分方法',
  publicWelfare: '公益性',
  min: '取值下限',
  max: '取值上限',
  criteria: '评分细则',
  source: '依据',
  plan: '规划目标',
  children: '下级指标',
};

const METHOD_FIELDS: Record<string, string> = {
  type: '方法类型',
  target: '目标值',
  floor: '下限',
  ceiling: '上限',
  per: '每差',
  points: '扣分',
  mode: '方式',
  step: '每名次分差',
  bands: '分档',
  bound: '界限',
  score: '得分',
  labels: '等级',
};

const PLAN_FIELDS: Record<string, string> = {
  baselineYear: '基期年份',
  baseline: '基期值',
  targetYear: '目标年份',
  target: '目标值',
  nature: '指标属性',
};

type Seg = string | number;

function segments(path: string): Seg[] | null {
  const out: Seg[] = [];
  const re = /([^.[\]]+)|\[(\d+)\]/g;
  let m: RegExpExecArray | null;
  let consumed = 0;
  while ((m = re.exec(path)) !== null) {
    out.push(m[2] !== undefined ? Number(m[2]) : m[1]!);
    consumed += m[0].length;
  }
  // Separators only besides the segments.
  return consumed + (path.match(/\./g)?.length ?? 0) === path.length ? out : null;
}

const named = (table: Record<string, string>, key: Seg) =>
  typeof key === 'string' ? (table[key] ?? `「${key}」`) : `第${key + 1}项`;

/** The node at indicators[i].children[j]… of a raw scheme object, if there is one with a code. */
function nodeCode(scheme: unknown, idx: number[]): string | null {
  let nodes: unknown =
    scheme && typeof scheme === 'object' ? (scheme as Record<string, unknown>).indicators : undefined;
  let node: unknown = null;
  for (const i of idx) {
    if (!Array.isArray(nodes)) return null;
    node = nodes[i];
    nodes = node && typeof node === 'object' ? (node as Record<string, unknown>).children : undefined;
  }
  const code = node && typeof node === 'object' ? (node as Record<string, unknown>).code : undefined;
  return typeof code === 'string' && code.trim() !== '' ? code : null;
}

/**
 * Chinese place of a machine path; a path that is not a field path (a node code such as "A1",
 * "(根)") comes back as it is, or as "方案" for the root.
 */
export function placeOf(path: string, scheme?: unknown): string {
  if (path === '' || path === '(根)' || path === '（输入）') return '方案';
  const segs = segments(path);
  if (!segs || segs.length === 0 || typeof segs[0] !== 'string' || !(segs[0] in SCHEME_FIELDS)) return path;
  const parts: string[] = [];
  const head = segs[0];
  let i = 1;
  if (head === 'grades') {
    if (typeof segs[1] === 'number') {
      parts.push(`等次第${segs[1] + 1}档`);
      i = 2;
      if (segs[i] !== undefined) parts.push(named(GRADE_FIELDS, segs[i++]!));
    } else parts.push('等次');
  } else if (head === 'salary') {
    parts.push('年薪规则');
    if (segs[1] !== undefined) {
      parts.push(named(SALARY_FIELDS, segs[1]));
      i = 2;
      // gradeCoefficients.<等次名>
      if (segs[1] === 'gradeCoefficients' && segs[2] !== undefined) {
        parts.push(`「${String(segs[2])}」`);
        i = 3;
      }
    }
  } else if (head === 'indicators') {
    // indicators[i](.children[j])*
    const idx: number[] = [];
    if (typeof segs[1] === 'number') {
      idx.push(segs[1]);
      i = 2;
      while (segs[i] === 'children' && typeof segs[i + 1] === 'number') {
        idx.push(segs[i + 1] as number);
        i += 2;
      }
    }
    if (idx.length === 0) parts.push('指标');
    else {
      const code = nodeCode(scheme, idx);
      parts.push(
        code
          ? `指标 ${code}`
          : idx.map((n, d) => (d === 0 ? `第${n + 1}个一级指标` : `第${n + 1}个下级指标`)).join('·'),
      );
    }
    if (segs[i] !== undefined) {
      const field = segs[i++]!;
      parts.push(named(NODE_FIELDS, field));
      const table = field === 'method' ? METHOD_FIELDS : field === 'plan' ? PLAN_FIELDS : null;
      if (table) {
        while (i < segs.length) {
          const s = segs[i++]!;
          if (typeof s === 'number') parts.push(`第${s + 1}档`);
          else parts.push(field === 'method' && segs[i - 2] === 'labels' ? `「${s}」` : named(table, s));
        }
      }
    }
  } else {
    parts.push(SCHEME_FIELDS[head]!);
  }
  // Anything left (unknown nesting): kept readable, not dropped.
  for (; i < segs.length; i++) {
    const s = segs[i]!;
    parts.push(typeof s === 'number' ? `第${s + 1}项` : `「${s}」`);
  }
  return parts.join('·');
}

/** "place：message" for people, unless the message already starts with its place (or its path). */
export function problemForPeople(p: { path: string; message: string }, scheme?: unknown): string {
  const place = placeOf(p.path, scheme);
  if (p.message.startsWith(place)) return p.message;
  if (p.path && p.message.startsWith(p.path)) return place + p.message.slice(p.path.length);
  return `${place}：${p.message}`;
}

/**
 * For a problem list: the place (Chinese for a scheme field path, else the path as it is) and the
 * message without that place repeated at its start.
 */
export function problemParts(p: { path: string; message: string }, scheme?: unknown): { place: string; text: string } {
  const head = /^(indicators|grades|salary)\b/.test(p.path);
  const place = head ? placeOf(p.path, scheme) : p.path;
  for (const prefix of [place, p.path]) {
    if (prefix && p.message.startsWith(`${prefix}：`)) return { place, text: p.message.slice(prefix.length + 1) };
  }
  return { place, text: p.message };
}
