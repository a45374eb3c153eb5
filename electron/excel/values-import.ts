/**
 * Value workbooks (excel.md "Value workbooks"): finds the layout of each sheet (wide template or
 * long list), reads every cell through the one set of value rules (shared/values/parse.ts) and
 * returns the cells to write, or the errors that reject the file. Nothing here touches the
 * database: the service (electron/services/workbooks/value-import.ts) decides what to do with the outcome.
 */
import type { ImportIssue } from '../../shared/api/contract';
import type { IndicatorNode, Scheme, Value } from '../../shared/domain/types';
import { dec } from '../../shared/decimal';
import { numberCellToValue, parseValueText, percentFractionWarning, type ParsedValue } from '../../shared/values/parse';
import { leaves as schemeLeaves } from '../../shared/scheme/parse';
import { cellText, isPercentFormat, numberReading, readCell, type CellReading } from './cells';
import { LeafIndex, isCodeHeader, isIndicatorCodeHeader, isNameHeader, isValueHeader, looksLikeUnit } from './headers';
import { breather, throttleProgress, type ProgressHook } from './progress';
import {
  STREAM_THRESHOLD,
  loadWorkbook,
  memoryRows,
  readRows,
  type RawCell,
  type RawRow,
  type ReadOptions,
} from './reader';
import { UnsupportedXlsx, estimateRows } from './sheet-xml';
import { norm, qualified, stripUnit } from './text';

export interface ImportTarget {
  code: string;
  name: string;
}

export interface ValueCellIn {
  target: string;
  indicator: string;
  value: Value;
}

/** A filled 上年数 cell (excel.md "Last year's value"), with its place for warnings. */
export interface BaselineCellIn extends ValueCellIn {
  sheet: string;
  cell: string;
  written: string;
}

/**
 * merge (合并, the default): a blank cell says nothing, so it is not in `cells`; replace (整表替换):
 * a blank cell of a listed target (and of an indicator column the sheet has) is a `missing` cell.
 */
export type ValueImportMode = 'merge' | 'replace';

export interface ParsedValueWorkbook {
  cells: ValueCellIn[];
  /** 上年数 of growth indicators (a blank one is a `missing` cell in replace mode only). */
  baselines?: BaselineCellIn[];
  errors: ImportIssue[];
  warnings: ImportIssue[];
  /** Errors beyond MAX_ERRORS are counted, not listed. */
  moreErrors: number;
}

const MAX_ERRORS = 2000;
const BLANK: CellReading = { kind: 'blank' };

/** A cell → value through the one set of value rules (shared/values/parse.ts). */
export function cellToValue(r: CellReading, leaf: IndicatorNode): ParsedValue {
  if (r.kind === 'blank') return { ok: true, value: { kind: 'missing' } };
  if (r.kind === 'bad') return { ok: false, message: r.message };
  // 15 significant digits, as Excel shows it: no binary noise such as 0.30000000000000004.
  if (r.kind === 'number') return numberCellToValue(Number(r.n.toPrecision(15)), leaf, r.percent);
  return parseValueText(r.text, leaf);
}

/** Entries kept per leaf and kind; beyond it cells are parsed each time (bounded memory). */
const MEMO_LIMIT = 20_000;

/**
 * cellToValue remembered per leaf: the outcome depends only on the leaf and the cell's number
 * (and percent format) or text, and a column repeats few distinct values, so a province file's
 * 1.5 M cells need only thousands of exact-decimal parses. The results (and their Value objects)
 * are shared between cells and never changed.
 */
/** A header cell's text at its column. */
interface HeaderText {
  col: number;
  text: string;
}

class CellValueMemo {
  private byLeaf = new Map<IndicatorNode, LeafMemo>();

  /** The memo of one leaf (the wide layout keeps it per column, so a cell needs no leaf lookup). */
  of(leaf: IndicatorNode): LeafMemo {
    let m = this.byLeaf.get(leaf);
    if (!m) this.byLeaf.set(leaf, (m = new LeafMemo(leaf)));
    return m;
  }
}

/**
 * Numbers → memo entries, the numbers kept inline in a Float64Array (open addressing on the
 * double's bits). A Map<number> looks each key up through its boxed heap number, which a
 * province file's 1.5 M lookups pay for in cache misses (about half of the cell rules' time).
 */
const hashBits = new Float64Array(1);
const hashWords = new Uint32Array(hashBits.buffer);

