/** "另存标红副本" on a file that is not an xlsx workbook: a clear Chinese INPUT error, not an internal one. */
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../electron/services/errors';
import { toPayload } from '../../electron/services/workbooks/payload';
import { markedCopyBytes } from '../../electron/services/workbooks/value-import';
import type { Services } from '../../electron/services/index';
import { ex1Services } from './excel-fixtures';

let services: Services | null = null;
afterEach(async () => {
  await services?.close();
  services = null;
});

async function rejected(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p;
  } catch (e) {
    return e as ApiError;
  }
  throw new Error('expected a rejection');
}

describe('marked copy of a file that is not xlsx', () => {
  // An old-format .xls (OLE compound file signature), a CSV, and a broken zip.
  const cases: [string, Buffer][] = [
    ['数据.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0])],
    ['数据.csv', Buffer.from('对象编码,对象名称\nEX-01,东街\n', 'utf8')],
    ['坏文件.xlsx', Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(40, 7)])],
  ];
  for (const [name, bytes] of cases) {
    it(`${name}: INPUT with a Chinese message naming the file and what to do`, async () => {
      services = (await ex1Services()).services;
      const e = await rejected(services.markedCopy({ year: 2024, scheme: 'EX', file: toPayload(name, bytes) }));
      expect(e).toBeInstanceOf(ApiError);
      expect(e.code).toBe('INPUT');
      expect(e.message).toContain(name);
      expect(e.message).toContain('.xlsx');
      expect(e.message).not.toContain('内部错误');
      const direct = await rejected(markedCopyBytes(services, { year: 2024, scheme: 'EX', bytes, fileName: name }));
      expect(direct.code).toBe('INPUT');
    });
  }

  it('an xlsx file still gets its copy', async () => {
    services = (await ex1Services()).services;
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('数据采集').getCell('A1').value = '对象编码';
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const out = await services.markedCopy({ year: 2024, scheme: 'EX', file: toPayload('表.xlsx', bytes) });
    expect(out.fileName).toBe('表（错误已标红）.xlsx');
  });
});
