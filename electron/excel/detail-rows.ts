/**
 * The 指标得分明细 data rows as XML, fast: 1.5 M rows at province size. Every text goes into the
 * workbook's shared-string table (target names and codes, indicator names and codes, units, target
 * values, labels, flags, traces: all repeat from row to row), so a row is ASCII only — cell
 * references, style ids, numbers and string indices — and is written straight into the zip's
 * buffer as bytes: no row string is built and nothing is UTF-8 encoded per row.
 *
 * The cells are those of finance-rows.ts's detailRow (tested against it): the same values, the
 * same per-column styles (text / number), empty cells kept for their border, and the height of a
 * row whose wrapped text takes more than one line as dataRowHeight gives it.
 */
import type { IndicatorNode, IndicatorResult, TargetResult } from '../../shared/domain/types';
import { LINE_HEIGHT, wrappedLines, type ColumnSpec } from './finance-layout';
import { flagsText, targetValue } from './finance-rows';
import { asciiText, colLetter, type TextSink } from './plain-sheet-writer';

// Detail columns (finance-rows.ts detailSpec): A 对象编码 … K 计算过程.
const COLS = 11;
const [TARGET, NAME, CODE, LEAF, WEIGHT, VALUE, UNIT, GOAL, SCORE, FLAGS, TRACE] = Array.from(
  { length: COLS },
  (_, i) => i,
) as [number, number, number, number, number, number, number, number, number, number, number];

/** No string: an empty cell. */
const NONE = -1;
/** Ints kept per detail row: value, flags and trace ids, lines. */
const ROW_INTS = 4;
const NA_TEXT = '不适用';

/**
 * The texts of the detail rows, each once: the workbook's shared-string table (xl/sharedStrings.xml,
 * written by `write`), with the lines each wrapped text takes. Every text is added by a first pass
 * (addAll) before any row is written.
 */
export class DetailStrings {
  private readonly index = new Map<string, number>();
  private readonly texts: string[] = [];
  /** Lines by string index, per wrapped column (0: not measured yet). */
  private readonly lines = new Map<number, Uint16Array>();
  private sealed = false;
  /**
   * Per detail row, in sheet order (ROW_INTS each): the string ids of its value, flags and trace
   * (NONE: empty), and the lines its flags and trace take.
   */
  rowIds = new Int32Array(0);

  constructor(private readonly columns: readonly ColumnSpec[]) {}

  get count(): number {
    return this.texts.length;
  }

  /** xl/sharedStrings.xml, in ASCII (non-ASCII characters as references; plain-sheet-writer.ts asciiXml). */
  async write(sink: TextSink): Promise<void> {
    const n = this.texts.length;
    let xml =
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${n}" uniqueCount="${n}">`;
    for (const t of this.texts) {
      // As exceljs writes a text: spaces at either end and line breaks kept.
      xml += `<si><t${/^\s|\n|\s$/.test(t) ? ' xml:space="preserve"' : ''}>${asciiText(t)}</t></si>`;
      if (xml.length > 1 << 16) {
        if (sink.write(xml)) await sink.drain();
        xml = '';
      }
    }
    sink.write(`${xml}</sst>`);
  }

  /** The string's index in the table. */
  id(text: string): number {
    let i = this.index.get(text);
    if (i === undefined) {
      // After addAll the table may already be written: a text it missed would point past its end.
      if (this.sealed) throw new Error(`明细文字未登记：${text.slice(0, 40)}`);
      i = this.texts.push(text) - 1;
      this.index.set(text, i);
    }
    return i;
  }

  private idOrNone(text: string): number {
    return text === '' ? NONE : this.id(text);
  }

  /** Lines the string `id` (text `t`) takes in wrapped column `col`. */
  linesOf(col: number, id: number, t: string): number {
    let a = this.lines.get(col);
    if (!a || a.length <= id) {
      const b = new Uint16Array(Math.max(1024, (id + 1) * 2));
      if (a) b.set(a);
      this.lines.set(col, (a = b));
    }
    return (a[id] ||= Math.min(0xffff, wrappedLines(t, this.columns[col]!.width)));
  }