export class NumberMemo<T> {
  private keys = new Float64Array(64);
  private vals: (T | undefined)[] = new Array<T | undefined>(64).fill(undefined);
  private mask = 63;
  size = 0;

  private slot(n: number): number {
    hashBits[0] = n;
    return (Math.imul(hashWords[0]! ^ Math.imul(hashWords[1]!, 0x9e3779b1), 0x85ebca6b) >>> 8) & this.mask;
  }

  get(n: number): T | undefined {
    let h = this.slot(n);
    for (;;) {
      const e = this.vals[h];
      // === on the stored double: -0 finds 0 (as a Map does), NaN finds nothing.
      if (e === undefined || this.keys[h] === n) return e;
      h = (h + 1) & this.mask;
    }
  }

  set(n: number, e: T): void {
    if (n !== n) return; // NaN is never found: not kept
    if ((this.size + 1) * 2 > this.mask) this.grow();
    let h = this.slot(n);
    while (this.vals[h] !== undefined) {
      if (this.keys[h] === n) {
        this.vals[h] = e;
        return;
      }
      h = (h + 1) & this.mask;
    }
    this.keys[h] = n;
    this.vals[h] = e;
    this.size++;
  }

  private grow(): void {
    const keys = this.keys;
    const vals = this.vals;
    const size = (this.mask + 1) * 2;
    this.keys = new Float64Array(size);
    this.vals = new Array<T | undefined>(size).fill(undefined);
    this.mask = size - 1;
    this.size = 0;
    for (let i = 0; i < vals.length; i++) if (vals[i] !== undefined) this.set(keys[i]!, vals[i]!);
  }
}

class LeafMemo {
  private plain = new NumberMemo<MemoEntry>();
  private percent = new NumberMemo<MemoEntry>();
  private text = new Map<string, MemoEntry>();
  constructor(readonly leaf: IndicatorNode) {}

  /** A number cell, without building its reading unless the number is new to this leaf. */
  number(n: number, percent: boolean): MemoEntry {
    const memo = percent ? this.percent : this.plain;
    let e = memo.get(n);
    if (!e) {
      e = entry(cellToValue(numberReading(n, percent), this.leaf), this.leaf);
      if (memo.size < MEMO_LIMIT) memo.set(n, e);
    }
    return e;
  }

  get(r: CellReading): MemoEntry {
    if (r.kind === 'number') return this.number(r.n, r.percent);
    if (r.kind !== 'text') return entry(cellToValue(r, this.leaf), this.leaf);
    let e = this.text.get(r.text);
    if (!e) {
      e = entry(cellToValue(r, this.leaf), this.leaf);
      if (this.text.size < MEMO_LIMIT) this.text.set(r.text, e);
    }
    return e;
  }
}

/** A parsed cell and whether it goes straight in (no error, no warning, not a fraction to watch). */
interface MemoEntry {
  v: ParsedValue;
  clean: boolean;
}

function entry(v: ParsedValue, leaf: IndicatorNode): MemoEntry {
  const fraction = leaf.unit === '%' && v.ok && v.value.kind === 'number' && /^0\.\d*[1-9]/.test(v.value.number);
  return { v, clean: v.ok && !v.warning && !fraction };
}

interface SheetState {
  phase: 'seek' | 'wide' | 'long';
  headerRow: number;
  codeCol: number | null;
  nameCol: number | null;
  /** Wide: column → leaf. */
  leafCols: Map<number, IndicatorNode>;
  /** Wide: the same by column number, with each leaf's memo (filled once the header is read). */
  leafAt: (WideColumn | undefined)[];
  columns: WideColumn[];
  /** Long: indicator code and value columns. */
  indicatorCol: number | null;
  valueCol: number | null;
  /** Long: the optional 上年数 column. */
  baselineCol: number | null;
  firstAfterHeader: boolean;
}

interface WideColumn {
  col: number;
  leaf: IndicatorNode;
  memo: LeafMemo;
  /** A 上年数 column of the leaf (not this year's value). */
  baseline?: boolean;
}

/**
 * A 上年数 header: "上年数" alone (for the indicator column just left of it), or an indicator's
 * code / name / "code name" with 上年数 (上年值, 上年基数) after it, bracketed or not:
 * "B1 门急诊人次增长（上年数）", "B1 上年数". Returns the text before the marker.
 */
