/**
 * Every built-in template is traceable to the documents (issue 11): each `source` names a document
 * of ../shared/policy by its number and an article that exists in it, or a national document by
 * title with its number marked 文号待核; no source names a document that is not there; where a
 * weight or threshold is the team's proposal, the criteria say so. And FEW_PEERS in a county with
 * one medical group, through `scheme check` and the results.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Scheme } from '../../shared/domain/types';
import { leaves } from '../../shared/scheme/validate';
import { readTemplates } from '../../electron/services/templates';
import { runCli, tempDir } from './support/ex1';

const POLICY = path.resolve(__dirname, '../../../shared/policy');
const files = fs
  .readdirSync(POLICY)
  .filter((f) => f.endsWith('.txt'))
  .sort();
const texts = files.map((f) => fs.readFileSync(path.join(POLICY, f), 'utf8'));
const allText = texts.join('\n');
const textOf = (prefix: string) => texts[files.findIndex((f) => f.startsWith(prefix))]!;

/** The five local documents: number → file, and how an article of it is written and found. */
const LOCAL: Record<string, { file: string; article: RegExp; exists: (a: string) => boolean }> = {
  '运政办发〔2019〕3号': {
    file: '000_',
    article: /^第(\d+)条/,
    exists: (a) => new RegExp(`(^|\\n)\\s*${/\d+/.exec(a)![0]}[.、．]`).test(textOf('000_')),
  },
  '汴政办〔2019〕74号': {
    file: '001_',
    article: /^[一二三四五六]\([一二三四五六七八九十]+\)\d*/,
    exists: (a) => {
      const [, sec, sub] = /^([一二三四五六])\(([一二三四五六七八九十]+)\)/.exec(a)!;
      const t = textOf('001_');
      const from = t.indexOf(`\n${sec}、`);
      return from >= 0 && t.indexOf(`（${sub}）`, from) >= 0;
    },
  },
  '晋政办发〔2019〕64号': {
    file: '002_',
    article: /^二、\d+/,
    exists: (a) => {
      const t = textOf('002_');
      const from = t.indexOf('二、推动落实的重点工作任务');
      return from >= 0 && t.indexOf(`${/\d+/.exec(a)![0]}.`, from) >= 0;
    },
  },
  '运政发〔2022〕31号': {
    file: '003_',
    article: /^表1/,
    exists: () => textOf('003_').includes('表 1 卫生事业发展“十四五”规划主要发展指标'),
  },
  '偏政发〔2024〕12号': {
    file: '004_',
    article: /^二\([一二三四五]\)\d+/,
    exists: (a) => {
      const [, sub, n] = /^二\(([一二三四五])\)(\d+)/.exec(a)!;
      const t = textOf('004_');
      const from = t.indexOf(`（${sub}）`, t.indexOf('二、工作任务'));
      return from >= 0 && t.indexOf(`${n}. `, from) >= 0;
    },
  },
};

const NUMBER = /[\u4e00-\u9fa5]+〔\d{4}〕\d+号/g;
const TITLE = /《([^》]+)》(（[^）]*）)?/g;
const FORBIDDEN = [
  '种子文件',
  '县医管会《',
  '《医疗集团年度绩效考核办法》',
  '院长年薪制考核办法》',
  '村卫生室绩效考核办法》',
  '驻点医务人员管理考核办法》',
  '十四五”卫生健康事业发展规划》',
  '示例值',
  '解除服务协议',
];

const templates = readTemplates();

