/**
 * The big plain sheets of an export (the finance workbook's 指标得分明细, 1.5 M rows at province
 * size) without exceljs's per-row machinery: exceljs writes the workbook as usual — every styled
 * sheet, the styles, the print settings, and the big sheets with only their title and header rows —
 * into memory; then this module copies that package to the output and, in each big sheet's part,
 * streams the data rows in just before `</sheetData>`.
 *
 * Why: exceljs's streaming writer goes through archiver (a CRC-32 in JavaScript, a stream per
 * chunk), and the rows it queues must be paced by polling; at province size that was most of the
 * export's 22–30 s. Here the row XML goes straight into ~2 MB buffers, is CRC-32'd natively
 * (zlib.crc32) and deflated on libuv's thread pool at a low level (1: the XML is very repetitive,
 * level 1 gives a file about 1.4× the size of level 6 in a fifth of the time), with the output
 * stream's backpressure respected. The sheet is deflated in independent ~2 MB pieces joined by sync
 * flushes, several on the thread pool at once (as pigz does; about 1 % larger than one stream).
 *
 * The rows are cells as exceljs writes them (a cell reference on every cell, the column's style id
 * on every cell, empty cells kept for their border), minus exceljs's optional `spans` and
 * `x14ac:dyDescent` row attributes; the finance workbook's detail rows hold their texts as shared
 * strings (detail-rows.ts). Sheets and shared strings are written in ASCII (asciiXml) and after the
 * workbook's other parts, for exceljs's streaming reader. Every reader that opened the exceljs file
 * (Excel, WPS, LibreOffice, openpyxl, exceljs) opens this one.
 */
import fs from 'node:fs';
import { Writable } from 'node:stream';
import zlib from 'node:zlib';

/** Deflate level of the parts written here (other parts are copied as exceljs zipped them). */
export const PLAIN_SHEET_LEVEL = 1;