export function baselineHeader(text: string): string | null {
  const re = /^(.*?)[\s\-—_·:：]*[([【]?\s*上年(?:数|值|基数)\s*[)\]】]?$/;
  // "上年数（人次）": a unit in brackets may follow the marker.
  const m = re.exec(norm(text)) ?? re.exec(stripUnit(text));
  return m ? m[1]!.trim() : null;
}

/** A bare fraction in a `%` column, checked against the whole column once it is read. */
interface FractionCandidate {
  leaf: IndicatorNode;
  value: Value;
  issue: ImportIssue;
}

export class ValueWorkbookParser {
  private index: LeafIndex;
  private targetsByCode = new Map<string, ImportTarget>();
  private targetsByFoldedCode = new Map<string, ImportTarget | 'ambiguous'>();
  private targetsByName = new Map<string, ImportTarget[]>();
  private seenTargets = new Map<string, string>();
  /** Long: target + indicator → the place of its row's indicator cell. */
  private seenPairs = new Map<string, { sheet: string; cell: string }>();
  private sheets = new Map<string, SheetState>();
  private sheetOrder: string[] = [];
  private fractions: FractionCandidate[] = [];
  private memo = new CellValueMemo();
  readonly out: ParsedValueWorkbook = { cells: [], baselines: [], errors: [], warnings: [], moreErrors: 0 };
  private readonly replace: boolean;

  constructor(scheme: Scheme, targets: ImportTarget[], mode: ValueImportMode = 'merge') {
    this.replace = mode === 'replace';
    this.index = new LeafIndex(schemeLeaves(scheme));
    for (const t of targets) {
      this.targetsByCode.set(norm(t.code), t);
      const f = norm(t.code).toUpperCase();
      this.targetsByFoldedCode.set(f, this.targetsByFoldedCode.has(f) ? 'ambiguous' : t);
      const n = norm(t.name);
      this.targetsByName.set(n, [...(this.targetsByName.get(n) ?? []), t]);
    }
  }

  private error(issue: ImportIssue): void {
    if (this.out.errors.length < MAX_ERRORS) this.out.errors.push(issue);
    else this.out.moreErrors++;
  }

  private warn(issue: ImportIssue): void {
    if (this.out.warnings.length < MAX_ERRORS) this.out.warnings.push(issue);
  }

  private state(sheet: string): SheetState {
    let s = this.sheets.get(sheet);
    if (!s) {
      s = {
        phase: 'seek',
        headerRow: 0,
        codeCol: null,
        nameCol: null,
        leafCols: new Map(),
        leafAt: [],
        columns: [],
        indicatorCol: null,
        valueCol: null,
        baselineCol: null,
        firstAfterHeader: false,
      };
      this.sheets.set(sheet, s);
      this.sheetOrder.push(sheet);
    }
    return s;
  }

  row(raw: RawRow): void {
    const s = this.state(raw.sheet);
    if (s.phase === 'seek') this.seekHeader(raw, s);
    else if (s.phase === 'wide') this.wideRow(raw, s);
    else this.longRow(raw, s);
  }

  private seekHeader(raw: RawRow, s: SheetState): void {
    const texts: HeaderText[] = raw.cells.map((c) => ({
      col: c.col,
      text: typeof c.value === 'number' ? '' : cellText(c.value),
    }));
    const code = texts.find((t) => isCodeHeader(t.text));
    const name = texts.find((t) => isNameHeader(t.text));
    if (!code && !name) return; // title rows, notes, blank lines above the header
    s.headerRow = raw.row;
    s.codeCol = code?.col ?? null;
    s.nameCol = name?.col ?? null;
    s.firstAfterHeader = true;
    const ind = texts.find((t) => isIndicatorCodeHeader(t.text));
    const val = texts.find((t) => isValueHeader(t.text));
    if (code && ind && val) {
      s.phase = 'long';
      s.indicatorCol = ind.col;
      s.valueCol = val.col;
      s.baselineCol = texts.find((t) => baselineHeader(t.text) === '')?.col ?? null;
      return;
    }
    s.phase = 'wide';
    this.wideHeader(raw, s, texts);
  }