  /**
   * Adds every text of the detail rows of `results` (a first pass, before the workbook is
   * committed) and keeps each row's string ids for the write.
   */
  addAll(results: readonly TargetResult[], ls: readonly IndicatorNode[]): void {
    for (const leaf of ls) {
      this.id(leaf.code);
      this.idOrNone(leaf.name);
      this.idOrNone(leaf.unit ?? '');
      const goal = targetValue(leaf);
      if (typeof goal === 'string') this.idOrNone(goal);
    }
    let rows = 0;
    for (const res of results) for (const leaf of ls) if (res.indicators[leaf.code]) rows++;
    const ids = new Int32Array(rows * ROW_INTS);
    let k = 0;
    for (const res of results) {
      this.id(res.target);
      this.idOrNone(res.name);
      for (const leaf of ls) {
        const ir = res.indicators[leaf.code];
        if (!ir) continue;
        const v = ir.value;
        ids[k++] = v.kind === 'label' ? this.idOrNone(v.label) : v.kind === 'na' ? this.id(NA_TEXT) : NONE;
        let lines = 1;
        let id = NONE;
        if (ir.flags.length > 0) {
          const f = flagsText(ir.flags);
          id = this.id(f);
          lines = this.linesOf(FLAGS, id, f);
        }
        ids[k++] = id;
        id = this.idOrNone(ir.trace);
        ids[k++] = id;
        if (id !== NONE) lines = Math.max(lines, this.linesOf(TRACE, id, ir.trace));
        ids[k++] = lines;
      }
    }
    this.rowIds = ids;
    this.sealed = true;
  }
}

const ascii = (s: string) => Buffer.from(s, 'latin1');

/** Per column the bytes after a cell's reference (`" s="4" t="s"><v>` … `</v></c>`), by kind of value. */
class Tails {
  /** Before a shared string's index. */
  readonly str: Buffer;
  readonly empty: Buffer;
  private readonly number: string;
  private readonly byNumber = new Map<string, Buffer>();

  constructor(textStyle: number, numberStyle: number) {
    const attr = (id: number) => (id ? ` s="${id}"` : '');
    this.str = ascii(`"${attr(textStyle)} t="s"><v>`);
    this.empty = ascii(`"${attr(textStyle)}/>`);
    this.number = attr(numberStyle);
  }

  /** A number given as its decimal text ("12.5"), written as JavaScript writes Number(text). */
  num(text: string | null): Buffer {
    if (text === null || text === '') return this.empty;
    let t = this.byNumber.get(text);
    if (t === undefined) {
      const n = Number(text);
      t = Number.isFinite(n) ? ascii(`"${this.number}><v>${n}</v></c>`) : this.empty;
      if (this.byNumber.size < 100_000) this.byNumber.set(text, t);
    }
    return t;
  }
}

/** Bytes one row takes at most: 11 cells of a reference, a style, a number or an index. */
export const MAX_ROW_BYTES = 2048;

const STR_CLOSE = ascii('</v></c>');
const ROW_CLOSE = ascii('</row>');

/**
 * The bytes between two row numbers of a row: each cell's reference ends in the row number, so a
 * row is constant pieces (`…"><c r="X`) with the row's digits between them. Pieces that do not
 * change within a target (A, B) or a leaf (C, D, G, H) are joined with the next cell's reference.
 */
interface LeafPieces {
  /** C's value, then `<c r="D`. */
  code: Buffer;
  /** D's value, then `<c r="E`. */
  name: Buffer;
  /** G's and then H's value, each followed by the next reference. */
  unit: Buffer;
  goal: Buffer;
  lines: number;
}

/** Writes the detail rows of one detail sheet (styles: [text, number] style id per column) as bytes. */
export class DetailRows {
  private readonly tails: Tails[];
  private readonly refs: Buffer[];
  private readonly leaves: LeafPieces[];
  /** `">` or a height, then `<c r="A`, by lines (1: no height). */
  private readonly heads = new Map<number, Buffer>();
  private buf: Buffer = Buffer.alloc(0);
  private off = 0;
  /** The current row number's digits, reversed, and how many. */
  private readonly rowD = new Uint8Array(16);
  private rowDigits = 0;
  private current: TargetResult | null = null;
  private targetPiece: Buffer = Buffer.alloc(0);
  private namePiece: Buffer = Buffer.alloc(0);

  constructor(
    styles: readonly (readonly [number, number])[],
    private readonly strings: DetailStrings,
    ls: readonly IndicatorNode[],
  ) {
    this.tails = styles.map(([t, n]) => new Tails(t, n));
    this.refs = Array.from({ length: COLS }, (_, i) => ascii(`<c r="${colLetter(i + 1)}`));
    this.leaves = ls.map((leaf) => this.leafPieces(leaf));
  }

  /** Column `col`'s bytes for a shared string (NONE: empty), then the reference of column `col + 1`. */
  private textPiece(col: number, id: number): Buffer {
    const t = this.tails[col]!;
    const next = this.refs[col + 1]!;
    if (id === NONE) return Buffer.concat([t.empty, next]);
    return Buffer.concat([t.str, ascii(String(id)), STR_CLOSE, next]);
  }

