/**
 * A stored instant (ISO 8601, UTC) as people read it in messages: the machine's local time,
 * "2026年11月25日 22:49". Anything that is not a time comes back unchanged.
 */
export function localTimeText(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日 ${p(d.getHours())}:${p(d.getMinutes())}`;
}
