/** A choice among coded things (groups, schemes, units), shown as 名称（编码）, with an empty 「请选择」 first. */
export function CodeSelect({
  value,
  options,
  onChange,
  disabled,
  testId,
}: {
  value: string;
  options: readonly { code: string; name: string }[];
  onChange: (code: string) => void;
  disabled?: boolean;
  testId: string;
}) {
  return (
    <select value={value} disabled={disabled} onChange={(e) => onChange(e.target.value)} data-testid={testId}>
      <option value="">（请选择）</option>
      {options.map((o) => (
        <option key={o.code} value={o.code}>
          {o.name}（{o.code}）
        </option>
      ))}
    </select>
  );
}
