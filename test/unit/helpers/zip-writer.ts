/**
 * A minimal zip writer for tests of hostile files: stored or deflated entries, optionally in ZIP64
 * form, with sizes that may lie. Nothing in the app writes zips this way.
 */
import zlib from 'node:zlib';
import JSZip from 'jszip';

export interface ZipItem {
  name: string;
  /** Raw deflate data and what it inflates to (or claims to). */
  deflated: Buffer;
  size: number;
  crc: number;
}

export function deflateItem(name: string, data: Buffer | string): ZipItem {
  const buf = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  return { name, deflated: zlib.deflateRawSync(buf), size: buf.length, crc: zlib.crc32(buf) };
}

/** `chunk` repeated `times` times, deflated as a stream (never held inflated in memory). */
export async function repeatedItem(name: string, chunk: string, times: number, head = '', tail = ''): Promise<ZipItem> {
  const d = zlib.createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  d.on('data', (b: Buffer) => out.push(b));
  const done = new Promise((r) => d.on('end', r));
  const c = Buffer.from(chunk);
  // Many repeats per write keep the stream calls few.
  const per = Math.max(1, Math.floor((1 << 20) / c.length));
  const block = Buffer.concat(Array(per).fill(c));
  let crc = zlib.crc32(head);
  let size = Buffer.byteLength(head);
  d.write(head);
  let left = times;
  while (left > 0) {
    const n = Math.min(per, left);
    const b = n === per ? block : block.subarray(0, n * c.length);
    crc = zlib.crc32(b, crc);
    size += b.length;
    if (!d.write(b)) await new Promise((r) => d.once('drain', r));
    left -= n;
  }
  d.end(tail);
  crc = zlib.crc32(tail, crc);
  size += Buffer.byteLength(tail);
  await done;
  return { name, deflated: Buffer.concat(out), size, crc };
}

export function writeZip(items: ZipItem[], opts: { zip64?: boolean } = {}): Buffer {
  const z64 = opts.zip64 === true;
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const it of items) {
    const name = Buffer.from(it.name, 'utf8');
    const big = z64 || it.size > 0xfffffffe;
    const extraLocal = big ? Buffer.alloc(20) : Buffer.alloc(0);
    if (big) {
      extraLocal.writeUInt16LE(1, 0);
      extraLocal.writeUInt16LE(16, 2);
      extraLocal.writeBigUInt64LE(BigInt(it.size), 4);
      extraLocal.writeBigUInt64LE(BigInt(it.deflated.length), 12);
    }
    const lh = Buffer.alloc(30);
    lh.writeUInt32LE(0x04034b50, 0);
    lh.writeUInt16LE(big ? 45 : 20, 4);
    lh.writeUInt16LE(0x0800, 6);
    lh.writeUInt16LE(8, 8);
    lh.writeUInt16LE(0, 10);
    lh.writeUInt16LE(0x21, 12);
    lh.writeUInt32LE(it.crc >>> 0, 14);
    lh.writeUInt32LE(big ? 0xffffffff : it.deflated.length, 18);
    lh.writeUInt32LE(big ? 0xffffffff : it.size, 22);
    lh.writeUInt16LE(name.length, 26);
    lh.writeUInt16LE(extraLocal.length, 28);
    const local = Buffer.concat([lh, name, extraLocal, it.deflated]);
    const extraCentral = big ? Buffer.alloc(28) : Buffer.alloc(0);
    if (big) {
      extraCentral.writeUInt16LE(1, 0);
      extraCentral.writeUInt16LE(24, 2);
      extraCentral.writeBigUInt64LE(BigInt(it.size), 4);
      extraCentral.writeBigUInt64LE(BigInt(it.deflated.length), 12);
      extraCentral.writeBigUInt64LE(BigInt(offset), 20);
    }
    const ch = Buffer.alloc(46);
    ch.writeUInt32LE(0x02014b50, 0);
    ch.writeUInt16LE(45, 4);
    ch.writeUInt16LE(big ? 45 : 20, 6);
    ch.writeUInt16LE(0x0800, 8);
    ch.writeUInt16LE(8, 10);
    ch.writeUInt16LE(0, 12);
    ch.writeUInt16LE(0x21, 14);
    ch.writeUInt32LE(it.crc >>> 0, 16);
    ch.writeUInt32LE(big ? 0xffffffff : it.deflated.length, 20);
    ch.writeUInt32LE(big ? 0xffffffff : it.size, 24);
    ch.writeUInt16LE(name.length, 28);
    ch.writeUInt16LE(extraCentral.length, 30);
    ch.writeUInt32LE(big ? 0xffffffff : offset, 42);
    centrals.push(Buffer.concat([ch, name, extraCentral]));
    locals.push(local);
    offset += local.length;
  }
  const cd = Buffer.concat(centrals);
  const tail: Buffer[] = [];
  if (z64) {
    const rec = Buffer.alloc(56);
    rec.writeUInt32LE(0x06064b50, 0);
    rec.writeBigUInt64LE(44n, 4);
    rec.writeUInt16LE(45, 12);
    rec.writeUInt16LE(45, 14);
    rec.writeBigUInt64LE(BigInt(items.length), 24);
    rec.writeBigUInt64LE(BigInt(items.length), 32);
    rec.writeBigUInt64LE(BigInt(cd.length), 40);
    rec.writeBigUInt64LE(BigInt(offset), 48);
    const loc = Buffer.alloc(20);
    loc.writeUInt32LE(0x07064b50, 0);
    loc.writeBigUInt64LE(BigInt(offset + cd.length), 8);
    loc.writeUInt32LE(1, 16);
    tail.push(rec, loc);
  }
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(z64 ? 0xffff : items.length, 8);
  eocd.writeUInt16LE(z64 ? 0xffff : items.length, 10);
  eocd.writeUInt32LE(z64 ? 0xffffffff : cd.length, 12);
  eocd.writeUInt32LE(z64 ? 0xffffffff : offset, 16);
  return Buffer.concat([...locals, cd, ...tail, eocd]);
}

/** The parts of an .xlsx (as written by exceljs), to rebuild with some replaced. */
export async function xlsxItems(bytes: Buffer, replace: Record<string, ZipItem | string> = {}): Promise<ZipItem[]> {
  const zip = await JSZip.loadAsync(bytes);
  const items: ZipItem[] = [];
  for (const [name, f] of Object.entries(zip.files)) {
    if (f.dir) continue;
    const r = replace[name];
    if (r === undefined) items.push(deflateItem(name, Buffer.from(await f.async('uint8array'))));
    else items.push(typeof r === 'string' ? deflateItem(name, r) : { ...r, name });
  }
  return items;
}