/** Column letters of a 1-based column number. */
export function colLetter(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

// eslint-disable-next-line no-control-regex -- control characters are what XML 1.0 forbids: matched on purpose
const XML_SPECIAL = /[<>&'"\x7F\x00-\x08\x0B-\x0C\x0E-\x1F]/;
const XML_ESCAPES: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' };
/** Text as exceljs writes it into XML: the five entities escaped, control characters dropped. */
export function xmlText(t: string): string {
  if (!XML_SPECIAL.test(t)) return t;
  // eslint-disable-next-line no-control-regex -- control characters are dropped, as exceljs does
  return t.replace(/[<>&'"\x7F\x00-\x08\x0B-\x0C\x0E-\x1F]/g, (ch) => XML_ESCAPES[ch] ?? '');
}

export type PlainCell = string | number | null | undefined;

/** Distinct values whose cell XML is kept per column. */
const TAIL_CACHE = 50_000;

/** Builds the `<row>` XML (ASCII) of plain data rows: per column, the style of a text and of a number cell. */
export class PlainRows {
  private readonly cols: string[];
  private readonly text: string[];
  private readonly number: string[];

  /**
   * styles[i] = [text style id, number style id] of column i+1 (0 = none); `height` gives a row's
   * custom height in points (0: the default height).
   */
  constructor(
    styles: readonly (readonly [number, number])[],
    private readonly height?: (values: readonly PlainCell[]) => number,
  ) {
    this.cols = styles.map((_, i) => colLetter(i + 1));
    const attr = (id: number) => (id ? ` s="${id}"` : '');
    this.text = styles.map(([t]) => attr(t));
    this.number = styles.map(([, n]) => attr(n));
  }

  /**
   * Per column, the XML after a cell's reference by value (`" s="4" t="str"><v>…</v></c>`): names,
   * codes, units and traces repeat from row to row, so each is escaped and formatted once.
   */
  private readonly tails: Map<PlainCell, string>[] = [];

  private tail(i: number, v: PlainCell): string {
    const cache = (this.tails[i] ??= new Map());
    let t = cache.get(v);
    if (t === undefined) {
      if (typeof v === 'number' && Number.isFinite(v)) t = `"${this.number[i]}><v>${v}</v></c>`;
      else if (v === null || v === undefined || v === '') t = `"${this.text[i]}/>`;
      else t = `"${this.text[i]} t="str"><v>${asciiText(String(v))}</v></c>`;
      if (cache.size < TAIL_CACHE) cache.set(v, t);
    }
    return t;
  }

  row(r: number, values: readonly PlainCell[]): string {
    const ht = this.height ? this.height(values) : 0;
    let xml = ht ? `<row r="${r}" ht="${ht}" customHeight="1">` : `<row r="${r}">`;
    const cols = this.cols;
    for (let i = 0; i < cols.length; i++) xml += `<c r="${cols[i]}${r}${this.tail(i, values[i])}`;
    return `${xml}</row>`;
  }
}

// ---------- a lean zip writer ----------

interface CentralEntry {
  name: Buffer;
  method: number;
  flags: number;
  crc: number;
  csize: number;
  usize: number;
  offset: number;
}

const U32 = 0xffffffff;
/** DOS date/time of 1980-01-01 00:00 (exceljs/archiver write the current time; readers ignore it). */
function dosTime(d: Date): { time: number; date: number } {
  const y = Math.max(1980, d.getFullYear());
  return {
    time: (d.getHours() << 11) | (d.getMinutes() << 5) | Math.floor(d.getSeconds() / 2),
    date: ((y - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
  };
}

/** Where a streamed entry's text goes; await drain() when write() returns true. */
export interface TextSink {
  write(text: string): boolean;
  /**
   * Bytes written in place: `fill` gets the buffer and the offset to write at, with room for at
   * least `max` bytes, and returns the offset after what it wrote. Returns as write() does.
   */
  fill(max: number, fill: (buf: Buffer, off: number) => number): boolean;
  drain(): Promise<void>;
}

const SINK_BUFFER = 2 << 20;
/**
 * Deflate's output buffer: a piece's output in one or two (zlib's default, 16 KB, cost the main
 * thread a stream round trip per 16 KB: about twice its time in measurements).
 */
const DEFLATE_CHUNK = 256 << 10;
/** Pieces deflated at once (libuv's pool has 4 threads). */
const DEFLATE_PARALLEL = 4;

/** Streams a zip (no zip64: every size and offset must stay under 4 GiB, checked) into a Writable. */
export class ZipWriter {
  private offset = 0;
  private readonly entries: CentralEntry[] = [];
  private readonly stamp: { time: number; date: number };
  private failed: Error | null = null;

  constructor(
    private readonly out: Writable,
    private readonly level = PLAIN_SHEET_LEVEL,
    now = new Date(),
  ) {
    this.stamp = dosTime(now);
    out.on('error', (e: Error) => {
      this.failed ??= e;
    });
  }

  private async write(buf: Buffer): Promise<void> {
    if (this.failed) throw this.failed;
    this.offset += buf.length;
    if (this.offset > U32) throw new Error('导出文件超过 4 GB，无法写出');
    if (!this.out.write(buf)) await this.drain();
  }

  private async drain(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      const done = () => {
        this.out.off('drain', done);
        this.out.off('error', fail);
        resolve();
      };
      const fail = (e: Error) => {
        this.out.off('drain', done);
        reject(e);
      };
      this.out.on('drain', done);
      this.out.once('error', fail);
    });
  }

  private localHeader(name: Buffer, method: number, flags: number, crc: number, csize: number, usize: number): Buffer {
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0);
    h.writeUInt16LE(20, 4);
    h.writeUInt16LE(flags, 6);
    h.writeUInt16LE(method, 8);
    h.writeUInt16LE(this.stamp.time, 10);
    h.writeUInt16LE(this.stamp.date, 12);
    h.writeUInt32LE(crc >>> 0, 14);
    h.writeUInt32LE(csize, 18);
    h.writeUInt32LE(usize, 22);
    h.writeUInt16LE(name.length, 26);
    h.writeUInt16LE(0, 28);
    return Buffer.concat([h, name]);
  }

  /** An entry whose compressed bytes, CRC and sizes are already known (copied from another zip). */
  async addRaw(path: string, method: number, crc: number, usize: number, data: Buffer): Promise<void> {
    const name = Buffer.from(path, 'utf8');
    const flags = 0x0800;
    const offset = this.offset;
    await this.write(this.localHeader(name, method, flags, crc, data.length, usize));
    await this.write(data);
    this.entries.push({ name, method, flags, crc, csize: data.length, usize, offset });
  }

  /**
   * An entry deflated as it is produced: `produce` writes text into `sink` (UTF-8 encoded straight
   * into ~2 MB buffers, no long strings built), awaiting `sink.drain()` whenever `write` returns
   * true. Each full buffer is CRC'd here and deflated on the thread pool while the next ones fill.
   */
  async addStream(path: string, produce: (sink: TextSink) => Promise<void>): Promise<void> {
    const name = Buffer.from(path, 'utf8');
    const flags = 0x0808; // sizes and CRC in a data descriptor after the data; UTF-8 name
    const offset = this.offset;
    await this.write(this.localHeader(name, 8, flags, 0, 0, 0));
    // Each ~2 MB piece is deflated on its own (ending in a sync flush, so that the pieces join into
    // one deflate stream, as pigz does), several at a time on the thread pool, written in order.
    let crc = 0;
    let usize = 0;
    let csize = 0;
    const level = this.level;
    const inflight: Promise<Buffer>[] = [];
    const settleOldest = async () => {
      const out = await inflight.shift()!;
      csize += out.length;
      await this.write(out);
    };
    let buf = Buffer.allocUnsafe(SINK_BUFFER);
    let off = 0;
    const flush = () => {
      if (off === 0) return;
      const piece = buf.subarray(0, off);
      crc = zlib.crc32(piece, crc);
      usize += off;
      if (usize > U32) throw new Error('导出的工作表超过 4 GB，无法写出');
      const p = new Promise<Buffer>((resolve, reject) =>
        zlib.deflateRaw(
          piece,
          { level, memLevel: 9, chunkSize: DEFLATE_CHUNK, finishFlush: zlib.constants.Z_SYNC_FLUSH },
          (e, r) => (e ? reject(e) : resolve(r)),
        ),
      );
      p.catch(() => undefined); // awaited in order by settleOldest
      inflight.push(p);
      buf = Buffer.allocUnsafe(SINK_BUFFER);
      off = 0;
    };
    const sink: TextSink = {
      write(text: string): boolean {
        // A UTF-8 character takes at most 3 bytes per UTF-16 unit.
        if (off + text.length * 3 > buf.length) {
          flush();
          if (text.length * 3 > buf.length) buf = Buffer.allocUnsafe(text.length * 3);
        }
        off += buf.write(text, off);
        return inflight.length >= DEFLATE_PARALLEL;
      },
      fill(max: number, fill: (buf: Buffer, off: number) => number): boolean {
        if (off + max > buf.length) {
          flush();
          if (max > buf.length) buf = Buffer.allocUnsafe(max);
        }
        const end = fill(buf, off);
        if (end < off || end > off + max) throw new Error('工作表行超出预留空间');
        off = end;
        return inflight.length >= DEFLATE_PARALLEL;
      },
      async drain(): Promise<void> {
        while (inflight.length >= DEFLATE_PARALLEL) await settleOldest();
      },
    };
    try {
      await produce(sink);
      flush();
      while (inflight.length > 0) await settleOldest();
    } catch (e) {
      await Promise.allSettled(inflight);
      throw e;
    }
    // The final (empty) block ends the stream.
    const last = zlib.deflateRawSync(Buffer.alloc(0), { level });
    csize += last.length;
    await this.write(last);
    const d = Buffer.alloc(16);
    d.writeUInt32LE(0x08074b50, 0);
    d.writeUInt32LE(crc >>> 0, 4);
    d.writeUInt32LE(csize, 8);
    d.writeUInt32LE(usize, 12);
    await this.write(d);
    this.entries.push({ name, method: 8, flags, crc, csize, usize, offset });
  }

  /** The central directory; the caller then ends the output stream. */
  async finish(): Promise<void> {
    const start = this.offset;
    const parts: Buffer[] = [];
    for (const e of this.entries) {
      const h = Buffer.alloc(46);
      h.writeUInt32LE(0x02014b50, 0);
      h.writeUInt16LE(20, 4);
      h.writeUInt16LE(20, 6);
      h.writeUInt16LE(e.flags, 8);
      h.writeUInt16LE(e.method, 10);
      h.writeUInt16LE(this.stamp.time, 12);
      h.writeUInt16LE(this.stamp.date, 14);
      h.writeUInt32LE(e.crc >>> 0, 16);
      h.writeUInt32LE(e.csize, 20);
      h.writeUInt32LE(e.usize, 24);
      h.writeUInt16LE(e.name.length, 28);
      h.writeUInt32LE(e.offset, 42);
      parts.push(h, e.name);
    }
    const dir = Buffer.concat(parts);
    if (this.entries.length > 0xffff) throw new Error('导出文件的部件过多');
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.entries.length, 8);
    end.writeUInt16LE(this.entries.length, 10);
    end.writeUInt32LE(dir.length, 12);
    end.writeUInt32LE(start, 16);
    await this.write(dir);
    await this.write(end);
  }
}

// ---------- copying exceljs's package with the big sheets' rows streamed in ----------

interface SourceEntry {
  name: string;
  method: number;
  crc: number;
  csize: number;
  usize: number;
  dataStart: number;
}

/** Every entry of a zip held in memory, in central-directory order (which is the file order). */
function zipEntries(buf: Buffer): SourceEntry[] {
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65557); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('工作簿打包出错（缺少 zip 目录）');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const out: SourceEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error('工作簿打包出错（zip 目录损坏）');
    const nameLen = buf.readUInt16LE(p + 28);
    const local = buf.readUInt32LE(p + 42);
    out.push({
      name: buf.toString('utf8', p + 46, p + 46 + nameLen),
      method: buf.readUInt16LE(p + 10),
      crc: buf.readUInt32LE(p + 16),
      csize: buf.readUInt32LE(p + 20),
      usize: buf.readUInt32LE(p + 24),
      dataStart: local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28),
    });
    p += 46 + nameLen + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  return out;
}

