/**
 * The navigation model: the app's pages as data (order = the side bar and Alt+1…0), and the pure
 * rules of the shell around them (which key opens which page, which pages stay mounted).
 */
export type PageId =
  | 'overview'
  | 'targets'
  | 'scheme'
  | 'collect'
  | 'results'
  | 'salary'
  | 'fund'
  | 'money'
  | 'uses'
  | 'lock'
  | 'audit'
  | 'settings';

export const NAV: readonly { id: PageId; label: string }[] = [
  { id: 'overview', label: '概览' },
  { id: 'targets', label: '考核对象' },
  { id: 'scheme', label: '指标体系' },
  { id: 'collect', label: '数据采集' },
  { id: 'results', label: '考核结果' },
  { id: 'salary', label: '年薪核算' },
  { id: 'fund', label: '资金分配' },
  { id: 'money', label: '总量与结余' },
  { id: 'uses', label: '考核结果运用' },
  { id: 'lock', label: '定稿' },
  { id: 'audit', label: '操作日志' },
  { id: 'settings', label: '设置' },
];

const SHORTCUT_KEYS = '1234567890';

/** The tooltip of the i-th page's button: Alt+1 … Alt+9, Alt+0; pages past the tenth share none. */
export function shortcutHint(index: number): string {
  return `Alt+${(index + 1) % 10}`;
}

/**
 * The page an Alt+digit key opens, or null: Alt alone (not with Ctrl or ⌘), and not while a
 * dialog is open.
 */
export function shortcutPage(
  key: { key: string; altKey: boolean; ctrlKey: boolean; metaKey: boolean },
  dialogOpen: boolean,
): PageId | null {
  if (!key.altKey || key.ctrlKey || key.metaKey || dialogOpen) return null;
  const i = SHORTCUT_KEYS.indexOf(key.key);
  return i >= 0 ? (NAV[i]?.id ?? null) : null;
}

/** The pages kept mounted, with `page` added (last) when it is new; the same array when it is not. */
export function withPage(visited: PageId[], page: PageId): PageId[] {
  return visited.includes(page) ? visited : [...visited, page];
}
