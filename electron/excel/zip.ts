/**
 * Reading the zip container of an imported .xlsx, bounded. yauzl (v3) parses the central directory
 * (ZIP64 included), validates every entry's local header and checks that an entry inflates to
 * exactly the size its directory states; on top of that every limit below is checked against the
 * directory BEFORE anything is inflated, and each part is inflated as a stream that is cut off at
 * its stated size. A zip bomb or a ZIP64 file claiming gigabytes is refused in milliseconds with a
 * Chinese message naming the limit, never inflated. The exceljs readers (the fallback) only ever
 * see a file that passed this check.
 *
 * Why yauzl: small, no dependencies, maintained for a decade, reads ZIP64, validates entry sizes
 * while streaming (its README's own zip-bomb advice), and exposes sizes before inflating; our former
 * hand-written reader inflated whole parts with inflateRawSync and could not read ZIP64.
 */
import yauzl from 'yauzl';
import type { Readable } from 'node:stream';
import { ApiError } from '../services/errors';

/** Limits of an imported workbook (README「可靠性」); each refusal names its limit. */
export const IMPORT_LIMITS = {
  /** The file itself. A province's value workbook (25,000 × 60 values) is about 15 MB. */
  fileBytes: 100 * 1024 * 1024,
  /** Entries in the zip: an .xlsx of a few sheets has a few dozen. */
  entries: 2000,
  /** One part (a sheet's XML, the shared strings) once inflated. A province sheet is 47 MB. */
  partBytes: 160 * 1024 * 1024,
  /** All parts together once inflated. */
  totalBytes: 400 * 1024 * 1024,
  /** Inflated ÷ compressed, for parts above ratioFromBytes (sheet XML compresses 5–30×; bombs 1000×). */
  ratio: 200,
  ratioFromBytes: 8 * 1024 * 1024,
  /** Rows and columns of a sheet: Excel's own maximum. */
  rows: 1_048_576,
  cols: 16_384,
  /** Characters in one cell: Excel's own maximum. */
  cellChars: 32_767,
} as const;

export type ImportLimits = { readonly [K in keyof typeof IMPORT_LIMITS]: number };

/**
 * Verifying one of our own exported finance workbooks (数据指纹核验): a province export is 126 MB, its
 * detail sheet over a gigabyte of XML, read by exceljs's streaming reader (constant memory) after
 * every part was streamed through yauzl to its stated size. Still bounded, and ZIP64-aware.
 */
export const VERIFY_LIMITS: ImportLimits = {
  ...IMPORT_LIMITS,
  fileBytes: 1024 * 1024 * 1024,
  partBytes: 4 * 1024 * 1024 * 1024,
  totalBytes: 8 * 1024 * 1024 * 1024,
};

const MB = (n: number) => `${Math.round((n / 1024 / 1024) * 10) / 10} MB`;

function refused(message: string): ApiError {
  return new ApiError('INPUT', `${message}。未导入任何数据。`);
}

/** A Chinese refusal for a workbook over one of the limits. */
export function limitError(message: string): ApiError {
  return refused(message);
}

export interface ZipPart {
  name: string;
  compressedSize: number;
  uncompressedSize: number;
  entry: yauzl.Entry;
}

export interface CheckedZip {
  /** Parts by lower-case name. */
  parts: Map<string, ZipPart>;
  totalUncompressed: number;
  /** The inflated part, or null when absent; never more than its checked size. */
  read(name: string): Promise<Buffer | null>;
  /** Up to `max` inflated bytes from the part's start (null when absent). */
  readStart(name: string, max: number): Promise<Buffer | null>;
  /**
   * Inflates every part as a stream (memory: one chunk) and checks each ends at its stated size:
   * done once before exceljs (which inflates with jszip, unbounded) is given the file.
   */
  verify(): Promise<void>;
}

const OLE_SIGNATURE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

/**
 * A file that is not a zip at all: a password-protected workbook (Excel saves it as an encrypted
 * OLE compound file with an EncryptionInfo stream), an old .xls, or anything else.
 */
export function notXlsxError(bytes: Buffer): ApiError {
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(OLE_SIGNATURE)) {
    const utf16 = (s: string) => Buffer.from(s, 'utf16le');
    if (bytes.includes(utf16('EncryptionInfo')) || bytes.includes(utf16('EncryptedPackage'))) {
      return new ApiError(
        'INPUT',
        '该工作簿设有打开密码（已加密），程序无法读取：请先在 Excel/WPS 中取消密码保护后另存为 .xlsx，再导入。',
      );
    }
    return new ApiError('INPUT', '文件是旧版 Excel 97-2003（.xls）格式：请在 Excel/WPS 中另存为 .xlsx 后再导入。');
  }
  return new ApiError('INPUT', '文件不是 xlsx 格式的工作簿（请在 Excel/WPS 中另存为 .xlsx）');
}