/**
 * The parts in the order they are written: the worksheets last. exceljs writes each sheet as it is
 * committed, before the shared strings, styles and workbook; a streaming reader (exceljs's, which
 * `verify` uses on large files) that meets a sheet before those parks it in a temporary file, 0.8 GB
 * of XML for a province. After them, it reads each sheet as it comes.
 */
function packageOrder(entries: SourceEntry[]): SourceEntry[] {
  const sheet = (e: SourceEntry) => isSheet(e.name.replace(/^\/+/, ''));
  return [...entries.filter((e) => !sheet(e)), ...entries.filter(sheet)];
}

/** Rows of one big sheet: written into the sink row by row (await sink.drain() when write says so). */
export type RowsProducer = (sink: TextSink) => Promise<void>;

/**
 * XML with every non-ASCII character written as a character reference (`指` → `&#25351;`): the
 * same document to every XML reader. exceljs's streaming reader decodes each chunk of a part's
 * bytes on its own, so a UTF-8 character split between two chunks came out as "�" (at random
 * places: the chunks depend on the zip stream); an ASCII part cannot be split inside a character.
 * `src` is UTF-8 (as exceljs writes it); returned as it is when it is ASCII already.
 */
export function asciiXml(src: Buffer): Buffer {
  const n = src.length;
  let i = 0;
  while (i < n && src[i]! < 0x80) i++;
  if (i === n) return src;
  // 2 bytes → 7 ("&#2047;"), 3 → 8 ("&#65535;"), 4 → 10 ("&#1114111;"): at most 3.5 × the bytes.
  const out = Buffer.allocUnsafe(Math.ceil(n * 3.5) + 16);
  src.copy(out, 0, 0, i);
  let o = i;
  const digits = new Uint8Array(8);
  while (i < n) {
    const b = src[i]!;
    if (b < 0x80) {
      out[o++] = b;
      i++;
      continue;
    }
    let cp: number;
    if (b >= 0xf0) {
      cp = ((b & 7) << 18) | ((src[i + 1]! & 63) << 12) | ((src[i + 2]! & 63) << 6) | (src[i + 3]! & 63);
      i += 4;
    } else if (b >= 0xe0) {
      cp = ((b & 15) << 12) | ((src[i + 1]! & 63) << 6) | (src[i + 2]! & 63);
      i += 3;
    } else {
      cp = ((b & 31) << 6) | (src[i + 1]! & 63);
      i += 2;
    }
    out[o++] = 38; // &
    out[o++] = 35; // #
    let k = 0;
    do {
      digits[k++] = 48 + (cp % 10);
      cp = Math.floor(cp / 10);
    } while (cp > 0);
    while (k > 0) out[o++] = digits[--k]!;
    out[o++] = 59; // ;
  }
  return out.subarray(0, o);
}

