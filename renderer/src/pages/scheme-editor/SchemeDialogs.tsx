import type { Scheme } from '../../../../shared/domain/types';
import { api } from '../../api/transport';
import { useApp } from '../../app/context';
import { Dialog } from '../../components/Dialog';
import { ReasonDialog } from '../../components/ReasonDialog';
import { NewSchemeDialog } from './NewSchemeDialog';
import type { UnsavedChoice } from './useUnsavedGuard';

export type SchemeDialog = 'new' | 'delete' | 'copy';

/** The toolbar's dialogs: 新建方案, 删除, 复制上一年. `onCopied` reloads the scheme shown. */
export function SchemeDialogs({
  dialog,
  code,
  onClose,
  onCopied,
}: {
  dialog: SchemeDialog | null;
  code: string | null;
  onClose: () => void;
  onCopied: () => Promise<void>;
}) {
  const app = useApp();
  if (dialog === 'new')
    return (
      <NewSchemeDialog
        onCancel={onClose}
        onCreate={async (s: Scheme) => {
          const r = await app.run('正在建立方案', () => api.saveScheme({ scheme: s, year: app.year }));
          if (r) {
            onClose();
            app.notify(`已建立方案 ${r.code}（草稿）`);
            await app.refresh();
            app.setSchemeCode(r.code);
          }
        }}
        existing={app.schemes.map((s) => s.code)}
        year={app.year}
      />
    );
  if (dialog === 'delete' && code)
    return (
      <ReasonDialog
        title={`删除方案 ${code}`}
        note="删除本年度的这个方案及其指标值、加减分和一票否决。此操作记入操作日志。"
        danger
        confirmText="删除"
        onCancel={onClose}
        onConfirm={async (reason) => {
          const ok = await app.run('正在删除方案', () =>
            api.deleteScheme({ year: app.year, scheme: code, reason }).then(() => true),
          );
          onClose();
          if (ok) {
            app.notify(`已删除方案 ${code}`);
            await app.refresh();
          }
        }}
      />
    );
  if (dialog === 'copy')
    return (
      <Dialog
        title="复制上一年的方案"
        onCancel={onClose}
        confirmText="复制"
        testId="copy-dialog"
        onConfirm={async () => {
          const r = await app.run('正在复制方案', () =>
            api.copySchemes({ fromYear: app.year - 1, toYear: app.year, schemes: code ? [code] : undefined }),
          );
          onClose();
          if (r) {
            app.notify(`已复制 ${r.copied.join('、') || '0 个方案'}`);
            await app.refresh();
            await onCopied();
          }
        }}
      >
        <p>
          {code
            ? `将 ${app.year - 1} 年的方案 ${code} 复制到 ${app.year} 年，替换本年的同编码方案。`
            : `将 ${app.year - 1} 年的全部方案复制到 ${app.year} 年。`}
        </p>
      </Dialog>
    );
  return null;
}

/** 方案有未保存的修改: 保存, 放弃修改 or 取消. */
export function UnsavedDialog({
  year,
  code,
  name,
  onAnswer,
}: {
  year: number;
  code: string | null | undefined;
  name: string | undefined;
  onAnswer: (choice: UnsavedChoice) => void;
}) {
  return (
    <Dialog
      title="方案有未保存的修改"
      testId="unsaved-dialog"
      confirmText="保存"
      onConfirm={() => onAnswer('save')}
      onCancel={() => onAnswer('cancel')}
      extraActions={
        <button type="button" className="danger" onClick={() => onAnswer('discard')} data-testid="dialog-discard">
          放弃修改
        </button>
      }
    >
      <p>
        {year} 年度方案 {code}（{name}）的修改还没有保存。
      </p>
      <p className="muted">保存：存入后继续；放弃修改：回到已保存的方案后继续；取消：留在本页继续编辑。</p>
    </Dialog>
  );
}
