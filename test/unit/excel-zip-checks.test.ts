/**
 * The checks openCheckedZip is made of (issue 12 point 3): the refusal of one directory entry
 * (in the order encryption, compression method, part size, ratio) and the mapping of errors met
 * while inflating. Whole hostile files are in import-limits.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../electron/services/errors';
import { IMPORT_LIMITS, entryRefusal, inflateError, type EntryFacts } from '../../electron/excel/zip';

const MB = 1024 * 1024;

function entry(facts: Partial<Omit<EntryFacts, 'isEncrypted'>> & { encrypted?: boolean } = {}): EntryFacts {
  return {
    fileName: 'xl/worksheets/sheet1.xml',
    compressionMethod: 8,
    compressedSize: MB,
    uncompressedSize: 5 * MB,
    isEncrypted: () => facts.encrypted === true,
    ...facts,
  };
}

describe('entryRefusal', () => {
  it('lets an ordinary part through, stored or deflated', () => {
    expect(entryRefusal(entry(), IMPORT_LIMITS)).toBeNull();
    expect(entryRefusal(entry({ compressionMethod: 0, compressedSize: 5 * MB }), IMPORT_LIMITS)).toBeNull();
  });

  it('refuses an encrypted part first, whatever else is wrong with it', () => {
    const e = entryRefusal(
      entry({ encrypted: true, compressionMethod: 99, uncompressedSize: 4000 * MB }),
      IMPORT_LIMITS,
    );
    expect(e).toBeInstanceOf(ApiError);
    expect(e!.code).toBe('INPUT');
    expect(e!.message).toMatch(/^该工作簿设有密码保护（已加密）/);
  });

  it('refuses a compression other than stored or deflate, before its size', () => {
    const e = entryRefusal(entry({ compressionMethod: 12, uncompressedSize: 4000 * MB }), IMPORT_LIMITS);
    expect(e!.message).toBe('部件 xl/worksheets/sheet1.xml 使用了不支持的压缩方式（12）。未导入任何数据。');
  });

  it('refuses a part over the part limit, before its ratio', () => {
    const e = entryRefusal(entry({ uncompressedSize: 161 * MB, compressedSize: 1000 }), IMPORT_LIMITS);
    expect(e!.message).toMatch(/^部件 xl\/worksheets\/sheet1.xml 解压后有 161 MB，超过单个部件的上限 160 MB/);
  });

  it('refuses a ratio over the limit only above ratioFromBytes', () => {
    const bomb = entryRefusal(entry({ uncompressedSize: 9 * MB, compressedSize: 9 * 1024 }), IMPORT_LIMITS);
    expect(bomb!.message).toBe(
      '部件 xl/worksheets/sheet1.xml 的压缩比为 1024:1，超过上限 200:1（疑似压缩炸弹或大量空行）。未导入任何数据。',
    );
    // The same ratio in a smaller part (shared strings of one repeated word) is fine.
    expect(entryRefusal(entry({ uncompressedSize: 8 * MB, compressedSize: 8 * 1024 }), IMPORT_LIMITS)).toBeNull();
    // Exactly at the ratio is fine; a part claiming size from nothing is not.
    expect(entryRefusal(entry({ uncompressedSize: 200 * 50_000, compressedSize: 50_000 }), IMPORT_LIMITS)).toBeNull();
    expect(entryRefusal(entry({ uncompressedSize: 9 * MB, compressedSize: 0 }), IMPORT_LIMITS)!.message).toMatch(
      /压缩比为 Infinity:1/,
    );
  });

  it('uses the limits it is given', () => {
    const limits = { ...IMPORT_LIMITS, partBytes: 4 * MB };
    expect(entryRefusal(entry(), limits)!.message).toMatch(/超过单个部件的上限 4 MB/);
  });
});

describe('inflateError', () => {
  const part = { name: 'xl/sharedStrings.xml' };

  it('passes our own refusals through unchanged', () => {
    const own = new ApiError('INPUT', '部件 x 解压后超过其声明的大小');
    expect(inflateError(own, part)).toBe(own);
  });

  it("turns yauzl's size check into a size mismatch naming the part", () => {
    for (const m of ['too many bytes in the stream. expected 10. got at least 11', 'not enough bytes in the stream']) {
      const e = inflateError(new Error(m), part);
      expect(e.code).toBe('INPUT');
      expect(e.message).toBe(
        '部件 xl/sharedStrings.xml 解压后的大小与其声明的不符（文件已损坏或被恶意构造）。未导入任何数据。',
      );
    }
  });

  it('reports anything else as a corrupted file, quoting the cause', () => {
    const e = inflateError(new Error('invalid distance too far back'), part);
    expect(e.code).toBe('INPUT');
    expect(e.message).toMatch(/^文件已损坏，不是完整的 xlsx 工作簿（zip 结构有误：invalid distance too far back）/);
    expect(inflateError('boom', part).message).toMatch(/zip 结构有误：boom/);
  });
});