  /** A wide sheet's header row: which column holds which indicator, and which its 上年数. */
  private wideHeader(raw: RawRow, s: SheetState, texts: HeaderText[]): void {
    const seenLeaf = new Map<string, number>();
    const baselineCols = new Map<number, IndicatorNode>();
    let left: { col: number; leaf: IndicatorNode } | null = null;
    for (const t of [...texts].sort((a, b) => a.col - b.col)) {
      if (t.col === s.codeCol || t.col === s.nameCol || !t.text.trim()) continue;
      const before = baselineHeader(t.text);
      if (before !== null) {
        this.baselineColumn(raw, t, before, left, baselineCols);
        left = null;
      } else left = this.indicatorColumn(raw, s, t, seenLeaf);
    }
    for (const [col, leaf] of s.leafCols) {
      const k = { col, leaf, memo: this.memo.of(leaf) };
      s.columns.push(k);
      s.leafAt[col] = k;
    }
    for (const [col, leaf] of baselineCols) {
      const k = { col, leaf, memo: this.memo.of(leaf), baseline: true };
      s.columns.push(k);
      s.leafAt[col] = k;
    }
    if (s.leafCols.size === 0) {
      this.error({
        sheet: raw.sheet,
        cell: qualified(raw.sheet, raw.row, s.codeCol ?? s.nameCol ?? 1),
        target: '',
        indicator: '',
        value: '',
        message: '表头行中没有找到任何指标列：列标题应为指标编码、指标名称或“编码 名称”（如“A1 高血压患者规范管理率”）',
      });
    }
  }

  /** A 上年数 column of a wide header: of the column just left of it, or of the indicator it names. */
  private baselineColumn(
    raw: RawRow,
    t: HeaderText,
    before: string,
    left: { col: number; leaf: IndicatorNode } | null,
    seen: Map<number, IndicatorNode>,
  ): void {
    const where = qualified(raw.sheet, raw.row, t.col);
    const named = before ? this.index.match(before) : null;
    const leaf = before
      ? named && named !== 'ambiguous'
        ? named.leaf
        : null
      : left && left.col === t.col - 1
        ? left.leaf
        : null;
    if (!leaf) {
      this.warn({
        sheet: raw.sheet,
        cell: where,
        target: '',
        indicator: '',
        value: t.text,
        message: `列“${t.text}”是上年数，但找不到它属于哪个指标（应紧挨在该指标列的右边，或写成“指标编码 指标名称（上年数）”），已忽略`,
      });
    } else if (leaf.method?.type !== 'growth') {
      this.warn({
        sheet: raw.sheet,
        cell: where,
        target: '',
        indicator: leaf.code,
        value: t.text,
        message: `指标 ${leaf.code} ${leaf.name} 不是增长率指标，不需要上年数，该列已忽略`,
      });
    } else if ([...seen.values()].some((l) => l.code === leaf.code)) {
      this.error({
        sheet: raw.sheet,
        cell: where,
        target: '',
        indicator: leaf.code,
        value: t.text,
        message: `指标 ${leaf.code} ${leaf.name} 的上年数列重复出现`,
      });
    } else {
      seen.set(t.col, leaf);
    }
  }

  /** An indicator column of a wide header; returns it as the column a 上年数 column to its right belongs to. */
  private indicatorColumn(
    raw: RawRow,
    s: SheetState,
    t: HeaderText,
    seenLeaf: Map<string, number>,
  ): { col: number; leaf: IndicatorNode } | null {
    const where = qualified(raw.sheet, raw.row, t.col);
    const m = this.index.match(t.text);
    const left = m && m !== 'ambiguous' ? { col: t.col, leaf: m.leaf } : null;
    if (m === 'ambiguous') {
      this.error({
        sheet: raw.sheet,
        cell: where,
        target: '',
        indicator: '',
        value: t.text,
        message: `列标题“${t.text}”与多个指标同名，无法确定是哪一个指标（请在标题中写上指标编码）`,
      });
    } else if (m === null) {
      this.warn({
        sheet: raw.sheet,
        cell: where,
        target: '',
        indicator: '',
        value: t.text,
        message: `列“${t.text}”不是本方案的指标，已忽略`,
      });
    } else {
      const prev = seenLeaf.get(m.leaf.code);
      if (prev !== undefined) {
        this.error({
          sheet: raw.sheet,
          cell: where,
          target: '',
          indicator: m.leaf.code,
          value: t.text,
          message: `指标 ${m.leaf.code} ${m.leaf.name} 的列重复出现（另见 ${qualified(raw.sheet, raw.row, prev)}）`,
        });
        return left;
      }
      seenLeaf.set(m.leaf.code, t.col);
      s.leafCols.set(t.col, m.leaf);
      if (m.nameDiffers) {
        this.warn({
          sheet: raw.sheet,
          cell: where,
          target: '',
          indicator: m.leaf.code,
          value: t.text,
          message: `列标题的名称与方案中的指标名称“${m.leaf.name}”不一致，已按编码 ${m.leaf.code} 读取`,
        });
      }
    }
    return left;
  }

