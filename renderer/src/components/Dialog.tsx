import { useEffect, useRef, type ReactNode } from 'react';

interface Props {
  title: string;
  children: ReactNode;
  onConfirm?: () => void;
  onCancel: () => void;
  confirmText?: string;
  cancelText?: string;
  /** When false the confirm button is disabled and Enter does nothing (e.g. a reason is required). */
  canConfirm?: boolean;
  danger?: boolean;
  wide?: boolean;
  testId?: string;
  /** More buttons between confirm and cancel (e.g. 放弃修改). */
  extraActions?: ReactNode;
}

/**
 * A modal dialog: Enter confirms (except inside a multi-line text box), Esc cancels, Tab stays
 * inside, and the first field gets the focus.
 */
export function Dialog({
  title,
  children,
  onConfirm,
  onCancel,
  confirmText = '确定',
  cancelText = '取消',
  canConfirm = true,
  danger,
  wide,
  testId,
  extraActions,
}: Props) {
  const box = useRef<HTMLDivElement>(null);
  const before = useRef<Element | null>(null);

  useEffect(() => {
    before.current = document.activeElement;
    const first = box.current?.querySelector<HTMLElement>(
      'input:not([disabled]):not([type=hidden]), select, textarea, button.primary',
    );
    (first ?? box.current)?.focus();
    return () => {
      if (before.current instanceof HTMLElement) before.current.focus();
    };
  }, []);

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      onCancel();
    } else if (
      e.key === 'Enter' &&
      !(e.target instanceof HTMLTextAreaElement) &&
      !(e.target instanceof HTMLButtonElement)
    ) {
      e.preventDefault();
      if (onConfirm && canConfirm) onConfirm();
    } else if (e.key === 'Tab' && box.current) {
      const items = Array.from(
        box.current.querySelectorAll<HTMLElement>('input, select, textarea, button, [tabindex="0"]'),
      ).filter((el) => !(el as HTMLInputElement).disabled);
      if (items.length === 0) return;
      const first = items[0]!;
      const last = items[items.length - 1]!;
      if (e.shiftKey && document.activeElement === first) {
        e.preventDefault();
        last.focus();
      } else if (!e.shiftKey && document.activeElement === last) {
        e.preventDefault();
        first.focus();
      }
    }
  };

  return (
    <div
      className="modal-backdrop"
      onMouseDown={(e) => {
        if (e.target === e.currentTarget) onCancel();
      }}
    >
      <div
        className={`modal${wide ? ' wide' : ''}`}
        role="dialog"
        aria-modal="true"
        aria-label={title}
        ref={box}
        tabIndex={-1}
        onKeyDown={onKeyDown}
        data-testid={testId ?? 'dialog'}
      >
        <div className="modal-title">{title}</div>
        <div className="modal-body">{children}</div>
        <div className="modal-actions">
          {onConfirm && (
            <button
              type="button"
              className={danger ? 'primary danger' : 'primary'}
              disabled={!canConfirm}
              onClick={onConfirm}
              data-testid="dialog-confirm"
            >
              {confirmText}
            </button>
          )}
          {extraActions}
          <button type="button" onClick={onCancel} data-testid="dialog-cancel">
            {cancelText}
          </button>
        </div>
      </div>
    </div>
  );
}

/** A labelled form row. */
export function Field({
  label,
  children,
  error,
  hint,
}: {
  label: string;
  children: ReactNode;
  error?: string | null;
  hint?: string;
}) {
  return (
    <label className={`field${error ? ' has-error' : ''}`}>
      <span className="field-label">{label}</span>
      <span className="field-input">
        {children}
        {error ? (
          <span className="field-error" role="alert">
            {error}
          </span>
        ) : hint ? (
          <span className="field-hint">{hint}</span>
        ) : null}
      </span>
    </label>
  );
}