/** A text as XML character data in ASCII only: xmlText's escapes, other characters as references. */
export function asciiText(t: string): string {
  t = xmlText(t);
  let out = '';
  let from = 0;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c < 0x80) continue;
    let cp = c;
    const d = t.charCodeAt(i + 1);
    if (c >= 0xd800 && c < 0xdc00 && d >= 0xdc00 && d < 0xe000) cp = ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
    else if (c >= 0xd800 && c < 0xe000) cp = 0xfffd; // a lone surrogate is no character
    out += `${t.slice(from, i)}&#${cp};`;
    if (cp > 0xffff) i++;
    from = i + 1;
  }
  return from === 0 ? t : out + t.slice(from);
}

/** Bytes into a sink in ~1 MB pieces (deflated in parallel). */
async function writeBytes(sink: TextSink, bytes: Buffer): Promise<void> {
  const step = 1 << 20;
  for (let at = 0; at < bytes.length; at += step) {
    const piece = bytes.subarray(at, Math.min(bytes.length, at + step));
    if (
      sink.fill(piece.length, (buf, off) => {
        piece.copy(buf, off);
        return off + piece.length;
      })
    )
      await sink.drain();
  }
}

const isSheet = (name: string) => /^xl\/worksheets\/sheet\d+\.xml$/.test(name);