  private cellAt(raw: RawRow, col: number | null): RawCell | undefined {
    if (col === null) return undefined;
    return raw.cells.find((c) => c.col === col);
  }

  /** The target a row is about, or null after reporting why not. */
  private resolveTarget(raw: RawRow, s: SheetState, report = true): ImportTarget | null | 'skip' {
    const error = (i: ImportIssue) => {
      if (report) this.error(i);
    };
    const codeCell = this.cellAt(raw, s.codeCol);
    const nameCell = this.cellAt(raw, s.nameCol);
    const code = norm(codeCell ? cellText(codeCell.value) : '');
    const name = norm(nameCell ? cellText(nameCell.value) : '');
    const codeWhere = qualified(raw.sheet, raw.row, s.codeCol ?? s.nameCol ?? 1);
    if (code) {
      const t = this.targetsByCode.get(code) ?? this.foldedTarget(code);
      if (!t) {
        error({
          sheet: raw.sheet,
          cell: codeWhere,
          target: code,
          indicator: '',
          value: code,
          message: `对象编码“${code}”不是本方案的考核对象（应为已登记、在用且类型与方案相符的对象编码）`,
        });
        return null;
      }
      if (name && name !== norm(t.name)) {
        if (report)
          this.warn({
            sheet: raw.sheet,
            cell: qualified(raw.sheet, raw.row, s.nameCol!),
            target: t.code,
            indicator: '',
            value: name,
            message: `对象名称“${name}”与登记的名称“${t.name}”不一致，已按编码 ${t.code} 读取`,
          });
      }
      return t;
    }
    if (name) {
      const where = qualified(raw.sheet, raw.row, s.nameCol!);
      const found = this.targetsByName.get(name) ?? [];
      if (found.length === 1) return found[0];
      if (found.length > 1) {
        error({
          sheet: raw.sheet,
          cell: where,
          target: '',
          indicator: '',
          value: name,
          message: `对象名称“${name}”对应多个考核对象（${found.map((t) => t.code).join('、')}），请增加“对象编码”列`,
        });
      } else {
        error({
          sheet: raw.sheet,
          cell: where,
          target: '',
          indicator: '',
          value: name,
          message: `对象名称“${name}”不是本方案的考核对象（应与登记的对象名称完全一致）`,
        });
      }
      return null;
    }
    return 'skip';
  }

  private foldedTarget(code: string): ImportTarget | undefined {
    const t = this.targetsByFoldedCode.get(code.toUpperCase());
    return t === 'ambiguous' ? undefined : t;
  }

