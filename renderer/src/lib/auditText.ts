import { TARGET_KIND_NAMES, type TargetKind } from '../../../shared/domain/types';

/** Audit entries keep old/new as JSON; people read them as short Chinese text. */
const KEY_NAMES: Record<string, string> = {
  countyName: '县名',
  appraiserName: '考核人',
  code: '编码',
  name: '名称',
  kind: '类别',
  group: '所属集团',
  active: '在用',
  fileName: '文件',
  sha256: '文件指纹',
  importId: '导入号',
  written: '写入',
  points: '分数',
  veto: '否决原因',
  role: '职务',
  scheme: '方案',
  target: '对象',
  base: '基本年薪',
  performanceBase: '绩效基数',
  months: '月数',
  cap: '上限',
  amount: '金额',
  excludedGrades: '不参加等次',
  parts: '分配明细',
  fingerprint: '数据指纹',
  lockedAt: '定稿时间',
  lockedBy: '定稿人',
  path: '路径',
  year: '年度',
  targetKind: '对象类型',
  fullScore: '满分',
  number: '数值',
  label: '等级',
  reason: '原因',
  person: '姓名',
  weight: '分值',
  total: '总分',
  factor: '系数',
  outcome: '结果',
  copied: '复制',
  fromYear: '来源年度',
  from: '起始年度',
  to: '终止年度',
  payer: '发放主体',
  proposed: '申报总量',
  benchmark: '基准',
  multiple: '倍数',
  excluded: '不纳入总量',
  split: '发展:薪酬',
  tiers: '县乡村比例',
  development: '业务发展',
  staff: '人员薪酬',
  tierParts: '县乡村分配',
  failLimit: '不合格次数',
  years: '任期年数',
};
const WORDS: Record<string, string> = {
  bonus: '加分',
  deduction: '减分',
  targets: '考核对象',
  values: '指标值',
  scheme: '方案',
  salary: '年薪',
  ok: '成功',
  rejected: '被拒绝',
};

function word(v: string): string {
  return WORDS[v] ?? TARGET_KIND_NAMES[v as TargetKind] ?? v;
}

function isValue(o: Record<string, unknown>): boolean {
  return ['number', 'label', 'na', 'missing'].includes(String(o.kind)) && Object.keys(o).length <= 2;
}

function valueOf(o: Record<string, unknown>): string {
  if (o.kind === 'number') return String(o.number);
  if (o.kind === 'label') return String(o.label);
  if (o.kind === 'na') return '不适用';
  return '缺报';
}

function part(v: unknown): string {
  if (v === null || v === undefined) return '无';
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (typeof v === 'string') return word(v);
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v))
    return v.every((x) => typeof x !== 'object' || x === null) ? v.map(part).join('、') : `${v.length} 项`;
  const o = v as Record<string, unknown>;
  return isValue(o) ? valueOf(o) : '…';
}

export function auditText(json: string | null): string {
  if (json == null) return '';
  let v: unknown;
  try {
    v = JSON.parse(json);
  } catch {
    return json;
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return part(v);
  const o = v as Record<string, unknown>;
  if (isValue(o)) return valueOf(o);
  if (Array.isArray(o.indicators))
    return `方案 ${String(o.name ?? '')}（${String(o.code ?? '')}），${o.indicators.length} 个一级指标`;
  return Object.entries(o)
    .map(([k, x]) => {
      const text = k === 'sha256' && typeof x === 'string' ? x.slice(0, 12) : part(x);
      return KEY_NAMES[k] ? `${KEY_NAMES[k]}：${text}` : text;
    })
    .join('，');
}
