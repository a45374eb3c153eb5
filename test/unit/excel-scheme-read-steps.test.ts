/**
 * The steps readSchemeWorkbook is made of (issue 12 point 3): finding the header of sheet 指标体系,
 * reading 方向 and 公益性, and putting nodes and schemes in the key order of scheme-json.md.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import {
  findNodeHeader,
  inKeyOrder,
  orderedNode,
  parseDirection,
  parseYesNo,
  SchemeSheetError,
} from '../../electron/excel/scheme-xlsx';
import type { IndicatorNode } from '../../shared/domain/types';

function sheet(rows: ExcelJS.CellValue[][], name = '指标体系'): ExcelJS.Worksheet {
  const ws = new ExcelJS.Workbook().addWorksheet(name);
  for (const r of rows) ws.addRow(r);
  return ws;
}

describe('findNodeHeader', () => {
  it('finds the header below title rows and maps every column it names, aliases included', () => {
    const ws = sheet([
      ['2025 年乡镇卫生院考核指标'],
      [],
      ['一级指标', '上级指标编码', '指标编码', '指标名称（全称）', '分值', '计分方法', '备注'],
      ['基本公共卫生', null, 'A', '基本公共卫生'],
    ]);
    const h = findNodeHeader(ws);
    expect(h.row).toBe(3);
    expect(Object.fromEntries(h.cols)).toEqual({ top: 1, parent: 2, code: 3, name: 4, weight: 5, method: 6 });
  });

  it('takes the first row with both 指标编码 and 指标名称, not a row with one of them', () => {
    const ws = sheet([['指标编码'], ['父级编码', '指标名称', '指标编码']]);
    const h = findNodeHeader(ws);
    expect(h.row).toBe(2);
    expect(Object.fromEntries(h.cols)).toEqual({ parent: 1, name: 2, code: 3 });
  });

  it('looks only at the first 20 rows, and names the sheet when there is no header', () => {
    const rows: ExcelJS.CellValue[][] = Array.from({ length: 20 }, () => ['说明']);
    rows.push(['指标编码', '指标名称']);
    const ws = sheet(rows, '方案');
    expect(() => findNodeHeader(ws)).toThrow(SchemeSheetError);
    expect(() => findNodeHeader(ws)).toThrow('方案!A1：没有找到表头行（需要“指标编码”和“指标名称”列）');
    expect(findNodeHeader(sheet(rows.slice(1))).row).toBe(20);
  });
});

describe('方向 and 公益性', () => {
  it('reads a direction in Chinese or English, width-folded and trimmed; anything else is null', () => {
    expect(parseDirection('正向')).toBe('higher');
    expect(parseDirection('　逆向 ')).toBe('lower');
    expect(parseDirection('ｈｉｇｈｅｒ')).toBe('higher');
    expect(parseDirection('lower')).toBe('lower');
    expect(parseDirection('Higher')).toBeNull();
    expect(parseDirection('反向')).toBeNull();
    expect(parseDirection('')).toBeNull();
  });

  it('reads 是/否 and their usual marks; anything else is null', () => {
    for (const t of ['是', '√', 'true', 'TRUE', 'yes', 'Y', 'y', '1', ' 是 ', '１']) expect(parseYesNo(t)).toBe(true);
    for (const t of ['否', '×', 'false', 'FALSE', 'No', 'N', 'n', '0']) expect(parseYesNo(t)).toBe(false);
    for (const t of ['', '可能', 'yess', '2']) expect(parseYesNo(t)).toBeNull();
  });
});

describe('key order of scheme-json.md', () => {
  it('re-keys a node and its children, leaving absent fields out and an empty dimension empty', () => {
    const node = {
      children: [
        { method: { type: 'ratio', target: 85 }, name: '高血压患者规范管理率', code: 'A1', weight: 10, max: 100 },
        { name: '空维度', code: 'A2', children: [] },
      ],
      plan: undefined,
      name: '基本公共卫生',
      code: 'A',
      weight: 20,
    } as unknown as IndicatorNode;
    const o = orderedNode(node);
    expect(JSON.stringify(o)).toBe(
      JSON.stringify({
        code: 'A',
        name: '基本公共卫生',
        weight: 20,
        children: [
          { code: 'A1', name: '高血压患者规范管理率', weight: 10, method: { type: 'ratio', target: 85 }, max: 100 },
          { code: 'A2', name: '空维度', children: [] },
        ],
      }),
    );
    expect(o).not.toBe(node);
  });

  it('keeps the listed keys in order, nulls included, and drops undefined and unlisted ones', () => {
    const o = inKeyOrder({ year: 2025, extra: 1, bonusCap: null, code: 'TC', name: undefined }, [
      'code',
      'name',
      'year',
      'bonusCap',
    ]);
    expect(Object.entries(o)).toEqual([
      ['code', 'TC'],
      ['year', 2025],
      ['bonusCap', null],
    ]);
  });
});
