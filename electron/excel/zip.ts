/**
 * Just enough of the zip format to read a few small parts of an .xlsx (workbook.xml and its
 * relationships) without loading the whole workbook: exceljs's streaming reader names sheets
 * "Sheet1" when the workbook's relationships use absolute paths (openpyxl, some WPS versions).
 */
import { constants, inflateRawSync } from 'node:zlib';

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  localOffset: number;
}

export function listZipEntries(buf: Buffer): ZipEntry[] {
  // End of central directory: signature 0x06054b50, within the last 64 KiB + 22 bytes.
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65557); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('不是有效的 xlsx 文件（缺少 zip 目录）');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error('不是有效的 xlsx 文件（zip 目录损坏）');
    const method = buf.readUInt16LE(p + 10);
    const compressedSize = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const localOffset = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    entries.push({ name, method, compressedSize, localOffset });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

export function readZipEntry(buf: Buffer, entry: ZipEntry): Buffer {
  const p = entry.localOffset;
  const nameLen = buf.readUInt16LE(p + 26);
  const extraLen = buf.readUInt16LE(p + 28);
  const start = p + 30 + nameLen + extraLen;
  const data = buf.subarray(start, start + entry.compressedSize);
  if (entry.method === 0) return Buffer.from(data);
  if (entry.method === 8) return inflateRawSync(data);
  throw new Error(`不支持的压缩方式：${entry.method}`);
}

/** The start of an entry: up to `compressed` bytes of it, inflated as far as they go. */
export function readZipEntryStart(buf: Buffer, entry: ZipEntry, compressed: number): Buffer {
  const p = entry.localOffset;
  const start = p + 30 + buf.readUInt16LE(p + 26) + buf.readUInt16LE(p + 28);
  const data = buf.subarray(start, start + Math.min(entry.compressedSize, compressed));
  if (entry.method === 0) return Buffer.from(data);
  if (entry.method === 8) return inflateRawSync(data, { finishFlush: constants.Z_SYNC_FLUSH });
  throw new Error(`不支持的压缩方式：${entry.method}`);
}

function attr(tag: string, name: string): string | null {
  const m = new RegExp(`\\b${name}="([^"]*)"`).exec(tag);
  return m ? decodeXml(m[1]) : null;
}

function decodeXml(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, d) => String.fromCodePoint(Number(d)))
    .replace(/&#x([0-9a-f]+);/gi, (_, h) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&amp;/g, '&');
}

/** Worksheet part path (e.g. "xl/worksheets/sheet1.xml") → sheet name, in workbook order. */
export function sheetNamesByPart(buf: Buffer): Map<string, string> {
  const entries = listZipEntries(buf);
  const find = (n: string) => entries.find((e) => e.name.toLowerCase() === n.toLowerCase());
  const wbEntry = find('xl/workbook.xml');
  const relsEntry = find('xl/_rels/workbook.xml.rels');
  const out = new Map<string, string>();
  if (!wbEntry || !relsEntry) return out;
  const wb = readZipEntry(buf, wbEntry).toString('utf8');
  const rels = readZipEntry(buf, relsEntry).toString('utf8');
  const targetById = new Map<string, string>();
  for (const m of rels.matchAll(/<(?:\w+:)?Relationship\b[^>]*>/g)) {
    const id = attr(m[0], 'Id');
    const target = attr(m[0], 'Target');
    if (id && target) {
      const path = target.startsWith('/') ? target.slice(1) : `xl/${target}`;
      targetById.set(id, path.replace(/\/\.\//g, '/'));
    }
  }
  for (const m of wb.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)) {
    const name = attr(m[0], 'name');
    const rid = attr(m[0], 'r:id') ?? /\b\w+:id="([^"]*)"/.exec(m[0])?.[1] ?? null;
    const path = rid ? targetById.get(rid) : undefined;
    if (name && path) out.set(path, name);
  }
  return out;
}