  private wideRow(raw: RawRow, s: SheetState): void {
    // The row's filled cells by column (an array, not a Map: a province file has 1.5 M cells);
    // blanks (and spaces-only text) count as not filled. Numbers need no reading here.
    const byCol: (RawCell | undefined)[] = [];
    const readings: (CellReading | undefined)[] = [];
    const valueCells: RawCell[] = [];
    for (const c of raw.cells) {
      if (s.leafAt[c.col] === undefined) continue;
      if (typeof c.value !== 'number') {
        const r = readCell(c.value, c.numFmt);
        if (r.kind === 'blank') continue;
        readings[c.col] = r;
      }
      byCol[c.col] = c;
      valueCells.push(c);
    }
    const first = s.firstAfterHeader;
    s.firstAfterHeader = false;
    const codeCell = this.cellAt(raw, s.codeCol);
    const nameCell = this.cellAt(raw, s.nameCol);
    const hasKey = !!(codeCell && cellText(codeCell.value).trim()) || !!(nameCell && cellText(nameCell.value).trim());
    // The optional units row right under the header: no target (or just “单位”), only unit texts.
    const keyText = () =>
      norm(`${codeCell ? cellText(codeCell.value) : ''}${nameCell ? cellText(nameCell.value) : ''}`);
    if (
      first &&
      (!hasKey || /^(计量)?单位[:：]?$/.test(keyText())) &&
      valueCells.every((c) => typeof c.value === 'string' && looksLikeUnit(c.value, s.leafAt[c.col]!.leaf.unit))
    ) {
      return;
    }
    if (!hasKey) {
      if (valueCells.length) {
        const c = valueCells[0];
        this.error({
          sheet: raw.sheet,
          cell: qualified(raw.sheet, raw.row, s.codeCol ?? s.nameCol ?? c.col),
          target: '',
          indicator: '',
          value: '',
          message: `第 ${raw.row} 行填了指标值，但没有对象编码或对象名称`,
        });
      }
      return;
    }
    // An unknown code on a row without any value is a note line ("填表人：…"), not data.
    const target = this.resolveTarget(raw, s, valueCells.length > 0);
    if (target === null || target === 'skip') return;
    const here = qualified(raw.sheet, raw.row, s.codeCol ?? s.nameCol!);
    const before = this.seenTargets.get(target.code);
    if (before) {
      this.error({
        sheet: raw.sheet,
        cell: here,
        target: target.code,
        indicator: '',
        value: target.code,
        message: `对象 ${target.code} ${target.name} 在文件中出现了两次（另见 ${before}）`,
      });
      return;
    }
    this.seenTargets.set(target.code, here);
    if (valueCells.length === 0) {
      const message = this.replace
        ? `对象 ${target.code} ${target.name} 没有填写任何指标值：整表替换将清空它在表中各指标列的已存值`
        : `对象 ${target.code} ${target.name} 没有填写任何指标值，已跳过`;
      this.warn({ sheet: raw.sheet, cell: here, target: target.code, indicator: '', value: '', message });
      if (!this.replace) return;
    }
    for (const k of s.columns) {
      const c = byCol[k.col];
      // Merge: a blank cell does not mention its value (excel.md "Import semantics").
      if (c === undefined && !this.replace) continue;
      if (k.baseline) {
        this.takeBaseline(
          raw.sheet,
          raw.row,
          k.col,
          target,
          k.leaf,
          c === undefined ? BLANK : (readings[k.col] ?? readCell(c.value, c.numFmt)),
          k.memo,
        );
        continue;
      }
      if (c !== undefined && typeof c.value === 'number') {
        // The common case, straight from the memo: a number this column has seen, clean.
        const e = k.memo.number(c.value, isPercentFormat(c.numFmt));
        if (e.clean && e.v.ok) {
          this.out.cells.push({ target: target.code, indicator: k.leaf.code, value: e.v.value });
          continue;
        }
      }
      const r = c === undefined ? BLANK : (readings[k.col] ?? readCell(c.value, c.numFmt));
      this.take(raw.sheet, raw.row, k.col, target, k.leaf, r, k.memo);
    }
  }

  private longRow(raw: RawRow, s: SheetState): void {
    const codeCell = this.cellAt(raw, s.codeCol);
    const indCell = this.cellAt(raw, s.indicatorCol);
    const valCell = this.cellAt(raw, s.valueCol);
    const code = norm(codeCell ? cellText(codeCell.value) : '');
    const ind = norm(indCell ? cellText(indCell.value) : '');
    if (!code && !ind) return;
    const target = this.resolveTarget(raw, s);
    if (target === null || target === 'skip') {
      if (target === 'skip') {
        this.error({
          sheet: raw.sheet,
          cell: qualified(raw.sheet, raw.row, s.codeCol!),
          target: '',
          indicator: ind,
          value: '',
          message: `第 ${raw.row} 行缺少对象编码`,
        });
      }
      return;
    }
    const indWhere = qualified(raw.sheet, raw.row, s.indicatorCol!);
    const leaf = ind ? (this.index.byCodeText(ind) ?? matchLeaf(this.index, ind)) : undefined;
    if (!leaf) {
      this.error({
        sheet: raw.sheet,
        cell: indWhere,
        target: target.code,
        indicator: ind,
        value: ind,
        message: ind ? `指标编码“${ind}”不是本方案的末级指标` : '缺少指标编码',
      });
      return;
    }
    const pair = `${target.code}\u0000${leaf.code}`;
    if (this.seenPairs.has(pair)) {
      this.error({
        sheet: raw.sheet,
        cell: qualified(raw.sheet, raw.row, s.codeCol!),
        target: target.code,
        indicator: leaf.code,
        value: target.code,
        message: `对象 ${target.code} 的指标 ${leaf.code} 在文件中出现了两次`,
      });
      return;
    }
    this.seenPairs.set(pair, { sheet: raw.sheet, cell: qualified(raw.sheet, raw.row, s.indicatorCol!) });
    const r: CellReading = valCell ? readCell(valCell.value, valCell.numFmt) : BLANK;
    if (r.kind !== 'blank' || this.replace) this.take(raw.sheet, raw.row, s.valueCol!, target, leaf, r);
    if (s.baselineCol !== null) {
      const bc = this.cellAt(raw, s.baselineCol);
      const br: CellReading = bc ? readCell(bc.value, bc.numFmt) : BLANK;
      if (br.kind !== 'blank' || this.replace) {
        if (leaf.method?.type === 'growth')
          this.takeBaseline(raw.sheet, raw.row, s.baselineCol, target, leaf, br, this.memo.of(leaf));
        else if (br.kind !== 'blank')
          this.warn({
            sheet: raw.sheet,
            cell: qualified(raw.sheet, raw.row, s.baselineCol),
            target: target.code,
            indicator: leaf.code,
            value: br.written,
            message: `指标 ${leaf.code} ${leaf.name} 不是增长率指标，不需要上年数，已忽略`,
          });
      }
    }
  }