function fromBuffer(bytes: Buffer): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(
      bytes,
      { lazyEntries: true, validateEntrySizes: true, decodeStrings: true, strictFileNames: false },
      (err, zip) => (err ? reject(err) : resolve(zip)),
    );
  });
}

function corrupted(e: unknown): ApiError {
  const detail = e instanceof Error ? e.message : String(e);
  return new ApiError(
    'INPUT',
    `文件已损坏，不是完整的 xlsx 工作簿（zip 结构有误：${detail.slice(0, 120)}）。请在 Excel/WPS 中重新打开并另存为 .xlsx 后再试。`,
  );
}

/**
 * Opens an .xlsx's zip and checks every limit against its directory, before anything is inflated.
 * Throws ApiError('INPUT') with a Chinese message naming the limit.
 */
export async function openCheckedZip(bytes: Buffer, limits: ImportLimits = IMPORT_LIMITS): Promise<CheckedZip> {
  if (bytes.length > limits.fileBytes) {
    throw refused(`文件过大：${MB(bytes.length)}，上限 ${MB(limits.fileBytes)}（文件大小）`);
  }
  if (!(bytes.length > 4 && bytes.readUInt32LE(0) === 0x04034b50)) throw notXlsxError(bytes);
  let zip: yauzl.ZipFile;
  try {
    zip = await fromBuffer(bytes);
  } catch (e) {
    throw corrupted(e);
  }
  if (zip.entryCount > limits.entries) {
    zip.close();
    throw refused(`文件中的部件过多：${zip.entryCount} 个，上限 ${limits.entries} 个（zip 条目数）`);
  }
  const { parts, total } = await readDirectory(zip, limits);
  let verified: Promise<void> | null = null;
  return {
    parts,
    totalUncompressed: total,
    read: (name) => collect(zip, parts, name, Number.MAX_SAFE_INTEGER),
    readStart: (name, max) => collect(zip, parts, name, max),
    verify: () => (verified ??= verifyParts(zip, parts.values())),
  };
}

/**
 * Walks the zip's directory, checking each entry (entryRefusal) and the running total against the
 * limits; nothing is inflated. The first refusal closes the zip. Folders are passed over.
 */
function readDirectory(
  zip: yauzl.ZipFile,
  limits: ImportLimits,
): Promise<{ parts: Map<string, ZipPart>; total: number }> {
  const parts = new Map<string, ZipPart>();
  let total = 0;
  return new Promise((resolve, reject) => {
    const fail = (e: unknown) => {
      zip.close();
      reject(e);
    };
    zip.on('error', (e) => fail(e instanceof ApiError ? e : corrupted(e)));
    zip.on('end', () => resolve({ parts, total }));
    zip.on('entry', (entry: yauzl.Entry) => {
      if (entry.fileName.endsWith('/')) return zip.readEntry();
      const refusal = entryRefusal(entry, limits);
      if (refusal) return fail(refusal);
      total += entry.uncompressedSize;
      if (total > limits.totalBytes) {
        return fail(refused(`文件解压后总计超过 ${MB(limits.totalBytes)}（全部部件解压后大小的上限）`));
      }
      parts.set(entry.fileName.toLowerCase(), {
        name: entry.fileName,
        compressedSize: entry.compressedSize,
        uncompressedSize: entry.uncompressedSize,
        entry,
      });
      zip.readEntry();
    });
    zip.readEntry();
  });
}

/** What the directory says of an entry, as far as the limits are concerned. */
export type EntryFacts = Pick<
  yauzl.Entry,
  'fileName' | 'compressionMethod' | 'compressedSize' | 'uncompressedSize' | 'isEncrypted'
>;

/**
 * The refusal of one directory entry, or null: encrypted, a compression other than stored or
 * deflate, over the part limit, or (above ratioFromBytes) over the compression ratio — in that order.
 */
export function entryRefusal(entry: EntryFacts, limits: ImportLimits): ApiError | null {
  if (entry.isEncrypted()) {
    return new ApiError(
      'INPUT',
      '该工作簿设有密码保护（已加密），程序无法读取：请先在 Excel/WPS 中取消密码保护后另存为 .xlsx，再导入。',
    );
  }
  if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) {
    return refused(`部件 ${entry.fileName} 使用了不支持的压缩方式（${entry.compressionMethod}）`);
  }
  const size = entry.uncompressedSize;
  if (size > limits.partBytes) {
    return refused(
      `部件 ${entry.fileName} 解压后有 ${MB(size)}，超过单个部件的上限 ${MB(limits.partBytes)}（工作表过大，可能是大量空行或恶意构造的文件）`,
    );
  }
  if (size > limits.ratioFromBytes && size > entry.compressedSize * limits.ratio) {
    const ratio = entry.compressedSize > 0 ? Math.round(size / entry.compressedSize) : Infinity;
    return refused(
      `部件 ${entry.fileName} 的压缩比为 ${ratio}:1，超过上限 ${limits.ratio}:1（疑似压缩炸弹或大量空行）`,
    );
  }
  return null;
}

