/**
 * The value import's words (renderer/src/pages/value-import/importText.ts): the preview's verdict in
 * each mode, a rejected workbook read back from its error, and the 导入记录 rows.
 */
import { describe, expect, it } from 'vitest';
import type { ImportOutcome, ImportRecord } from '../../shared/api/contract';
import {
  countsText,
  importRowText,
  previewSummary,
  rejectedOutcome,
  undoText,
} from '../../renderer/src/pages/value-import/importText';
import { formatTime } from '../../renderer/src/lib/format';

const issue = { sheet: '采集表', cell: 'D5', message: '不是数字' } as unknown as ImportOutcome['errors'][number];
const counts = { new: 1, changed: 5, unchanged: 7, cleared: 2 };

describe('the preview verdict', () => {
  it('merge mode says nothing of clearing; replace mode counts it', () => {
    expect(countsText(counts, 'merge')).toBe('新增 1 个值、修改 5 个、不变 7 个');
    expect(countsText(counts, 'replace')).toBe('新增 1 个值、修改 5 个、不变 7 个、清空 2 个');
  });
  it('a clean workbook: what will be written, baselines and hints when any', () => {
    const o: ImportOutcome = { importId: null, written: 0, errors: [], warnings: [], counts };
    expect(previewSummary(o, 'merge')).toEqual({
      ok: true,
      text: '检查通过：将新增 1 个值、修改 5 个、不变 7 个。确认后才会写入。',
    });
    const more = { ...o, warnings: [issue, issue], baselines: { new: 3, changed: 0, unchanged: 4, cleared: 1 } };
    expect(previewSummary(more, 'replace').text).toBe(
      '检查通过：将新增 1 个值、修改 5 个、不变 7 个、清空 2 个；上年数新增 3、修改 0、清空 1，另有 2 条提示。确认后才会写入。',
    );
    const noBaselineChange = { ...o, baselines: { new: 0, changed: 0, unchanged: 9, cleared: 0 } };
    expect(previewSummary(noBaselineChange, 'merge').text).not.toContain('上年数');
    const onlyCleared = { ...o, baselines: { new: 0, changed: 0, unchanged: 9, cleared: 2 } };
    expect(previewSummary(onlyCleared, 'replace').text).toContain('；上年数新增 0、修改 0、清空 2。');
  });
  it('a workbook with errors writes nothing and says how many', () => {
    const o: ImportOutcome = { importId: null, written: 0, errors: [issue, issue, issue], warnings: [], counts };
    const s = previewSummary(o, 'merge');
    expect(s.ok).toBe(false);
    expect(s.text).toMatch(/^发现 3 处错误，整个文件未写入任何数据/);
  });
});

describe('a rejected workbook', () => {
  it('comes back as an error carrying its cells, read as an outcome', () => {
    expect(rejectedOutcome({ code: 'INPUT', errors: [issue] })).toEqual({
      importId: null,
      written: 0,
      errors: [issue],
      warnings: [],
    });
  });
  it('any other failure is not an outcome', () => {
    expect(rejectedOutcome(new Error('网络中断'))).toBeNull();
    expect(rejectedOutcome({ errors: [] })).toBeNull();
    expect(rejectedOutcome(null)).toBeNull();
  });
});

describe('the import list', () => {
  const rec = (over: Partial<ImportRecord> = {}): ImportRecord => ({
    id: 4,
    kind: 'values',
    fileName: '城关镇.xlsx',
    sha256: 'x',
    at: '2024-06-01T02:00:00Z',
    who: '李四',
    year: 2024,
    scheme: 'TC',
    status: 'imported',
    written: 12,
    counts,
    mode: 'replace',
    errors: 0,
    undoneAt: null,
    undoneBy: null,
    ...over,
  });
  it('an import in force can be undone', () => {
    expect(importRowText(rec())).toEqual({
      at: formatTime('2024-06-01T02:00:00Z'),
      mode: '整表替换',
      status: '已导入',
      counts: { new: '1', changed: '5', cleared: '2' },
      undoable: true,
    });
  });
  it('an undone one says when, an old one without mode or counts shows blanks', () => {
    const r = importRowText(rec({ status: 'undone', undoneAt: '2024-06-02T03:00:00Z', mode: 'merge' }));
    expect(r.status).toBe(`已撤销（${formatTime('2024-06-02T03:00:00Z')}）`);
    expect(r.mode).toBe('合并');
    expect(r.undoable).toBe(false);
    const old = importRowText(rec({ status: 'rejected', mode: null, counts: null }));
    expect(old).toMatchObject({ mode: '', status: '被拒绝', counts: { new: '', changed: '', cleared: '' } });
  });
  it('undoing says what is restored', () => {
    expect(undoText(rec())).toBe(
      `把“城关镇.xlsx”（${formatTime('2024-06-01T02:00:00Z')} 导入）写入的 12 个值恢复到导入之前的样子（原来缺报的重新变为缺报）。`,
    );
  });
});