  /** A 上年数 cell: the same value rules as this year's cell (a number or N/A; blank = missing). */
  private takeBaseline(
    sheet: string,
    row: number,
    col: number,
    target: ImportTarget,
    leaf: IndicatorNode,
    r: CellReading,
    memo: LeafMemo,
  ): void {
    const { v } = memo.get(r);
    const where = qualified(sheet, row, col);
    const written = r.kind === 'blank' ? '' : r.written;
    if (!v.ok) {
      this.error({
        sheet,
        cell: where,
        target: target.code,
        indicator: leaf.code,
        value: written,
        message: `${leaf.code} ${leaf.name} 上年数：${v.message}`,
      });
      return;
    }
    if (v.warning)
      this.warn({
        sheet,
        cell: where,
        target: target.code,
        indicator: leaf.code,
        value: written,
        message: `上年数：${v.warning}`,
      });
    this.out.baselines!.push({
      target: target.code,
      indicator: leaf.code,
      value: v.value,
      sheet,
      cell: where,
      written,
    });
  }

  private take(
    sheet: string,
    row: number,
    col: number,
    target: ImportTarget,
    leaf: IndicatorNode,
    r: CellReading,
    memo = this.memo.of(leaf),
  ): void {
    const { v, clean } = memo.get(r);
    if (clean && v.ok) {
      this.out.cells.push({ target: target.code, indicator: leaf.code, value: v.value });
      return;
    }
    // Places are only spelt out when something is said about the cell.
    const where = qualified(sheet, row, col);
    const written = r.kind === 'blank' ? '' : r.written;
    if (!v.ok) {
      this.error({
        sheet,
        cell: where,
        target: target.code,
        indicator: leaf.code,
        value: written,
        message: `${leaf.code} ${leaf.name}：${v.message}`,
      });
      return;
    }
    if (v.warning)
      this.warn({ sheet, cell: where, target: target.code, indicator: leaf.code, value: written, message: v.warning });
    if (leaf.unit === '%')
      this.watchFraction(leaf, v.value, r, {
        sheet,
        cell: where,
        target: target.code,
        indicator: leaf.code,
        value: written,
        message: '',
      });
    this.out.cells.push({ target: target.code, indicator: leaf.code, value: v.value });
  }

  private watchFraction(leaf: IndicatorNode, value: Value, r: CellReading, issue: ImportIssue): void {
    // Only a bare fraction is suspicious; "85%" or a percent-formatted cell was meant as written.
    const bare = r.kind === 'number' ? !r.percent : r.kind === 'text' ? !/[%％]/.test(r.text) : false;
    if (bare && value.kind === 'number' && dec(value.number).gt(0) && dec(value.number).lt(1))
      this.fractions.push({ leaf, value, issue });
  }

  /**
   * A cell named by both a wide sheet and a long one (each sheet checks its own repeats): an error
   * at the long row, as the write would refuse it without a place. Only a workbook of both layouts
   * pays for the pass.
   */
  private crossLayoutRepeats(): void {
    if (this.seenPairs.size === 0 || this.seenTargets.size === 0) return;
    const seen = new Set<string>();
    for (const c of this.out.cells) {
      if (!this.seenTargets.has(c.target)) continue;
      const pair = `${c.target}\u0000${c.indicator}`;
      if (!seen.has(pair)) {
        seen.add(pair);
        continue;
      }
      const where = this.seenPairs.get(pair);
      this.error({
        sheet: where?.sheet ?? '',
        cell: where?.cell ?? '',
        target: c.target,
        indicator: c.indicator,
        value: c.indicator,
        message: `对象 ${c.target} 的指标 ${c.indicator} 在文件中出现了两次（另见 ${this.seenTargets.get(c.target)} 所在行）`,
      });
    }
  }