/**
 * Writes `base` (a complete xlsx in memory) to `out`; the sheet parts named in `rows`
 * ("xl/worksheets/sheet2.xml") get their producer's rows inserted before `</sheetData>` (exceljs
 * writes `<sheetData>…</sheetData>` with the header rows); the parts named in `parts` are written
 * whole by their producer instead of base's. Every sheet and shared-string part is written in
 * ASCII (asciiXml; the producers must write ASCII too). Ends `out` and waits until it is flushed.
 */
export async function writePackage(
  base: Buffer,
  rows: Map<string, RowsProducer>,
  out: { stream: Writable } | { filename: string },
  parts: Map<string, RowsProducer> = new Map(),
): Promise<void> {
  const stream = 'stream' in out ? out.stream : fs.createWriteStream(out.filename);
  const closed =
    'stream' in out
      ? Promise.resolve()
      : new Promise<void>((resolve, reject) => {
          stream.on('close', resolve);
          stream.on('error', reject);
        });
  const zip = new ZipWriter(stream);
  const strip = (m: Map<string, RowsProducer>) => new Map([...m].map(([k, v]) => [k.replace(/^\/+/, ''), v]));
  const pending = strip(rows);
  const whole = strip(parts);
  try {
    for (const e of packageOrder(zipEntries(base))) {
      const data = base.subarray(e.dataStart, e.dataStart + e.csize);
      const replace = whole.get(e.name);
      if (replace) {
        whole.delete(e.name);
        await zip.addStream(e.name, replace);
        continue;
      }
      const produce = pending.get(e.name);
      if (!produce && !isSheet(e.name) && e.name !== 'xl/sharedStrings.xml') {
        await zip.addRaw(e.name, e.method, e.crc, e.usize, data);
        continue;
      }
      const raw = e.method === 8 ? zlib.inflateRawSync(data) : data;
      const ascii = asciiXml(raw);
      if (!produce) {
        if (ascii === raw) await zip.addRaw(e.name, e.method, e.crc, e.usize, data);
        else await zip.addStream(e.name, (sink) => writeBytes(sink, ascii));
        continue;
      }
      pending.delete(e.name);
      const xml = ascii.toString('latin1');
      const at = xml.lastIndexOf('</sheetData>');
      if (at < 0) throw new Error(`工作簿打包出错：${e.name} 中没有 sheetData`);
      await zip.addStream(e.name, async (sink) => {
        sink.write(xml.slice(0, at));
        await sink.drain();
        await produce(sink);
        sink.write(xml.slice(at));
      });
    }
    const missing = [...pending.keys(), ...whole.keys()];
    if (missing.length > 0) throw new Error(`工作簿打包出错：找不到 ${missing.join('、')}`);
    await zip.finish();
  } catch (e) {
    if (!('stream' in out)) {
      // No half-written file is left behind.
      stream.destroy();
      await closed.catch(() => undefined);
      fs.rmSync(out.filename, { force: true });
    }
    throw e;
  }
  stream.end();
  await closed;
}

/** Collects a Writable's bytes (exceljs writes the base package into one). */
export function memorySink(): { stream: Writable; bytes: () => Buffer } {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      chunks.push(chunk);
      cb();
    },
  });
  return { stream, bytes: () => Buffer.concat(chunks) };
}
