import { useEffect, useState } from 'react';

/**
 * A number typed as text: the text stays as typed while it is not a number yet, and the parent
 * only ever sees a finite number or undefined (blank).
 */
export function NumField({ value, onChange, required, testId, placeholder, width = 90, disabled }: {
  value: number | null | undefined;
  onChange: (v: number | undefined) => void;
  required?: boolean;
  testId?: string;
  placeholder?: string;
  width?: number;
  disabled?: boolean;
}) {
  const [text, setText] = useState(value == null ? '' : String(value));
  useEffect(() => {
    // Follow outside changes unless they are what the text already says.
    setText((t) => (t.trim() !== '' && Number(t.trim()) === value ? t : value == null ? '' : String(value)));
  }, [value]);
  const t = text.trim();
  const bad = t !== '' && !/^-?\d+(\.\d+)?$/.test(t);
  const missing = required && t === '';
  return (
    <span className="num-field">
      <input
        value={text}
        style={{ width }}
        inputMode="decimal"
        placeholder={placeholder}
        disabled={disabled}
        aria-invalid={bad || missing}
        className={bad || missing ? 'invalid' : ''}
        data-testid={testId}
        onChange={(e) => {
          setText(e.target.value);
          const s = e.target.value.trim();
          if (s === '') onChange(undefined);
          else if (/^-?\d+(\.\d+)?$/.test(s)) onChange(Number(s));
        }}
      />
      {bad && <span className="field-error">请输入数字</span>}
      {missing && !bad && <span className="field-error">必填</span>}
    </span>
  );
}
