import { describe, expect, it } from 'vitest';
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import type { IndicatorNode, MethodType, Scheme } from '../../shared/domain/types';
import { parseSchemeJson } from '../../shared/scheme/parse';
import { leaves, publicWelfareShare, validateScheme } from '../../shared/scheme/validate';
import {
  findTemplate,
  listTemplates,
  readTemplates,
  templatesDir,
  useTemplate,
} from '../../electron/services/templates';
import { openServices } from '../../electron/services/index';

const NAMES = [
  'medical-group',
  'township-centre',
  'village-clinic',
  'stationed-staff',
  'family-doctor-team',
  'county-medical-community-monitor',
  'county-hospital',
  'plan-indicators',
];

function leaf(s: Scheme, code: string): IndicatorNode {
  const l = leaves(s).find((x) => x.code === code);
  if (!l) throw new Error(`${s.code} has no leaf ${code}`);
  return l;
}

describe('built-in templates', () => {
  const all = readTemplates();

  it('lists every template in the order people meet them, with its kind and indicator count', () => {
    const list = listTemplates();
    expect(list.map((t) => t.name)).toEqual(NAMES);
    const mg = list[0]!;
    expect(mg).toMatchObject({ title: '医疗集团年度绩效考核', targetKind: 'medical_group', indicators: 30 });
    expect(mg.description).toContain('公益性指标占 58%');
    expect(list.find((t) => t.name === 'county-hospital')!.description).toContain('其中 3 项仅监测');
    expect(list.find((t) => t.name === 'plan-indicators')!.description).toContain('直线进度计分');
  });

  it.each(NAMES)('%s parses, validates, and every leaf has criteria and a source', (name) => {
    const raw = JSON.parse(fs.readFileSync(path.join(templatesDir(), `${name}.json`), 'utf8'));
    const { scheme, problems } = parseSchemeJson(raw);
    expect(problems).toEqual([]);
    expect(scheme).not.toBeNull();
    expect(validateScheme(scheme!)).toEqual([]);
    for (const l of leaves(scheme!)) {
      expect(l.criteria?.trim(), `${name} ${l.code} criteria`).toBeTruthy();
      expect(l.source?.trim(), `${name} ${l.code} source`).toBeTruthy();
      // Where no document gives weights, the criteria say the weight is the team's proposal.
      if (l.method!.type !== 'monitor') expect(l.criteria, `${name} ${l.code}`).toContain('权重为本系统建议值，可调整');
    }
    const codes = [...scheme!.indicators.map((d) => d.code), ...leaves(scheme!).map((l) => l.code)];
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('uses a good mix of scoring methods across the templates', () => {
    const used = new Set<MethodType>(all.flatMap((t) => leaves(t.scheme).map((l) => l.method!.type)));
    // `best` is no longer used: comparing with the best of one or two groups was full or nothing (FEW_PEERS).
    for (const m of [
      'ratio',
      'threshold',
      'linear',
      'deduct',
      'bands',
      'grade',
      'growth',
      'rank',
      'manual',
      'monitor',
      'minmax',
      'pace',
    ] as const) {
      expect(used.has(m), m).toBe(true);
    }
  });

  it('medical groups: public-welfare oriented, the policy measures and their thresholds, a leader salary rule', () => {
    const s = findTemplate('MG').scheme;
    expect(publicWelfareShare(s).toFixed()).toBe('0.58');
    expect(s.minPublicWelfareShare).toBe(0.5);
    expect(leaf(s, 'B1')).toMatchObject({
      name: '县域内就诊率',
      method: { type: 'linear', target: 90 },
      publicWelfare: true,
    });
    expect(leaf(s, 'B2')).toMatchObject({ name: '基层医疗卫生机构就诊率', method: { type: 'ratio', target: 65 } });
    expect(leaf(s, 'F1')).toMatchObject({ name: '在编在岗率', method: { type: 'threshold', target: 85 } });
    expect(leaf(s, 'F2')).toMatchObject({ name: '医疗卫生专业人员占比', method: { type: 'threshold', target: 85 } });
    const names = leaves(s)
      .map((l) => l.name)
      .join('|');
    for (const m of [
      '双向转诊',
      '医保基金县域内支出占比',
      '实际报销比',
      '药占比',
      '人均药费',
      '次均费用',
      '抗菌药物使用率',
      '患者发病率',
      '领导干部履职情况',
      '三、四级手术',
    ])
      expect(names).toContain(m);
    expect(s.salary).toMatchObject({ mode: 'linear', intercept: 0.3, slope: 0.01 });
  });

  it('township centres: the basic public-health thresholds and a grade-based salary rule', () => {
    const s = findTemplate('乡镇卫生院（社区卫生服务中心）院长年薪考核').scheme;
    expect(leaf(s, 'A1').method).toEqual({ type: 'ratio', target: 85 });
    expect(leaf(s, 'A2').method).toEqual({ type: 'ratio', target: 85 });
    expect(leaf(s, 'A3').method).toMatchObject({ type: 'deduct', target: 80 });
    expect(leaf(s, 'A4').method).toMatchObject({ type: 'linear', target: 83 });
    expect(leaf(s, 'A5').method).toEqual({ type: 'threshold', target: 95 });
    expect(s.salary).toMatchObject({ mode: 'grade', gradeCoefficients: { 优秀: 1.2, 良好: 1, 合格: 0.8, 不合格: 0 } });
    expect(s.indicators.map((d) => d.name)).toEqual([
      '基本公共卫生服务',
      '家庭医生签约服务',
      '基本医疗服务',
      '中医药服务',
      '村卫生室管理',
      '费用控制',
      '运营与管理',
      '满意度',
    ]);
  });

  it('stationed staff: attendance, growth of the supported department and of grassroots admissions, new techniques', () => {
    const s = findTemplate('stationed-staff').scheme;
    expect(leaf(s, 'A1').name).toBe('出勤率');
    expect(leaf(s, 'B1').method!.type).toBe('growth');
    expect(leaf(s, 'B2').method!.type).toBe('growth');
    expect(leaf(s, 'B3').name).toContain('新技术');
  });

  it('national sets: 14 monitoring indicators in five groups; 28 county-hospital indicators, some monitor-only', () => {
    const ygt = findTemplate('YGT').scheme;
    expect(ygt.indicators.map((d) => d.name)).toEqual(['紧密型', '同质化', '促分工', '提效能', '保健康']);
    expect(leaves(ygt)).toHaveLength(14);
    const ch = findTemplate('CH').scheme;
    expect(ch.indicators.map((d) => d.name.replace(/（.*$/, ''))).toEqual([
      '医疗质量',
      '运营效率',
      '持续发展',
      '满意度评价',
      '公益性与县域协作',
    ]);
    expect(leaves({ indicators: ch.indicators.slice(0, 4) })).toHaveLength(28);
    expect(
      leaves(ch)
        .filter((l) => l.method!.type === 'monitor')
        .every((l) => l.weight === 0),
    ).toBe(true);
  });

  it('plan indicators: every row of 表1 with a number is scored by plan progress or as a bound (templates-plan.test.ts checks each row)', () => {
    const s = findTemplate('plan-indicators').scheme;
    for (const l of leaves(s)) expect(['pace', 'threshold', 'monitor'], l.code).toContain(l.method!.type);
    // 基层医疗机构就诊率: binding, 24 (2020) → 65 (2025).
    expect(leaf(s, 'E11')).toMatchObject({
      method: { type: 'pace', baseline: 24, baseYear: 2020, target: 65, targetYear: 2025, nature: 'binding' },
    });
    // 孕产妇死亡率: smaller is better; 7.94 already below 12.5.
    expect(leaf(s, 'H4')).toMatchObject({ direction: 'lower', method: { type: 'pace', baseline: 7.94, target: 12.5 } });
  });

  it('finds the folder from APPRAISAL_RESOURCES, and names the choices when a template is unknown', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tpl-'));
    fs.mkdirSync(path.join(dir, 'templates'));
    fs.copyFileSync(
      path.join(templatesDir(), 'village-clinic.json'),
      path.join(dir, 'templates', 'village-clinic.json'),
    );
    const old = process.env.APPRAISAL_RESOURCES;
    process.env.APPRAISAL_RESOURCES = dir;
    try {
      expect(listTemplates().map((t) => t.name)).toEqual(['village-clinic']);
    } finally {
      if (old === undefined) delete process.env.APPRAISAL_RESOURCES;
      else process.env.APPRAISAL_RESOURCES = old;
    }
    expect(() => findTemplate('nope')).toThrow(
      /没有名为「nope」的内置方案模板；可用：medical-group（医疗集团年度绩效考核）/,
    );
  });
});

describe('useTemplate', () => {
  it('creates the scheme for the year (audited), under another code on request, and never overwrites one', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tpl-use-'));
    const s = openServices({ dbPath: path.join(dir, 'a.sqlite'), who: '测试' });
    try {
      expect(await useTemplate(s, 'township-centre', 2025)).toEqual({ code: 'TC' });
      const saved = await s.getScheme({ year: 2025, scheme: 'TC' });
      expect(saved.year).toBe(2025);
      expect(saved.name).toBe('乡镇卫生院（社区卫生服务中心）院长年薪考核');
      expect(await s.checkScheme({ year: 2025, scheme: 'TC' })).toEqual([]);
      expect(await useTemplate(s, 'TC', 2025, 'TC2')).toEqual({ code: 'TC2' });
      await expect(useTemplate(s, 'TC', 2025)).rejects.toMatchObject({
        code: 'INPUT',
        message: expect.stringContaining('2025 年度已有编码为 TC'),
      });
      const audit = await s.audit({ entity: 'scheme' });
      expect(audit.some((e) => e.reason?.includes('由内置模板「乡镇卫生院（社区卫生服务中心）院长年薪考核」'))).toBe(
        true,
      );
    } finally {
      await s.close();
    }
  });
});
