/** Native dialogs (ShellApi): the user picks the path; only bytes and the chosen path cross back. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createShellHandlers, safeFileName } from '../../electron/main/dialogs';

const dir = mkdtempSync(path.join(os.tmpdir(), 'shell-dialogs-'));

function handlers(dialog: { showOpenDialog?: unknown; showSaveDialog?: unknown }) {
  return createShellHandlers({
    dialog: dialog as never,
    window: () => null,
    documentsFolder: () => dir,
  });
}

describe('native file dialogs', () => {
  it('reads the chosen file as a FilePayload, and null when cancelled', async () => {
    const file = path.join(dir, '采集表.xlsx');
    writeFileSync(file, Buffer.from([0x50, 0x4b, 0x03, 0x04]));
    const showOpenDialog = vi.fn(async () => ({ canceled: false, filePaths: [file] }));
    const shell = handlers({ showOpenDialog });
    expect(await shell.pickOpenFile({ title: '导入数据' })).toEqual({ fileName: '采集表.xlsx', base64: 'UEsDBA==' });
    const options = (showOpenDialog.mock.calls[0] as unknown[])[0] as {
      filters: unknown;
      properties: string[];
      title: string;
    };
    expect(options.title).toBe('导入数据');
    expect(options.properties).toEqual(['openFile']);
    expect(options.filters).toEqual([{ name: 'Excel 工作簿', extensions: ['xlsx'] }]);
    const cancelled = handlers({ showOpenDialog: async () => ({ canceled: true, filePaths: [] }) });
    expect(await cancelled.pickOpenFile({})).toBeNull();
  });

  it('writes the bytes where the user chose, proposing a safe name in the documents folder', async () => {
    const target = path.join(dir, 'saved.xlsx');
    const showSaveDialog = vi.fn(async () => ({ canceled: false, filePath: target }));
    const shell = handlers({ showSaveDialog });
    const r = await shell.saveFile({ file: { fileName: '../../etc/2024年 考核结果?.xlsx', base64: 'UEsDBA==' } });
    expect(r).toEqual({ path: target });
    expect([...readFileSync(target)]).toEqual([0x50, 0x4b, 0x03, 0x04]);
    const options = (showSaveDialog.mock.calls[0] as unknown[])[0] as { defaultPath: string };
    expect(options.defaultPath).toBe(path.join(dir, '2024年 考核结果_.xlsx'));
    const cancelled = handlers({ showSaveDialog: async () => ({ canceled: true }) });
    expect(await cancelled.saveFile({ file: { fileName: 'a.xlsx', base64: '' } })).toBeNull();
  });

  it('cleans file names of folders and characters Windows refuses', () => {
    expect(safeFileName('a/b\\c:d*e?.xlsx')).toBe('c_d_e_.xlsx');
    expect(safeFileName('..')).toBe('导出文件');
    expect(safeFileName('结果<1>.xlsx')).toBe('结果_1_.xlsx');
  });
});