  /** After the last row: sheets without a header, and the "0.85 可能应为 85%" warnings. */
  finish(): ParsedValueWorkbook {
    this.crossLayoutRepeats();
    const found = [...this.sheets.values()].some((s) => s.phase !== 'seek');
    if (!found) {
      const sheet = this.sheetOrder[0] ?? '';
      this.error({
        sheet,
        cell: sheet ? qualified(sheet, 1, 1) : '',
        target: '',
        indicator: '',
        value: '',
        message: '没有找到表头行：表头行应包含“对象编码”或“对象名称”，以及指标列（指标编码、指标名称或“编码 名称”）',
      });
    }
    if (this.fractions.length) {
      const columns = new Map<string, Value[]>();
      for (const f of this.fractions) columns.set(f.leaf.code, []);
      for (const c of this.out.cells) columns.get(c.indicator)?.push(c.value);
      for (const f of this.fractions) {
        const w = percentFractionWarning(f.value, f.leaf, columns.get(f.leaf.code)!);
        if (w) this.warn({ ...f.issue, message: `${w}（该列其他值大多大于 1；百分比指标请填百分数）` });
      }
    }
    if (this.out.moreErrors) {
      this.out.errors.push({
        sheet: '',
        cell: '',
        target: '',
        indicator: '',
        value: '',
        message: `另有 ${this.out.moreErrors} 处错误未逐一列出`,
      });
    }
    return this.out;
  }
}

function matchLeaf(index: LeafIndex, text: string): IndicatorNode | undefined {
  const m = index.match(text);
  return m && m !== 'ambiguous' ? m.leaf : undefined;
}

export async function parseValueWorkbook(
  bytes: Buffer,
  scheme: Scheme,
  targets: ImportTarget[],
  opts: ReadOptions & { mode?: ValueImportMode } = {},
  onProgress?: ProgressHook,
): Promise<ParsedValueWorkbook> {
  try {
    return await parseWith(bytes, scheme, targets, opts, onProgress);
  } catch (e) {
    // The lean reader gave up part-way through: read the whole file again with exceljs.
    if (!(e instanceof UnsupportedXlsx)) throw e;
    return parseWith(bytes, scheme, targets, { ...opts, reader: 'exceljs' }, onProgress);
  }
}

async function parseWith(
  bytes: Buffer,
  scheme: Scheme,
  targets: ImportTarget[],
  opts: ReadOptions & { mode?: ValueImportMode },
  onProgress?: ProgressHook,
): Promise<ParsedValueWorkbook> {
  const parser = new ValueWorkbookParser(scheme, targets, opts.mode);
  const report = throttleProgress(onProgress);
  if (!report) {
    for await (const row of readRows(bytes, opts)) parser.row(row);
    return parser.finish();
  }
  // The total: the sheets' own row span for the lean reader (an estimate, see estimateRows), the
  // row count of the loaded workbook for exceljs's whole-workbook reader; exceljs's streaming
  // reader learns it at the end.
  report({ stage: '读取工作簿', done: 0, total: 0 });
  const reader = opts.reader ?? 'lean';
  const whole = reader === 'exceljs' && bytes.length <= STREAM_THRESHOLD;
  let rows: AsyncIterable<RawRow>;
  let total = 0;
  if (whole) {
    const wb = await loadWorkbook(bytes);
    for (const ws of wb.worksheets) if (ws.state !== 'hidden' && ws.state !== 'veryHidden') total += ws.actualRowCount;
    rows = memoryRows(wb);
  } else {
    if (reader === 'lean') total = await estimateRows(bytes);
    rows = readRows(bytes, opts);
  }
  const stage = whole ? '校验' : '读取并校验';
  let done = 0;
  const breathe = breather();
  for await (const row of rows) {
    parser.row(row);
    done++;
    // An estimate that falls short turns into "not known" rather than a bar past its end.
    report({ stage, done, total: done < total ? total : 0 });
    const pause = breathe();
    if (pause) await pause;
  }
  report({ stage, done, total: done });
  return parser.finish();
}
