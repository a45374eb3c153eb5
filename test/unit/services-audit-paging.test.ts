/** The audit page lists the newest entries first, a page at a time, however many there are; the CLI keeps its order. */
import { afterEach, describe, expect, it } from 'vitest';
import type { Services } from '../../electron/services';
import { loadEx1, openTemp, runCli } from './support/ex1';

let s: Services | null = null;
afterEach(async () => {
  await s?.close();
  s = null;
});

describe('audit paging', () => {
  it('newest first, paged by beforeId, reaching entries past the first 1,000', async () => {
    const t = openTemp('audit-page-');
    s = t.s;
    await loadEx1(s);
    // 1,100 more entries (one per value change), then the one the user "just did".
    for (let i = 0; i < 1100; i++) {
      await s.setValue({ year: 2024, scheme: 'EX', target: 'EX-01', indicator: 'Q3', text: String(30000 + i) });
    }
    await s.setValue({ year: 2024, scheme: 'EX', target: 'EX-01', indicator: 'P1', text: '82.5', reason: '刚刚更正' });
    const all = await s.audit({});
    expect(all.length).toBeGreaterThan(1100);

    const first = await s.audit({ order: 'newest', limit: 200 });
    expect(first).toHaveLength(200);
    expect(first[0]!.reason).toBe('刚刚更正');
    expect(first.map((e) => e.id)).toEqual([...first.map((e) => e.id)].sort((a, b) => b - a));

    // Page through everything: every entry once, newest to oldest.
    const seen: number[] = [];
    let before: number | undefined;
    for (;;) {
      const page = await s.audit({ order: 'newest', limit: 200, beforeId: before });
      if (page.length === 0) break;
      seen.push(...page.map((e) => e.id));
      before = page[page.length - 1]!.id;
    }
    expect(seen).toEqual(all.map((e) => e.id).reverse());

    // Filters still apply with paging.
    const values = await s.audit({ order: 'newest', entity: 'value', limit: 5, beforeId: first[10]!.id });
    expect(values.every((e) => e.entity === 'value' && e.id < first[10]!.id)).toBe(true);

    // The CLI's `audit --json` keeps its shape and its order (oldest first).
    await s.close();
    s = null;
    const r = await runCli(t.dbPath, 'audit', '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out) as { entries: { id: number }[] };
    expect(Object.keys(out)).toEqual(['entries']);
    expect(out.entries.map((e) => e.id)).toEqual(all.map((e) => e.id));
  }, 120_000);

  it('refuses an unknown order', async () => {
    s = openTemp('audit-page-').s;
    await expect(s.audit({ order: 'sideways' as never })).rejects.toMatchObject({ code: 'INPUT' });
  });
});
