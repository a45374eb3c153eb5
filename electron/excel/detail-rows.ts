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
  /** Per detail row, in sheet order: the string ids of its value, flags and trace (NONE: empty). */
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

  /** Lines the string `id` (text `t`, or a function giving it) takes in wrapped column `col`. */
  linesOf(col: number, id: number, t: string | (() => string)): number {
    let a = this.lines.get(col);
    if (!a || a.length <= id) {
      const b = new Uint16Array(Math.max(1024, (id + 1) * 2));
      if (a) b.set(a);
      this.lines.set(col, (a = b));
    }
    return (a[id] ||= Math.min(0xffff, wrappedLines(typeof t === 'string' ? t : t(), this.columns[col]!.width)));
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
    const ids = new Int32Array(rows * 3);
    let k = 0;
    for (const res of results) {
      this.id(res.target);
      this.idOrNone(res.name);
      for (const leaf of ls) {
        const ir = res.indicators[leaf.code];
        if (!ir) continue;
        const v = ir.value;
        ids[k++] = v.kind === 'label' ? this.idOrNone(v.label) : v.kind === 'na' ? this.id(NA_TEXT) : NONE;
        ids[k++] = ir.flags.length > 0 ? this.idOrNone(flagsText(ir.flags)) : NONE;
        ids[k++] = this.idOrNone(ir.trace);
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

const ROW_OPEN = ascii('<row r="');
const ROW_PLAIN = ascii('">');
const ROW_CLOSE = ascii('</row>');
const STR_CLOSE = ascii('</v></c>');

/** Bytes one row takes at most: 11 cells of a reference, a style, a number or an index. */
export const MAX_ROW_BYTES = 2048;

/** A leaf's cells that are the same on every row (code, name, unit, target value) and its lines. */
interface LeafCells {
  code: number;
  name: number;
  unit: number;
  goal: number | Buffer;
  lines: number;
}

/** Writes the detail rows of one detail sheet (styles: [text, number] style id per column) as bytes. */
export class DetailRows {
  private readonly tails: Tails[];
  private readonly refs: Buffer[];
  private readonly leaves: LeafCells[];
  private readonly heights = new Map<number, Buffer>();
  private buf: Buffer = Buffer.alloc(0);
  private off = 0;
  /** Scratch for an integer's digits. */
  private readonly digits = new Uint8Array(16);
  /** The current row number's digits, reversed, and how many. */
  private readonly rowD = new Uint8Array(16);
  private rowDigits = 0;
  private current: TargetResult | null = null;
  private targetId = NONE;
  private nameId = NONE;

  constructor(
    styles: readonly (readonly [number, number])[],
    private readonly strings: DetailStrings,
    ls: readonly IndicatorNode[],
  ) {
    this.tails = styles.map(([t, n]) => new Tails(t, n));
    this.refs = Array.from({ length: COLS }, (_, i) => ascii(`<c r="${colLetter(i + 1)}`));
    this.leaves = ls.map((leaf) => this.leafCells(leaf));
  }

  private leafCells(leaf: IndicatorNode): LeafCells {
    const s = this.strings;
    const goal = targetValue(leaf);
    const name = leaf.name === '' ? NONE : s.id(leaf.name);
    let lines = name === NONE ? 1 : s.linesOf(LEAF, name, leaf.name);
    let goalCell: number | Buffer = NONE;
    if (typeof goal === 'number') goalCell = this.tails[GOAL]!.num(String(goal));
    else if (goal !== '') {
      goalCell = s.id(goal);
      lines = Math.max(lines, s.linesOf(GOAL, goalCell, goal));
    }
    return { code: s.id(leaf.code), name, unit: leaf.unit ? s.id(leaf.unit) : NONE, goal: goalCell, lines };
  }

  private put(b: Uint8Array): void {
    const buf = this.buf;
    let o = this.off;
    for (let i = 0; i < b.length; i++) buf[o++] = b[i]!;
    this.off = o;
  }

  /** A non-negative integer's digits. */
  private int(n: number): void {
    const d = this.digits;
    let k = 0;
    do {
      d[k++] = 48 + (n % 10);
      n = Math.floor(n / 10);
    } while (n > 0);
    const buf = this.buf;
    let o = this.off;
    while (k > 0) buf[o++] = d[--k]!;
    this.off = o;
  }

  /** `<c r="X123` — the row number's digits are kept from the row's start. */
  private ref(col: number): void {
    this.put(this.refs[col]!);
    const buf = this.buf;
    const d = this.rowD;
    let o = this.off;
    for (let i = this.rowDigits - 1; i >= 0; i--) buf[o++] = d[i]!;
    this.off = o;
  }

  private text(col: number, id: number): void {
    this.ref(col);
    const t = this.tails[col]!;
    if (id === NONE) return this.put(t.empty);
    this.put(t.str);
    this.int(id);
    this.put(STR_CLOSE);
  }

  private bytes(col: number, b: Buffer): void {
    this.ref(col);
    this.put(b);
  }

  private height(lines: number): Buffer {
    let h = this.heights.get(lines);
    if (!h) this.heights.set(lines, (h = ascii(`" ht="${3 + LINE_HEIGHT * lines}" customHeight="1">`)));
    return h;
  }

  /**
   * Writes the `<row>` at row `r` into `buf` at `off` (room for MAX_ROW_BYTES) and returns the
   * offset after it: target `res` on leaf number `j` with result `ir`, the `k`-th detail row of all.
   */
  write(buf: Buffer, off: number, r: number, k: number, res: TargetResult, j: number, ir: IndicatorResult): number {
    this.buf = buf;
    this.off = off;
    const s = this.strings;
    const ids = s.rowIds;
    const leaf = this.leaves[j]!;
    const valueId = ids[3 * k]!;
    const flagsId = ids[3 * k + 1]!;
    const traceId = ids[3 * k + 2]!;
    let lines = leaf.lines;
    if (flagsId !== NONE)
      lines = Math.max(
        lines,
        s.linesOf(FLAGS, flagsId, () => flagsText(ir.flags)),
      );
    if (traceId !== NONE) lines = Math.max(lines, s.linesOf(TRACE, traceId, ir.trace));
    // The row number's digits, reversed, for every cell reference.
    const d = this.rowD;
    let n = r;
    let nd = 0;
    do {
      d[nd++] = 48 + (n % 10);
      n = Math.floor(n / 10);
    } while (n > 0);
    this.rowDigits = nd;
    this.put(ROW_OPEN);
    for (let i = nd - 1; i >= 0; i--) this.buf[this.off++] = d[i]!;
    this.put(lines > 1 ? this.height(lines) : ROW_PLAIN);
    const t = this.tails;
    if (res !== this.current) {
      this.current = res;
      this.targetId = s.id(res.target);
      this.nameId = res.name === '' ? NONE : s.id(res.name);
    }
    this.text(TARGET, this.targetId);
    this.text(NAME, this.nameId);
    this.text(CODE, leaf.code);
    this.text(LEAF, leaf.name);
    this.bytes(WEIGHT, t[WEIGHT]!.num(ir.weight));
    if (ir.value.kind === 'number') this.bytes(VALUE, t[VALUE]!.num(ir.value.number));
    else this.text(VALUE, valueId);
    this.text(UNIT, leaf.unit);
    if (typeof leaf.goal === 'number') this.text(GOAL, leaf.goal);
    else this.bytes(GOAL, leaf.goal);
    this.bytes(SCORE, t[SCORE]!.num(ir.score));
    this.text(FLAGS, flagsId);
    this.text(TRACE, traceId);
    this.put(ROW_CLOSE);
    return this.off;
  }
}
