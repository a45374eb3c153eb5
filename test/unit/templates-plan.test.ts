/**
 * 规划指标监测 (PLAN) against 运政发〔2022〕31号 表1, row by row. The table below was transcribed by
 * hand from ../shared/policy/003_*.txt (表 1 卫生事业发展“十四五”规划主要发展指标) and checked twice:
 * once against the text by eye, once by the first test, which finds each row, rebuilt as printed
 * (name(unit), 2020, 2025 target, nature, tab-separated), in the document itself.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { IndicatorNode, Method } from '../../shared/domain/types';
import { leaves } from '../../shared/scheme/validate';
import { findTemplate } from '../../electron/services/templates';
import { Decimal } from '../../shared/decimal';
import { num, run } from './helpers/scoring-fixtures';

const POLICY = path.resolve(__dirname, '../../../shared/policy');

/** [category, name as printed, unit as printed ('' = none printed), 2020 as printed, 2025 target as printed, nature] */
const TABLE_1: [string, string, string, string, string, '预期性' | '约束性'][] = [
  ['健康水平指标', '人均预期寿命', '岁', '77.3', '78.1', '预期性'],
  ['健康水平指标', '人均健康预期寿命', '岁', '——', '同比例提高', '预期性'],
  ['健康水平指标', '婴儿死亡率', '‰', '4.79', '5.25以下', '预期性'],
  ['健康水平指标', '孕产妇死亡率', '1/10万', '7.94', '12.5以下', '预期性'],
  ['健康水平指标', '5岁以下儿童死亡率', '‰', '6.20', '6.5以下', '预期性'],
  ['健康水平指标', '居民健康素养水平', '%', '15.51', '25', '预期性'],
  ['服务体系指标', '每千人执业(助理)医师数', '人', '2.5', '3.0', '预期性'],
  ['服务体系指标', '每千人注册护士数', '人', '2.9', '3.5', '预期性'],
  ['服务体系指标', '每千人医疗卫生机构床位数', '张', '6.1', '7.0', '预期性'],
  ['服务体系指标', '每万人全科医生数', '人', '2.5', '≥4', '预期性'],
  ['服务体系指标', '每千人拥有婴幼儿照护设施托位', '张', '2', '5', '预期性'],
  ['服务效能指标', '提供中医药服务的基层医疗卫生机构占比', '%', '90', '100', '预期性'],
  ['服务效能指标', '老年人健康管理率', '%', '75.36', '80以上', '预期性'],
  ['服务效能指标', '高血压患者规范化管理率', '%', '81.32', '85以上', '预期性'],
  ['服务效能指标', '2型糖尿病患者规范化管理率', '%', '80.97', '85以上', '预期性'],
  ['服务效能指标', '严重精神障碍患者规范管理率', '%', '80', '83以上', '预期性'],
  ['服务效能指标', '以乡(镇)为单位适龄儿童免疫规划疫苗', '%', '95', '95以上', '预期性'],
  ['服务效能指标', '新生儿遗传代谢性疾病筛查率', '%', '97.97', '98以上', '预期性'],
  ['服务效能指标', '重大慢病过早死亡率', '%', '12.76', '10以下', '预期性'],
  ['服务效能指标', '15岁以上人群吸烟率', '%', '——', '减少15%', '预期性'],
  ['服务效能指标', '县域就诊率', '%', '——', '90以上', '约束性'],
  ['服务效能指标', '基层医疗机构就诊率', '', '24', '65以上', '约束性'],
  ['保障水平指标', '人均基本公共卫生服务经费', '元', '74', '稳步提高', '约束性'],
  ['保障水平指标', '个人卫生支出占卫生总费用比例', '%', '29.69', '27', '约束性'],
];

/** A printed target: its number and what it bounds ("5.25以下" → 5.25, lower), or null (no number). */
function printedTarget(s: string): { t: number; dir: 'higher' | 'lower' } | null {
  const m = /^(≥)?([0-9.]+)(以上|以下)?$/.exec(s);
  if (!m) return null;
  return { t: Number(m[2]), dir: m[3] === '以下' ? 'lower' : 'higher' };
}

const plan = findTemplate('PLAN').scheme;
const planLeaves = leaves(plan);

