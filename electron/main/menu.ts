/** The Chinese application menu: 文件 / 编辑 / 视图 / 帮助. */
import { PRODUCT_NAME } from '../../shared/product';
import type { MenuItemConstructorOptions } from 'electron';

export interface MenuActions {
  isDev: boolean;
  openDataFolder(): void;
  about(): void;
}

export function buildMenuTemplate(a: MenuActions): MenuItemConstructorOptions[] {
  const view: MenuItemConstructorOptions[] = [
    { label: '重新加载', role: 'reload', accelerator: 'CmdOrCtrl+R' },
    { type: 'separator' },
    { label: '放大', role: 'zoomIn', accelerator: 'CmdOrCtrl+=' },
    { label: '缩小', role: 'zoomOut', accelerator: 'CmdOrCtrl+-' },
    { label: '实际大小', role: 'resetZoom', accelerator: 'CmdOrCtrl+0' },
    { type: 'separator' },
    { label: '全屏', role: 'togglefullscreen', accelerator: 'F11' },
  ];
  if (a.isDev) view.push({ type: 'separator' }, { label: '开发者工具', role: 'toggleDevTools' });
  return [
    {
      label: '文件(&F)',
      submenu: [
        { label: '打开数据文件夹', click: () => a.openDataFolder() },
        { type: 'separator' },
        { label: '退出', role: 'quit', accelerator: 'CmdOrCtrl+Q' },
      ],
    },
    {
      label: '编辑(&E)',
      submenu: [
        { label: '撤销', role: 'undo' },
        { label: '重做', role: 'redo' },
        { type: 'separator' },
        { label: '剪切', role: 'cut' },
        { label: '复制', role: 'copy' },
        { label: '粘贴', role: 'paste' },
        { label: '全选', role: 'selectAll' },
      ],
    },
    { label: '视图(&V)', submenu: view },
    {
      label: '帮助(&H)',
      submenu: [{ label: `关于${PRODUCT_NAME}`, click: () => a.about() }],
    },
  ];
}