describe.each(templates.map((t) => [t.name, t.scheme] as const))('%s: citations', (_name, scheme: Scheme) => {
  const ls = leaves(scheme);

  it('every source cites a document of ../shared/policy by number and an existing article, or a national document marked 文号待核', () => {
    for (const l of ls) {
      const src = l.source ?? '';
      let cited = 0;
      for (const [no, doc] of Object.entries(LOCAL)) {
        let at = src.indexOf(no);
        while (at >= 0) {
          const rest = src.slice(at + no.length).trimStart();
          const m = doc.article.exec(rest);
          expect(m, `${scheme.code} ${l.code}: ${no} without an article: ${src}`).not.toBeNull();
          expect(doc.exists(m![0]), `${scheme.code} ${l.code}: ${no} ${m![0]} is not in ${doc.file}`).toBe(true);
          cited++;
          at = src.indexOf(no, at + no.length);
        }
      }
      const national = [...src.matchAll(TITLE)].length;
      expect(cited + national, `${scheme.code} ${l.code} cites nothing: ${src}`).toBeGreaterThan(0);
    }
  });

  it('names no document that is not there: every 文号 is in the policy texts, every other title is marked 文号待核', () => {
    for (const l of ls) {
      for (const field of [l.source ?? '', l.criteria ?? '']) {
        for (const [no] of field.matchAll(NUMBER))
          expect(allText.replace(/ 号/g, '号'), `${scheme.code} ${l.code}: ${no}`).toContain(no);
        for (const [whole, title, note] of field.matchAll(TITLE)) {
          if (allText.includes(title!)) continue;
          expect(note ?? '', `${scheme.code} ${l.code}: ${whole}`).toContain('文号待核');
        }
        for (const f of FORBIDDEN) expect(field, `${scheme.code} ${l.code}`).not.toContain(f);
      }
    }
  });

  it('says where a weight is the team’s proposal (no document gives these weights)', () => {
    for (const l of ls)
      if (l.method!.type !== 'monitor') expect(l.criteria, `${scheme.code} ${l.code}`).toContain('权重为本系统建议值');
  });
});

describe('the points of issue 11 in the templates', () => {
  const byCode = new Map(templates.map((t) => [t.scheme.code, t.scheme]));
  const leaf = (scheme: string, code: string) => leaves(byCode.get(scheme)!).find((l) => l.code === code)!;

  it('targets 85/80/83/95 are cited from 运政发〔2022〕31号 表1, the indicators from the national 规范', () => {
    for (const code of ['A1', 'A2', 'A3', 'A4', 'A5']) {
      const l = leaf('TC', code);
      expect(l.source).toContain('运政发〔2022〕31号 表1');
      expect(l.source).toContain('《国家基本公共卫生服务规范（第三版）》');
      expect(l.criteria).toContain('目标值取自 运政发〔2022〕31号 表1');
    }
  });

  it('村卫生室 quotes 第22条 as written; 家庭医生 attributes its items to 运政办发〔2019〕3号 第24条', () => {
    const text = fs
      .readFileSync(
        path.join(
          POLICY,
          files.find((f) => f.startsWith('000_'))!,
        ),
        'utf8',
      )
      .replace(/\s+/g, '');
    const quote = '对连续 2 年考核不合格的，由医疗集团根据法定程序解除其聘用合同，变更主要负责人';
    expect(text).toContain(quote.replace(/\s+/g, ''));
    for (const l of leaves(byCode.get('VC')!)) expect(l.source).toContain('运政办发〔2019〕3号 第2');
    expect(leaf('VC', 'D1').source).toContain(quote);
    for (const l of leaves(byCode.get('FD')!)) expect(l.source).toContain('运政办发〔2019〕3号 第24条');
  });

  it('医疗集团: 第19条 measures, two 第5条 ratios, the 第9条 share, no peer methods, 药占比 as TC', () => {
    const mg = byCode.get('MG')!;
    const names = leaves(mg).map((l) => l.name);
    expect(names.some((n) => n.startsWith('患者发病率'))).toBe(true);
    expect(names).toContain('领导干部履职情况');
    expect(leaf('MG', 'F1')).toMatchObject({ name: '在编在岗率', method: { type: 'threshold', target: 85 } });
    expect(leaf('MG', 'F2')).toMatchObject({ name: '医疗卫生专业人员占比', method: { type: 'threshold', target: 85 } });
    expect(leaf('MG', 'B4').name).toContain('三、四级手术');
    expect(leaf('MG', 'B4').name).toContain('比重');
    expect(leaves(mg).filter((l) => ['rank', 'minmax', 'best'].includes(l.method!.type))).toEqual([]);
    expect(leaf('MG', 'D3').method).toEqual(leaf('TC', 'F1').method);
    for (const l of [leaf('MG', 'D3'), leaf('TC', 'F1')]) expect(l.criteria).toContain('不出自任何文件');
  });

  it('二级公立医院: the national 28 as published, ▲ scored, 医疗盈余率 monitored, and the county public-welfare items', () => {
    const ch = byCode.get('CH')!;
    const national = ch.indicators.slice(0, 4).flatMap((d) => leaves({ indicators: [d] }));
    expect(national).toHaveLength(28);
    const names = national.map((l) => l.name);
    for (const n of [
      '省级室间质评项目参加率与合格率',
      '次均费用增幅',
      '次均药品费用增幅',
      '国家组织药品集中采购中标药品使用比例',
      '平均住院日',
      '医疗收入增幅',
      '专科能力',
    ])
      expect(names).toContain(n);
    for (const n of [
      '门诊次均费用增幅',
      '住院次均费用增幅',
      '省级室间质评项目参加率',
      '国家组织药品集中采购中标药品金额占比',
    ])
      expect(names).not.toContain(n);
    expect(leaf('CH', 'Y1')).toMatchObject({ name: '医疗盈余率', weight: 0, method: { type: 'monitor' } });
    expect(leaf('CH', 'Q2').weight).toBeGreaterThan(0); // ▲ 微创手术占比 is scored
    for (const l of national) expect(l.criteria).not.toContain('本方案不计分');
    const welfare = leaves({ indicators: ch.indicators.slice(4) });
    expect(welfare.every((l) => l.publicWelfare)).toBe(true);
    expect(welfare.map((l) => l.source).join()).toContain('偏政发〔2024〕12号 二(二)4');
    expect(welfare.map((l) => l.source).join()).toContain('汴政办〔2019〕74号 四(七)');
    expect(leaf('CH', 'W2')).toMatchObject({
      name: '公共卫生科室人员平均收入与本机构人员平均工资之比',
      method: { type: 'threshold', target: 100 },
    });
    expect(leaf('CH', 'W2').source).toContain('偏政发〔2024〕12号 二(五)3');
  });
});