describe('PLAN follows 运政发〔2022〕31号 表1 row by row', () => {
  it('the transcribed table is the document’s table: every row is found as printed, and there are no others', () => {
    const file = fs.readdirSync(POLICY).find((f) => f.startsWith('003_'))!;
    const text = fs.readFileSync(path.join(POLICY, file), 'utf8');
    const start = text.indexOf('表 1 卫生事业发展');
    const table = text.slice(start, text.indexOf('三、重大任务', start));
    for (const [, name, unit, base, target, nature] of TABLE_1) {
      const printed = `${name}${unit ? `(${unit})` : ''}${name === '人均预期寿命' ? '*' : ''}\t${base}\t${target}\t${nature}`;
      expect(table, name).toContain(printed);
    }
    const rows = table.split('\n').filter((l) => /\t(预期性|约束性)\s*$/.test(l));
    expect(rows).toHaveLength(TABLE_1.length);
  });

  it('has one leaf per row, in the table’s order and categories, named as printed', () => {
    expect(planLeaves).toHaveLength(TABLE_1.length);
    expect(plan.indicators.map((d) => d.name)).toEqual([
      '健康水平指标',
      '服务体系指标',
      '服务效能指标',
      '保障水平指标',
    ]);
    const categoryOf = new Map(
      plan.indicators.flatMap((d) => leaves({ indicators: [d] }).map((l) => [l.code, d.name] as const)),
    );
    TABLE_1.forEach(([category, name], i) => {
      const l = planLeaves[i]!;
      expect(l.name.startsWith(name), `${l.code} ${l.name}`).toBe(true);
      expect(categoryOf.get(l.code)).toBe(category);
    });
  });

  it.each(TABLE_1.map((r, i) => [i, ...r] as const))(
    'row %i %s %s: baseline, 2025 target, unit and nature as printed',
    (i, _c, name, unit, base, target, nature) => {
      const l: IndicatorNode = planLeaves[i]!;
      const m = l.method as Method;
      // 表1 prints no unit on 基层医疗机构就诊率; it is a rate like 县域就诊率, entered in %.
      expect(l.unit).toBe(unit === '' && name === '基层医疗机构就诊率' ? '%' : unit);
      expect(l.criteria).toContain(`2020 年 ${base}，2025 年目标 ${target}，${nature}`);
      expect(l.source).toMatch(/^运政发〔2022〕31号 表1/);
      const pt = printedTarget(target);
      if (pt === null) {
        // 同比例提高, 减少15%, 稳步提高: no number to score, monitored with the text kept.
        expect(m.type).toBe('monitor');
        expect(l.weight).toBe(0);
        expect(l.criteria).toContain(`“${target}”`);
        return;
      }
      expect(l.weight).toBeGreaterThan(0);
      if (name === '个人卫生支出占卫生总费用比例')
        expect(l.direction).toBe('lower'); // 29.69 → 27: to fall
      else expect(l.direction).toBe(pt.dir);
      if (base === '——') {
        // Only a bound is given: a threshold on it.
        expect(m).toEqual({ type: 'threshold', target: pt.t });
        expect(l.criteria).toContain(nature);
        return;
      }
      expect(m).toEqual({
        type: 'pace',
        baseline: Number(base),
        baseYear: 2020,
        target: pt.t,
        targetYear: 2025,
        nature: nature === '约束性' ? 'binding' : 'expected',
      });
    },
  );

  it('免疫规划 and 全科医生 are 预期性; the binding rows are the four the table marks 约束性', () => {
    const nature = (code: string) => {
      const l = planLeaves.find((x) => x.code === code)!;
      return l.method!.type === 'pace'
        ? (l.method as { nature?: string }).nature
        : /约束性。/.test(l.criteria!)
          ? 'binding'
          : 'expected';
    };
    expect(nature('E6')).toBe('expected');
    expect(nature('S4')).toBe('expected');
    expect(planLeaves.filter((l) => l.criteria!.includes('，约束性。')).map((l) => l.name)).toEqual([
      '县域就诊率',
      '基层医疗机构就诊率',
      '人均基本公共卫生服务经费',
      '个人卫生支出占卫生总费用比例',
    ]);
  });

  it('a county on the straight line from 2020 to 2025 scores full in every year; one standing still scores 0 where it had ground to cover', () => {
    for (const year of [2021, 2022, 2023, 2024, 2025]) {
      const scheme = { ...plan, year };
      const onLine: Record<string, ReturnType<typeof num>> = {};
      const still: Record<string, ReturnType<typeof num>> = {};
      for (const l of planLeaves) {
        const m = l.method!;
        if (m.type === 'pace') {
          // e = b + (t − b)·(year − 2020)/5, exactly
          onLine[l.code] = num(
            new Decimal(m.baseline)
              .plus(
                new Decimal(m.target)
                  .minus(m.baseline)
                  .times(year - 2020)
                  .div(5),
              )
              .toFixed(),
          );
          still[l.code] = num(m.baseline);
        } else if (m.type === 'threshold') onLine[l.code] = still[l.code] = num(m.target);
        else onLine[l.code] = still[l.code] = num(1);
      }
      const { byTarget } = run(scheme, [onLine, still]);
      expect(byTarget.get('T1')!.total, String(year)).toBe('100.00');
      // Standing still keeps only the rows whose baseline already met the target, and 县域就诊率 at 90.
      const kept = planLeaves.filter((l) => {
        const m = l.method!;
        if (m.type === 'threshold') return true;
        if (m.type !== 'pace') return false;
        return l.direction === 'lower' ? m.baseline <= m.target : m.baseline >= m.target;
      });
      expect(kept.map((l) => l.name)).toEqual([
        '婴儿死亡率',
        '孕产妇死亡率',
        '5岁以下儿童死亡率',
        '以乡(镇)为单位适龄儿童免疫规划疫苗接种率',
        '县域就诊率',
      ]);
      expect(byTarget.get('T2')!.total).toBe(kept.reduce((s, l) => s + l.weight!, 0).toFixed(2));
    }
  });
});
