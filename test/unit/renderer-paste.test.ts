import { describe, expect, it } from 'vitest';
import { parseClipboardBlock } from '../../renderer/src/lib/paste';

describe('parseClipboardBlock (a block copied from Excel/WPS)', () => {
  it('splits rows on newlines and cells on tabs, dropping the trailing newline', () => {
    expect(parseClipboardBlock('85\t90.5\r\n不适用\t\r\n')).toEqual([
      ['85', '90.5'],
      ['不适用', ''],
    ]);
  });
  it('reads quoted cells with tabs, newlines and doubled quotes inside', () => {
    expect(parseClipboardBlock('"a\tb"\t"第一行\n第二行"\t"说""好"""\n1\t2\t3')).toEqual([
      ['a\tb', '第一行\n第二行', '说"好"'],
      ['1', '2', '3'],
    ]);
  });
  it('keeps a lone quote that does not open a quoted cell', () => {
    expect(parseClipboardBlock('5"\t6')).toEqual([['5"', '6']]);
  });
  it('keeps one blank cell (clearing a value) and reads a single value', () => {
    expect(parseClipboardBlock('\n')).toEqual([['']]);
    expect(parseClipboardBlock('82.5')).toEqual([['82.5']]);
  });
});