describe('FEW_PEERS in a county with one medical group', () => {
  const dir = tempDir('fewpeers-');
  const db = path.join(dir, 'one-group.db');
  const cli = (...args: string[]) => runCli(db, ...args);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('the built-in MG has nothing to warn about; a scheme ranking groups warns in scheme check and flags the result', async () => {
    expect(
      (await cli('targets', 'add', '--code', 'G01', '--name', '唯一医疗集团', '--kind', 'medical_group')).code,
    ).toBe(0);
    expect((await cli('templates', 'use', 'MG', '--year', '2024')).code).toBe(0);
    const ok = await cli('scheme', 'check', '--year', '2024', '--scheme', 'MG', '--json');
    expect(ok.code, ok.err).toBe(0);
    expect(JSON.parse(ok.out)).toEqual({ valid: true, problems: [] });

    const ranked = {
      code: 'MR',
      name: '按排名考核集团',
      year: 2024,
      targetKind: 'medical_group',
      indicators: [
        {
          code: 'A',
          name: '服务',
          children: [
            { code: 'A1', name: '双向转诊下转占比', weight: 60, unit: '%', method: { type: 'rank' } },
            { code: 'A2', name: '县域内就诊率', weight: 40, unit: '%', method: { type: 'ratio', target: 90 } },
          ],
        },
      ],
    };
    const file = path.join(dir, 'mr.json');
    fs.writeFileSync(file, JSON.stringify(ranked));
    expect((await cli('scheme', 'import', file)).code).toBe(0);
    const warn = await cli('scheme', 'check', '--year', '2024', '--scheme', 'MR', '--json');
    expect(warn.code, warn.err).toBe(0); // a warning, not a problem
    const body = JSON.parse(warn.out);
    expect(body.valid).toBe(true);
    expect(body.warnings.map((w: { path: string }) => w.path)).toEqual(['A1']);
    expect(body.warnings[0].message).toContain('FEW_PEERS');
    expect(warn.err).toContain('只有 1 个');

    expect(
      (
        await cli(
          'values',
          'set',
          '--year',
          '2024',
          '--scheme',
          'MR',
          '--target',
          'G01',
          '--indicator',
          'A1',
          '--value',
          '12',
        )
      ).code,
    ).toBe(0);
    const scored = await cli('score', '--year', '2024', '--scheme', 'MR', '--json');
    expect(scored.code, scored.err).toBe(0);
    const g01 = JSON.parse(scored.out).results[0];
    expect(g01.indicators.A1).toMatchObject({ score: 60, flags: ['FEW_PEERS'] });
    expect(g01.flags).toContain('FEW_PEERS');
  });
});
