import type { FilePayload } from '../../../shared/api/contract';
import { shell } from '../api/transport';

/** Ask the user for a file (hidden <input type=file>) and read it as a FilePayload. */
export async function pickFile(accept: string): Promise<{ payload: FilePayload; text: () => Promise<string> } | null> {
  if (shell) {
    // In the desktop window: the native open dialog.
    const exts = accept
      .split(',')
      .map((x) => x.trim().replace(/^\./, ''))
      .filter(Boolean);
    const payload = await shell.pickOpenFile({
      title: '选择文件',
      filters: [
        {
          name: exts.map((e) => (e === 'xlsx' ? 'Excel 工作簿' : e.toUpperCase() + ' 文件')).join('、'),
          extensions: exts,
        },
      ],
    });
    if (!payload) return null;
    return { payload, text: async () => new TextDecoder('utf-8').decode(base64ToBytes(payload.base64)) };
  }
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = accept;
    input.style.display = 'none';
    input.dataset.testid = 'file-input';
    document.body.appendChild(input);
    let settled = false;
    const done = (v: { payload: FilePayload; text: () => Promise<string> } | null) => {
      if (settled) return;
      settled = true;
      input.remove();
      resolve(v);
    };
    input.addEventListener('change', async () => {
      const file = input.files?.[0];
      if (!file) return done(null);
      const bytes = new Uint8Array(await file.arrayBuffer());
      done({ payload: { fileName: file.name, base64: bytesToBase64(bytes) }, text: () => file.text() });
    });
    input.addEventListener('cancel', () => done(null));
    input.click();
  });
}

export function bytesToBase64(bytes: Uint8Array): string {
  let s = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) s += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(s);
}

export function base64ToBytes(b64: string): Uint8Array<ArrayBuffer> {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

const MIME: Record<string, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  json: 'application/json',
};

/** Hand a payload to the browser as a download (the Electron shell turns it into a save dialog). */
export function downloadPayload(p: FilePayload): void {
  if (shell) {
    void shell.saveFile({ file: p, title: '保存文件' }).catch(() => undefined);
    return;
  }
  const ext = p.fileName.split('.').pop()?.toLowerCase() ?? '';
  const blob = new Blob([base64ToBytes(p.base64)], { type: MIME[ext] ?? 'application/octet-stream' });
  downloadBlob(blob, p.fileName);
}

export function downloadText(text: string, fileName: string): void {
  if (shell) {
    downloadPayload({ fileName, base64: bytesToBase64(new TextEncoder().encode(text)) });
    return;
  }
  downloadBlob(new Blob([text], { type: 'application/json;charset=utf-8' }), fileName);
}

function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
