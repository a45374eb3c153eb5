import { useEffect, useRef, useState } from 'react';
import { setLeaveGuard } from '../../app/leaveGuard';

export type UnsavedChoice = 'save' | 'discard' | 'cancel';

/**
 * Unsaved edits are never dropped silently: switching scheme, year or page (and the editor's own
 * import / new scheme) asks first — 保存, 放弃 or 取消. Closing or reloading the window gets the
 * browser's own question. A locked scheme has nothing to save, so nothing is asked.
 */
export function useUnsavedGuard({
  dirty,
  active,
  locked,
  save,
  discard,
}: {
  dirty: boolean;
  active: boolean;
  locked: boolean;
  save: () => Promise<boolean>;
  discard: () => void;
}) {
  const [asking, setAsking] = useState<{ resolve: (go: boolean) => void } | null>(null);
  /** Resolves true when the caller may go on (nothing unsaved, saved, or discarded). */
  const askIfDirty = (): Promise<boolean> =>
    dirty && !locked ? new Promise<boolean>((resolve) => setAsking({ resolve })) : Promise.resolve(true);
  const askRef = useRef(askIfDirty);
  askRef.current = askIfDirty;
  useEffect(() => {
    if (!dirty || !active || locked) return;
    const off = setLeaveGuard(() => askRef.current());
    const onUnload = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', onUnload);
    return () => {
      off();
      window.removeEventListener('beforeunload', onUnload);
    };
  }, [dirty, active, locked]);

  const answer = async (choice: UnsavedChoice) => {
    const a = asking;
    if (!a) return;
    setAsking(null);
    if (choice === 'cancel') a.resolve(false);
    else if (choice === 'save') a.resolve(await save());
    else {
      discard();
      a.resolve(true);
    }
  };

  return { asking: !!asking, askIfDirty, answer };
}