function openPart(zip: yauzl.ZipFile, part: ZipPart): Promise<Readable> {
  return new Promise((resolve, reject) =>
    zip.openReadStream(part.entry, (err, s) => (err ? reject(corrupted(err)) : resolve(s))),
  );
}

/**
 * An error met while inflating a part, as the refusal to show: our own refusals as they are,
 * yauzl's size check ("too many bytes" / "not enough bytes") as a size mismatch, else a corrupted file.
 */
export function inflateError(e: unknown, part: { name: string }): ApiError {
  if (e instanceof ApiError) return e;
  if (/too many bytes|not enough bytes/i.test(e instanceof Error ? e.message : '')) {
    return refused(`部件 ${part.name} 解压后的大小与其声明的不符（文件已损坏或被恶意构造）`);
  }
  return corrupted(e);
}

/** Up to `max` inflated bytes of a part (null when absent), never more than its checked size. */
async function collect(
  zip: yauzl.ZipFile,
  parts: Map<string, ZipPart>,
  name: string,
  max: number,
): Promise<Buffer | null> {
  const part = parts.get(name.toLowerCase());
  if (!part) return null;
  const s = await openPart(zip, part);
  const chunks: Buffer[] = [];
  const limit = Math.min(max, part.uncompressedSize);
  let got = 0;
  let seen = 0;
  try {
    for await (const chunk of s as AsyncIterable<Buffer>) {
      seen += chunk.length;
      // yauzl checks this too (validateEntrySizes); never hold more than the checked size.
      if (seen > part.uncompressedSize)
        throw refused(`部件 ${part.name} 解压后超过其声明的大小（文件已损坏或被恶意构造）`);
      const take = Math.min(chunk.length, limit - got);
      if (take > 0) {
        chunks.push(take === chunk.length ? chunk : chunk.subarray(0, take));
        got += take;
      }
      if (got >= limit && limit < part.uncompressedSize) break;
    }
  } catch (e) {
    throw inflateError(e, part);
  } finally {
    s.destroy();
  }
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, got);
}

/** Inflates every part as a stream, keeping nothing: each must end exactly at its stated size. */
async function verifyParts(zip: yauzl.ZipFile, parts: Iterable<ZipPart>): Promise<void> {
  for (const part of parts) {
    const s = await openPart(zip, part);
    let seen = 0;
    try {
      for await (const chunk of s as AsyncIterable<Buffer>) {
        seen += chunk.length;
        if (seen > part.uncompressedSize)
          throw refused(`部件 ${part.name} 解压后的大小与其声明的不符（文件已损坏或被恶意构造）`);
      }
    } catch (e) {
      throw inflateError(e, part);
    } finally {
      s.destroy();
    }
  }
}

function attr(tag: string, name: string): string | null {
  const m = new RegExp(`\\b${name}="([^"]*)"`).exec(tag);
  return m ? decodeXml(m[1]!) : null;
}

/** The XML entities of an attribute or text, decoded. */
export function decodeXml(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, d) => String.fromCodePoint(Number(d)))
    .replace(/&#x([0-9a-f]+);/gi, (_, h) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&amp;/g, '&');
}

/**
 * Worksheet part path (e.g. "xl/worksheets/sheet1.xml") → sheet name, in workbook order: exceljs's
 * streaming reader names sheets "Sheet1" when the workbook's relationships use absolute paths
 * (openpyxl, some WPS versions).
 */
export async function sheetNamesByPart(zip: CheckedZip): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const wbBuf = await zip.read('xl/workbook.xml');
  const relsBuf = await zip.read('xl/_rels/workbook.xml.rels');
  if (!wbBuf || !relsBuf) return out;
  const wb = wbBuf.toString('utf8');
  const rels = relsBuf.toString('utf8');
  const targetById = new Map<string, string>();
  for (const m of rels.matchAll(/<(?:\w+:)?Relationship\b[^>]*>/g)) {
    const id = attr(m[0], 'Id');
    const target = attr(m[0], 'Target');
    if (id && target) {
      const p = target.startsWith('/') ? target.slice(1) : `xl/${target}`;
      targetById.set(id, p.replace(/\/\.\//g, '/'));
    }
  }
  for (const m of wb.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)) {
    const name = attr(m[0], 'name');
    const rid = attr(m[0], 'r:id') ?? /\b\w+:id="([^"]*)"/.exec(m[0])?.[1] ?? null;
    const p = rid ? targetById.get(rid) : undefined;
    if (name && p) out.set(p, name);
  }
  return out;
}
