import { useState } from 'react';
import { api } from '../../api/transport';
import { useApp } from '../../app/context';
import { downloadPayload, pickFile } from '../../lib/files';
import { verifyView, type VerifyView } from './lockRows';

/**
 * The 定稿 page's actions: lock (keeping the fingerprint it made), unlock with a reason, export the
 * finance workbook, and verify one picked workbook; each dialog's open scheme.
 */
export function useLocking() {
  const app = useApp();
  const [locking, setLocking] = useState<string | null>(null);
  const [unlocking, setUnlocking] = useState<string | null>(null);
  const [fingerprints, setFingerprints] = useState<Record<string, string>>({});
  const [verified, setVerified] = useState<VerifyView | null>(null);

  const verify = async () => {
    const f = await pickFile('.xlsx');
    if (!f) return;
    const v = await app.run('正在核验财政报表', () => api.verifyWorkbook({ file: f.payload }));
    if (v) setVerified(verifyView(f.payload.fileName, v));
  };

  const lock = async (code: string) => {
    const r = await app.run('正在定稿', () => api.lock({ year: app.year, scheme: code }));
    setLocking(null);
    if (r) {
      setFingerprints((f) => ({ ...f, [code]: r.fingerprint }));
      app.notify(`已定稿，数据指纹 ${r.fingerprint}`);
      await app.refresh();
    }
  };

  const unlock = async (code: string, reason: string) => {
    const ok = await app.run('正在解除定稿', () =>
      api.unlock({ year: app.year, scheme: code, reason }).then(() => true),
    );
    setUnlocking(null);
    if (ok) {
      app.notify('已解除定稿');
      await app.refresh();
    }
  };

  const exportResults = async (code: string) => {
    const p = await app.run('正在生成财政报表', () => api.exportResults({ year: app.year, scheme: code }));
    if (p) downloadPayload(p);
  };

  return {
    locking,
    setLocking,
    unlocking,
    setUnlocking,
    fingerprints,
    verified,
    closeVerified: () => setVerified(null),
    verify,
    lock,
    unlock,
    exportResults,
  };
}

export type Locking = ReturnType<typeof useLocking>;
