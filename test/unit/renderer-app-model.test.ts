/**
 * The app shell's pure rules: the navigation model (renderer/src/app/pages.ts — the page list,
 * Alt+digit shortcuts, pages kept mounted) and the app state's rules (app/model.ts — which year
 * and scheme stay chosen after a reload, notices, the busy list, the progress bar, year choices).
 */
import { describe, expect, it } from 'vitest';
import { NAV, shortcutHint, shortcutPage, withPage } from '../../renderer/src/app/pages';
import { addNotice, pickScheme, pickYear, progressAfter, withoutOne, yearChoices } from '../../renderer/src/app/model';

const alt = (key: string, more: { ctrlKey?: boolean; metaKey?: boolean; altKey?: boolean } = {}) => ({
  key,
  altKey: true,
  ctrlKey: false,
  metaKey: false,
  ...more,
});

describe('the navigation model', () => {
  it('lists the twelve pages once each, in the side bar’s order', () => {
    expect(NAV.map((n) => n.label)).toEqual([
      '概览',
      '考核对象',
      '指标体系',
      '数据采集',
      '考核结果',
      '年薪核算',
      '资金分配',
      '总量与结余',
      '考核结果运用',
      '定稿',
      '操作日志',
      '设置',
    ]);
    expect(new Set(NAV.map((n) => n.id)).size).toBe(NAV.length);
  });

  it('Alt+1…9 and Alt+0 open the first ten pages; the rest have no key', () => {
    expect(shortcutPage(alt('1'), false)).toBe('overview');
    expect(shortcutPage(alt('5'), false)).toBe('results');
    expect(shortcutPage(alt('9'), false)).toBe('uses');
    expect(shortcutPage(alt('0'), false)).toBe('lock');
    expect(NAV.map((_, i) => shortcutHint(i))).toEqual([
      'Alt+1',
      'Alt+2',
      'Alt+3',
      'Alt+4',
      'Alt+5',
      'Alt+6',
      'Alt+7',
      'Alt+8',
      'Alt+9',
      'Alt+0',
      'Alt+1',
      'Alt+2',
    ]);
  });

  it('ignores other keys, Ctrl/⌘ combinations, keys without Alt, and keys while a dialog is open', () => {
    expect(shortcutPage(alt('a'), false)).toBeNull();
    expect(shortcutPage(alt('F4'), false)).toBeNull();
    expect(shortcutPage(alt('1', { ctrlKey: true }), false)).toBeNull();
    expect(shortcutPage(alt('1', { metaKey: true }), false)).toBeNull();
    expect(shortcutPage(alt('1', { altKey: false }), false)).toBeNull();
    expect(shortcutPage(alt('1'), true)).toBeNull();
  });

  it('keeps visited pages mounted in the order first visited', () => {
    const v = withPage(['overview'], 'results');
    expect(v).toEqual(['overview', 'results']);
    expect(withPage(v, 'overview')).toBe(v);
    expect(withPage(v, 'audit')).toEqual(['overview', 'results', 'audit']);
  });
});

describe('the app state rules', () => {
  it('keeps the year while it exists, else moves to the latest', () => {
    expect(pickYear([2023, 2024], 2024)).toBe(2024);
    expect(pickYear([2023, 2024], 2023)).toBe(2023);
    expect(pickYear([2025, 2022, 2024], 2026)).toBe(2025);
    // No year yet (first start): the shown year stays (this year).
    expect(pickYear([], 2026)).toBe(2026);
  });

  it('keeps the scheme while the year has it, else the first, else none', () => {
    const list = [{ code: 'GROUP' }, { code: 'TOWN' }];
    expect(pickScheme(list, 'TOWN')).toBe('TOWN');
    expect(pickScheme(list, 'GONE')).toBe('GROUP');
    expect(pickScheme(list, null)).toBe('GROUP');
    expect(pickScheme([], 'TOWN')).toBeNull();
  });

  it('shows at most three notices, newest last', () => {
    let n = [] as Parameters<typeof addNotice>[0];
    for (let id = 1; id <= 5; id++) n = addNotice(n, { id, text: `第${id}条`, kind: 'ok' });
    expect(n.map((x) => x.id)).toEqual([3, 4, 5]);
  });

  it('an ended call leaves the busy list once, even when two calls share its label', () => {
    expect(withoutOne(['读取', '保存', '读取'], '读取')).toEqual(['保存', '读取']);
    const b = ['保存'];
    expect(withoutOne(b, '读取')).toBe(b);
  });

  it('the progress bar follows long work and goes away when it ends', () => {
    expect(progressAfter({ phase: 'start', fraction: null, message: '正在读取工作簿…' })).toEqual({
      fraction: null,
      message: '正在读取工作簿…',
    });
    expect(progressAfter({ phase: 'progress', fraction: 0.4, message: '校验 1200/3000' })).toEqual({
      fraction: 0.4,
      message: '校验 1200/3000',
    });
    expect(progressAfter({ phase: 'done', fraction: 1, message: '完成' })).toBeNull();
    expect(progressAfter({ phase: 'error', fraction: null, message: '失败' })).toBeNull();
  });

  it('offers the known years and the shown one, newest first', () => {
    expect(yearChoices([2023, 2025, 2024], 2024)).toEqual([2025, 2024, 2023]);
    expect(yearChoices([2023, 2024], 2026)).toEqual([2026, 2024, 2023]);
    const years = [2024, 2023];
    yearChoices(years, 2025);
    expect(years).toEqual([2024, 2023]);
  });
});
