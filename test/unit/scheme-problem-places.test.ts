/**
 * Problems shown to people name the place in Chinese (等次第2档·最低分, 指标 A1·分值), not the English
 * field path; the machine path stays in `path` for tools (scheme-json.md).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Services } from '../../electron/services';
import { ApiError } from '../../electron/services/errors';
import { parseSchemeJson } from '../../shared/scheme/parse';
import { placeOf, problemForPeople, problemParts } from '../../shared/scheme/place';
import { validateScheme, normalizeScheme } from '../../shared/scheme/validate';
import { readExample } from './helpers/scoring-fixtures';
import fs from 'node:fs';
import path from 'node:path';
import { openTemp, runCli } from './support/ex1';

const ex = () => readExample('ex1-scheme.json');
const ENGLISH_PATH = /(indicators|grades|children|method|salary)[.[]/;

let s: Services | null = null;
afterEach(async () => {
  await s?.close();
  s = null;
});

describe('Chinese places in scheme problems', () => {
  it('placeOf translates field paths, naming the indicator by its code', () => {
    const scheme = ex();
    expect(placeOf('grades[1].min')).toBe('等次第2档·最低分');
    expect(placeOf('grades[0].quota')).toBe('等次第1档·比例上限');
    expect(placeOf('salary.kMax')).toBe('年薪规则·最高系数');
    expect(placeOf('salary.gradeCoefficients.优秀')).toBe('年薪规则·各等次系数·「优秀」');
    expect(placeOf(`indicators[0].children[0].method.target`, scheme)).toBe(
      `指标 ${scheme.indicators[0].children[0].code}·计分方法·目标值`,
    );
    expect(placeOf('indicators[3].children[2].weight')).toBe('第4个一级指标·第3个下级指标·分值');
    expect(placeOf('indicators[0].children[1].colour', scheme)).toBe(
      `指标 ${scheme.indicators[0].children[1].code}·「colour」`,
    );
    expect(placeOf('minPublicWelfareShare')).toBe('公益性指标最低占比');
    expect(placeOf('A1')).toBe('A1');
    expect(placeOf('(根)')).toBe('方案');
  });

  it('parse problems: path stays the machine path, the message is in Chinese', () => {
    const bad = ex();
    bad.indicators[0].children[0].weight = '20';
    bad.grades[1].min = 'x';
    bad.indicators[0].children[1].colour = 'red';
    const r = parseSchemeJson(bad);
    expect(r.problems.map((p) => p.path).sort()).toEqual(
      ['grades[1].min', 'indicators[0].children[0].weight', 'indicators[0].children[1].colour'].sort(),
    );
    for (const p of r.problems) expect(p.message, p.message).not.toMatch(ENGLISH_PATH);
    const grade = r.problems.find((p) => p.path === 'grades[1].min')!;
    expect(grade.message).toBe('等次第2档·最低分：类型错误，应为数值，实际为文本');
    const w = r.problems.find((p) => p.path === 'indicators[0].children[0].weight')!;
    expect(w.message).toMatch(/^指标 \S+·分值：类型错误/);
  });

  it('a missing method field names the indicator', () => {
    const bad = ex();
    delete bad.indicators[0].children[0].method.target;
    const r = parseSchemeJson(bad);
    expect(r.problems[0]!.path).toBe('indicators[0].children[0].method.target');
    expect(r.problems[0]!.message).toMatch(/^指标 \S+·计分方法·目标值：缺少必填字段/);
  });

  it('validation problems read in Chinese with their place; the service error message too', async () => {
    const bad = ex();
    bad.grades[1].min = 95; // above 优秀's 90
    const problems = validateScheme(normalizeScheme(bad));
    const p = problems.find((x) => x.path === 'grades[1].min')!;
    expect(problemForPeople(p)).toMatch(/^等次第2档·最低分：/);
    expect(problemParts(p)).toEqual({ place: '等次第2档·最低分', text: p.message });

    s = openTemp('places-').s;
    const parseBad = ex();
    parseBad.grades[1].min = 'x';
    const e = await s.saveScheme({ scheme: parseBad }).catch((x: unknown) => x as ApiError);
    expect(e).toBeInstanceOf(ApiError);
    expect((e as ApiError).message).toContain('等次第2档·最低分');
    expect((e as ApiError).message).not.toMatch(ENGLISH_PATH);
    expect((e as ApiError).problems![0]!.path).toBe('grades[1].min');

    const strict = await s.saveScheme({ scheme: bad, strict: true }).catch((x: unknown) => x as ApiError);
    expect((strict as ApiError).message).toContain('等次第2档·最低分');
    expect((strict as ApiError).message).not.toMatch(ENGLISH_PATH);
  });

  it('the CLI shows both: the field path for tools and the Chinese place', async () => {
    const t = openTemp('places-cli-');
    await t.s.close();
    const bad = ex();
    bad.grades[1].min = 'x';
    const file = path.join(t.dir, 'bad.json');
    fs.writeFileSync(file, JSON.stringify(bad));
    const r = await runCli(t.dbPath, 'scheme', 'import', file);
    expect(r.code).toBe(2);
    expect(r.err).toContain('grades[1].min（等次第2档·最低分）：类型错误');
  });
});
