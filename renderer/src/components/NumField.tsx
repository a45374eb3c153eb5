import { useEffect, useState } from 'react';
import { readNumber } from '../lib/format';

/**
 * A number typed as text: the text stays as typed while it is not a number yet, and the parent
 * only ever sees a finite number or undefined (blank).
 */
export function NumField({
  value,
  onChange,
  required,
  testId,
  placeholder,
  width = 90,
  disabled,
}: {
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
    setText((t) => (t.trim() !== '' && readNumber(t) === value ? t : value == null ? '' : String(value)));
  }, [value]);
  const t = text.trim();
  // "60,000" is a number here as in imports (readNumber → shared numberTextOf).
  const bad = t !== '' && readNumber(t) == null;
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
          const n = readNumber(e.target.value);
          if (n !== null) onChange(n);
        }}
      />
      {bad && <span className="field-error">请输入数字</span>}
      {missing && !bad && <span className="field-error">必填</span>}
    </span>
  );
}
