/**
 * Native open/save dialogs (ShellApi). The renderer never names a path: the user picks it in the
 * dialog, and only the chosen file's bytes or the saved path cross back.
 */
import { readFile, stat } from 'node:fs/promises';
import { writeFileAtomic } from '../fs/atomic-file';
import path from 'node:path';
import * as z from 'zod';
import type { BrowserWindow } from 'electron';
import type { FilePayload } from '../../shared/api/contract';
import type { ShellApi } from '../../shared/api/shell';
import { ApiError } from '../services/errors';

/** Larger files are not workbooks this workstation makes or reads. */
export const MAX_OPEN_BYTES = 200 * 1024 * 1024;

const filterSchema = z
  .object({ name: z.string().max(100), extensions: z.array(z.string().regex(/^[A-Za-z0-9*]{1,10}$/)).max(20) })
  .strict();
export const shellInputSchemas = {
  pickOpenFile: z
    .object({ title: z.string().max(200).optional(), filters: z.array(filterSchema).max(10).optional() })
    .strict(),
  saveFile: z
    .object({
      file: z.object({ fileName: z.string().min(1).max(255), base64: z.string() }).strict(),
      title: z.string().max(200).optional(),
    })
    .strict(),
};

/** A file name safe on Windows and Linux: no folders, no reserved characters. */
export function safeFileName(name: string): string {
  const base = path.basename(name.replace(/\\/g, '/'));
  const cleaned = base
    // eslint-disable-next-line no-control-regex -- control characters are not allowed in Windows file names
    .replace(/[<>:"/\\|?*\u0000-\u001f]/g, '_')
    .replace(/^\.+/, '')
    .trim();
  return cleaned || '导出文件';
}

export interface DialogDeps {
  dialog: Pick<typeof import('electron').dialog, 'showOpenDialog' | 'showSaveDialog'>;
  window: () => BrowserWindow | null;
  documentsFolder: () => string;
}

export function createShellHandlers(deps: DialogDeps): ShellApi {
  return {
    async pickOpenFile(input) {
      const win = deps.window();
      const options = {
        title: input.title ?? '选择文件',
        buttonLabel: '打开',
        properties: ['openFile' as const],
        filters: input.filters ?? [{ name: 'Excel 工作簿', extensions: ['xlsx'] }],
      };
      const r = win ? await deps.dialog.showOpenDialog(win, options) : await deps.dialog.showOpenDialog(options);
      const chosen = r.filePaths[0];
      if (r.canceled || !chosen) return null;
      const info = await stat(chosen);
      if (info.size > MAX_OPEN_BYTES) throw new ApiError('INPUT', `文件过大（超过 200 MB）：${path.basename(chosen)}`);
      const bytes = await readFile(chosen);
      const payload: FilePayload = { fileName: path.basename(chosen), base64: bytes.toString('base64') };
      return payload;
    },
    async saveFile(input) {
      const win = deps.window();
      const fileName = safeFileName(input.file.fileName);
      const ext = path.extname(fileName).slice(1);
      const options = {
        title: input.title ?? '保存文件',
        buttonLabel: '保存',
        defaultPath: path.join(deps.documentsFolder(), fileName),
        filters: ext ? [{ name: `${ext.toUpperCase()} 文件`, extensions: [ext] }] : [],
      };
      const r = win ? await deps.dialog.showSaveDialog(win, options) : await deps.dialog.showSaveDialog(options);
      if (r.canceled || !r.filePath) return null;
      // Temporary name, fsync, rename: a crash or a full disk never leaves half a workbook (atomic-file.ts).
      writeFileAtomic(r.filePath, Buffer.from(input.file.base64, 'base64'));
      return { path: r.filePath };
    },
  };
}