  private leafPieces(leaf: IndicatorNode): LeafPieces {
    const s = this.strings;
    const goal = targetValue(leaf);
    const name = leaf.name === '' ? NONE : s.id(leaf.name);
    let lines = name === NONE ? 1 : s.linesOf(LEAF, name, leaf.name);
    let goalPiece: Buffer;
    if (typeof goal === 'number') goalPiece = Buffer.concat([this.tails[GOAL]!.num(String(goal)), this.refs[SCORE]!]);
    else {
      const id = goal === '' ? NONE : s.id(goal);
      if (id !== NONE) lines = Math.max(lines, s.linesOf(GOAL, id, goal));
      goalPiece = this.textPiece(GOAL, id);
    }
    return {
      code: this.textPiece(CODE, s.id(leaf.code)),
      name: this.textPiece(LEAF, name),
      unit: this.textPiece(UNIT, leaf.unit ? s.id(leaf.unit) : NONE),
      goal: goalPiece,
      lines,
    };
  }

  private head(lines: number): Buffer {
    let h = this.heads.get(lines);
    if (!h) {
      const attrs = lines > 1 ? `" ht="${3 + LINE_HEIGHT * lines}" customHeight="1">` : '">';
      this.heads.set(lines, (h = Buffer.concat([ascii(attrs), this.refs[TARGET]!])));
    }
    return h;
  }

  private put(b: Uint8Array): void {
    const n = b.length;
    if (n > 16) {
      this.buf.set(b, this.off);
      this.off += n;
      return;
    }
    const buf = this.buf;
    let o = this.off;
    for (let i = 0; i < n; i++) buf[o++] = b[i]!;
    this.off = o;
  }

  /** The row number's digits (after a cell reference's column letter). */
  private r(): void {
    const buf = this.buf;
    const d = this.rowD;
    let o = this.off;
    for (let i = this.rowDigits - 1; i >= 0; i--) buf[o++] = d[i]!;
    this.off = o;
  }

  /** A shared string's cell after its reference (NONE: empty). */
  private str(col: number, id: number): void {
    const t = this.tails[col]!;
    if (id === NONE) return this.put(t.empty);
    this.put(t.str);
    let n = id;
    let k = 0;
    const d = DIGITS;
    do {
      d[k++] = 48 + (n % 10);
      n = (n - (n % 10)) / 10;
    } while (n > 0);
    const buf = this.buf;
    let o = this.off;
    while (k > 0) buf[o++] = d[--k]!;
    this.off = o;
    this.put(STR_CLOSE);
  }

  /**
   * Writes the `<row>` at row `r` into `buf` at `off` (room for MAX_ROW_BYTES) and returns the
   * offset after it: target `res` on leaf number `j` with result `ir`, the `k`-th detail row of all.
   */
  write(buf: Buffer, off: number, r: number, k: number, res: TargetResult, j: number, ir: IndicatorResult): number {
    this.buf = buf;
    this.off = off;
    const ids = this.strings.rowIds;
    const at = ROW_INTS * k;
    const leaf = this.leaves[j]!;
    if (res !== this.current) {
      this.current = res;
      this.targetPiece = this.textPiece(TARGET, this.strings.id(res.target));
      this.namePiece = this.textPiece(NAME, res.name === '' ? NONE : this.strings.id(res.name));
    }
    const d = this.rowD;
    let n = r;
    let nd = 0;
    do {
      d[nd++] = 48 + (n % 10);
      n = (n - (n % 10)) / 10;
    } while (n > 0);
    this.rowDigits = nd;
    const t = this.tails;
    const refs = this.refs;
    this.put(ROW_OPEN);
    this.r();
    this.put(this.head(Math.max(leaf.lines, ids[at + 3]!)));
    this.r();
    this.put(this.targetPiece);
    this.r();
    this.put(this.namePiece);
    this.r();
    this.put(leaf.code);
    this.r();
    this.put(leaf.name);
    this.r();
    this.put(t[WEIGHT]!.num(ir.weight));
    this.put(refs[VALUE]!);
    this.r();
    if (ir.value.kind === 'number') this.put(t[VALUE]!.num(ir.value.number));
    else this.str(VALUE, ids[at]!);
    this.put(refs[UNIT]!);
    this.r();
    this.put(leaf.unit);
    this.r();
    this.put(leaf.goal);
    this.r();
    this.put(t[SCORE]!.num(ir.score));
    this.put(refs[FLAGS]!);
    this.r();
    this.str(FLAGS, ids[at + 1]!);
    this.put(refs[TRACE]!);
    this.r();
    this.str(TRACE, ids[at + 2]!);
    this.put(ROW_CLOSE);
    return this.off;
  }
}

const ROW_OPEN = ascii('<row r="');
const DIGITS = new Uint8Array(16);
