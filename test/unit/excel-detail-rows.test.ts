/**
 * The detail rows' fast writer (detail-rows.ts): shared strings, bytes written in place. Each row,
 * its shared-string indices read back through the table, is exactly the row the plain writer makes
 * of finance-rows.ts's detailRow (same cells, styles, empty bordered cells, numbers, heights of
 * wrapped text), and is ASCII only.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DetailRows, DetailStrings, MAX_ROW_BYTES } from '../../electron/excel/detail-rows';
import { dataRowHeight, sheetText } from '../../electron/excel/finance-layout';
import { detailRow, detailSpec, targetValue } from '../../electron/excel/finance-rows';
import { PlainRows, asciiText } from '../../electron/excel/plain-sheet-writer';
import { decodeXml } from '../../electron/excel/zip';
import type { IndicatorResult, TargetResult, Value } from '../../shared/domain/types';
import { leaves } from '../../shared/scheme/parse';
import { benchScheme } from '../bench/dataset';

const scheme = benchScheme(2024);
const ls = leaves(scheme);
const columns = detailSpec(
  { countyName: '示例县', year: 2024, scheme },
  sheetText({ countyName: '示例县', exportedAt: new Date(), lock: null }),
  { part: 1, name: '指标得分明细' },
).columns;
// Text and number styles per column, as the style manager would give them (0: none).
const styles = columns.map((c, i) => [i === 6 ? 0 : 4 + (c.wrap ? 2 : 0), c.numFmt ? 5 : 4] as [number, number]);

const VALUES: Value[] = [
  { kind: 'number', number: '61.7' },
  { kind: 'label', label: '一般' },
  { kind: 'na' },
  { kind: 'missing' } as Value,
  { kind: 'number', number: '0.30' },
  { kind: 'label', label: '' },
];

function result(target: string, name: string, n: number): TargetResult {
  const indicators: Record<string, IndicatorResult> = {};
  ls.forEach((l, j) => {
    if ((j + n) % 7 === 3) return; // some leaves without a result
    indicators[l.code] = {
      code: l.code,
      value: VALUES[(j + n) % VALUES.length]!,
      score: (j + n) % 5 === 0 ? null : String(((j * 37 + n) % 150) / 100),
      weight: l.weight === undefined ? '' : String(l.weight),
      flags: (j + n) % 4 === 0 ? ['MISSING'] : (j + n) % 9 === 0 ? ['NA', 'CAPPED'] : [],
      trace:
        (j + n) % 11 === 0
          ? ''
          : (j + n) % 6 === 0
            ? `实际 <${j}> & "目标"\n第二行：${'很长的计算过程'.repeat(n % 3)}`
            : `实际 ${j % 5}% ≥ 目标，得 ${j % 3}.00 分`,
    };
  });
  return {
    target,
    name,
    base: '80',
    bonus: '0',
    deduction: '0',
    total: '80',
    grade: '良好',
    rank: n,
    veto: null,
    flags: [],
    dimensions: {},
    indicators,
  };
}

describe('detail rows written as bytes with shared strings', () => {
  const results = [result('T1', '城关卫生院', 1), result('T2', '', 2), result('T3', '东街<社区>&中心', 3)];
  const strings = new DetailStrings(columns);
  strings.addAll(results, ls);
  let sst = '';
  let table: string[] = [];
  beforeAll(async () => {
    await strings.write({
      write: (t) => ((sst += t), false),
      fill: () => {
        throw new Error('not used');
      },
      drain: async () => undefined,
    });
    table = [...sst.matchAll(/<si><t(?: xml:space="preserve")?>([\s\S]*?)<\/t><\/si>/g)].map((m) => decodeXml(m[1]!));
  });
  const rows = new DetailRows(styles, strings, ls);
  const plain = new PlainRows(styles, (values) => dataRowHeight(columns, values));

  it('every row is the plain writer’s row of detailRow, its strings through the table', () => {
    const buf = Buffer.alloc(MAX_ROW_BYTES);
    let r = 999_998; // row numbers of several lengths
    let k = 0;
    let checked = 0;
    for (const res of results) {
      ls.forEach((leaf, j) => {
        const ir = res.indicators[leaf.code];
        if (!ir) return;
        const end = rows.write(buf, 0, r, k++, res, j, ir);
        expect(end).toBeLessThanOrEqual(MAX_ROW_BYTES);
        expect(buf.subarray(0, end).every((b) => b < 0x80)).toBe(true);
        const xml = buf
          .toString('latin1', 0, end)
          .replace(/ t="s"><v>(\d+)<\/v>/g, (_, i: string) => ` t="str"><v>${asciiText(table[Number(i)]!)}</v>`);
        expect(xml).toBe(plain.row(r, detailRow(res, leaf, ir, targetValue(leaf))));
        r++;
        checked++;
      });
    }
    expect(checked).toBeGreaterThan(150);
  });

  it('the shared-string part is ASCII, every text once, line breaks and edge spaces preserved', () => {
    expect([...sst].every((c) => c.charCodeAt(0) < 0x80)).toBe(true);
    expect(sst).toContain(`count="${table.length}" uniqueCount="${table.length}"`);
    expect(sst).toContain('&#22478;&#20851;&#21355;&#29983;&#38498;'); // 城关卫生院
    expect(sst).toContain('<si><t xml:space="preserve">');
    expect(table).toContain('东街<社区>&中心');
  });

  it('each text is in the table once; a text missed by the first pass is refused, not written', () => {
    expect(new Set(table).size).toBe(table.length);
    expect(table).toContain('不适用');
    expect(table).toContain('缺报');
    expect(table).not.toContain('');
    expect(() => strings.id('不在表中的文字')).toThrow('明细文字未登记');
  });
});
