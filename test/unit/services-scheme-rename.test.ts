/**
 * Renaming an indicator code in a saved scheme: its stored values (and their history) follow the
 * new code in the same save, audited; a change that cannot be told from a replacement is refused
 * with the reason; a locked scheme refuses as before.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Services } from '../../electron/services';
import { ApiError } from '../../electron/services/errors';
import type { IndicatorNode, Scheme } from '../../shared/domain/types';
import { loadEx1, openTemp, snapshot } from './support/ex1';

let s: Services | null = null;
afterEach(async () => {
  await s?.close();
  s = null;
});

async function setup(): Promise<Services> {
  s = openTemp('rename-').s;
  await loadEx1(s);
  return s;
}

function leaf(scheme: Scheme, code: string): IndicatorNode {
  for (const d of scheme.indicators) for (const c of d.children ?? []) if (c.code === code) return c;
  throw new Error(code);
}

const p1 = async (svc: Services) =>
  (await svc.getValues({ year: 2024, scheme: 'EX' })).filter((c) => c.indicator === 'P1' || c.indicator === 'P1X');
const errorOf = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e as ApiError,
  );

describe('indicator code rename', () => {
  it('the editor names the rename: values and history move to the new code, audited; scores unchanged', async () => {
    const svc = await setup();
    const before = await svc.score({ year: 2024, scheme: 'EX' });
    const valuesBefore = (await svc.getValues({ year: 2024, scheme: 'EX' })).filter((c) => c.indicator === 'P1');
    expect(valuesBefore).toHaveLength(3);
    const scheme = await svc.getScheme({ year: 2024, scheme: 'EX' });
    leaf(scheme, 'P1').name = '高血压规范管理率（改名）';
    leaf(scheme, 'P1').code = 'P1X';
    const r = await svc.saveScheme({ scheme, renames: { P1: 'P1X' } });
    expect(r.renamed).toEqual([{ from: 'P1', to: 'P1X', by: 'named', values: 3 }]);
    const after = (await svc.getValues({ year: 2024, scheme: 'EX' })).filter((c) => c.indicator === 'P1X');
    expect(after.map((c) => [c.target, c.value])).toEqual(valuesBefore.map((c) => [c.target, c.value]));
    expect((await p1(svc)).filter((c) => c.indicator === 'P1')).toEqual([]);
    const history = await svc.valueHistory({ year: 2024, scheme: 'EX', target: 'EX-01', indicator: 'P1X' });
    expect(history.length).toBeGreaterThan(0);
    const scored = await svc.score({ year: 2024, scheme: 'EX' });
    expect(scored.results.map((x) => [x.target, x.total])).toEqual(before.results.map((x) => [x.target, x.total]));
    const audit = await svc.audit({ entity: 'value', text: '改编码' });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.key).toBe('2024/EX/P1');
    expect(JSON.parse(audit[0]!.new!)).toMatchObject({ indicator: 'P1X', values: 3 });
  });

  it('without renames (file import), a changed code with the same name is recognised and carried', async () => {
    const svc = await setup();
    const scheme = await svc.getScheme({ year: 2024, scheme: 'EX' });
    leaf(scheme, 'P1').code = 'P1X';
    const r = await svc.saveScheme({ scheme, reason: '导入文件 新方案.json' });
    expect(r.renamed).toEqual([{ from: 'P1', to: 'P1X', by: 'name', values: 3 }]);
    expect((await p1(svc)).map((c) => c.indicator)).toEqual(['P1X', 'P1X', 'P1X']);
  });

  it('a code swap named by the editor (P1↔P2) swaps the values', async () => {
    const svc = await setup();
    const vals = await svc.getValues({ year: 2024, scheme: 'EX' });
    const of = (ind: string) => vals.filter((c) => c.indicator === ind).map((c) => [c.target, c.value]);
    const scheme = await svc.getScheme({ year: 2024, scheme: 'EX' });
    leaf(scheme, 'P1').code = 'TMP';
    leaf(scheme, 'P2').code = 'P1';
    leaf(scheme, 'TMP').code = 'P2';
    await svc.saveScheme({ scheme, renames: { P1: 'P2', P2: 'P1' } });
    const now = await svc.getValues({ year: 2024, scheme: 'EX' });
    expect(now.filter((c) => c.indicator === 'P2').map((c) => [c.target, c.value])).toEqual(of('P1'));
    expect(now.filter((c) => c.indicator === 'P1').map((c) => [c.target, c.value])).toEqual(of('P2'));
  });

  it('a different leaf in the place of one with values: refused with the reason, nothing written', async () => {
    const svc = await setup();
    const scheme = await svc.getScheme({ year: 2024, scheme: 'EX' });
    const node = leaf(scheme, 'P1');
    node.code = 'P9';
    node.name = '完全不同的指标';
    node.method = { type: 'threshold', target: 50 };
    const raw = snapshot(svc.ctx.raw);
    const e = await errorOf(svc.saveScheme({ scheme }));
    expect(e).toBeInstanceOf(ApiError);
    expect(e!.code).toBe('INPUT');
    expect(e!.message).toContain('P1');
    expect(e!.message).toContain('P9');
    expect(e!.message).toContain('无法判断');
    expect(snapshot(svc.ctx.raw)).toEqual(raw);
    // Named, the same change goes through.
    const r = await svc.saveScheme({ scheme, renames: { P1: 'P9' } });
    expect(r.renamed?.[0]).toMatchObject({ from: 'P1', to: 'P9', values: 3 });
  });

  it('the 上年数 of a growth leaf moves with its code too', async () => {
    const svc = await setup();
    const scheme = await svc.getScheme({ year: 2024, scheme: 'EX' });
    leaf(scheme, 'P1').method = { type: 'growth', target: 5 };
    await svc.saveScheme({ scheme });
    await svc.setBaseline({ year: 2024, scheme: 'EX', target: 'EX-01', indicator: 'P1', text: '70' });
    leaf(scheme, 'P1').code = 'P1X';
    const r = await svc.saveScheme({ scheme, renames: { P1: 'P1X' } });
    expect(r.renamed).toEqual([{ from: 'P1', to: 'P1X', by: 'named', values: 4 }]);
    const kept = (await svc.getBaselines({ year: 2024, scheme: 'EX' })).filter((b) => b.kept.kind !== 'missing');
    expect(kept.map((b) => [b.target, b.indicator, b.kept])).toEqual([
      ['EX-01', 'P1X', { kind: 'number', number: '70' }],
    ]);
  });

  it('a removed leaf is not a rename: the save goes through as before', async () => {
    const svc = await setup();
    const scheme = await svc.getScheme({ year: 2024, scheme: 'EX' });
    scheme.indicators[0]!.children = scheme.indicators[0]!.children!.filter((c) => c.code !== 'P1');
    const r = await svc.saveScheme({ scheme });
    expect(r.renamed).toBeUndefined();
  });

  it('a rename naming codes that do not fit is refused', async () => {
    const svc = await setup();
    const scheme = await svc.getScheme({ year: 2024, scheme: 'EX' });
    leaf(scheme, 'P1').code = 'P1X';
    const e = await errorOf(svc.saveScheme({ scheme, renames: { P1: 'NOPE' } }));
    expect(e!.code).toBe('INPUT');
    expect(e!.message).toContain('NOPE');
    const e2 = await errorOf(svc.saveScheme({ scheme, renames: { P1: 'P2' } }));
    expect(e2!.code).toBe('INPUT');
  });

  it('locked: refused as before (LOCKED), nothing moved', async () => {
    const svc = await setup();
    await svc.lock({ year: 2024, scheme: 'EX' });
    const scheme = await svc.getScheme({ year: 2024, scheme: 'EX' });
    leaf(scheme, 'P1').code = 'P1X';
    const e = await errorOf(svc.saveScheme({ scheme, renames: { P1: 'P1X' } }));
    expect(e!.code).toBe('LOCKED');
    expect((await p1(svc)).map((c) => c.indicator)).toEqual(['P1', 'P1', 'P1']);
  });
});

describe('the editor records the renames it sends', () => {
  it('typing a code key by key ends with one rename from the saved code; changed back, none', async () => {
    const { trackRename, renamesToSend } = await import('../../renderer/src/lib/tree');
    let r: Record<string, string> = {};
    for (const [a, b] of [
      ['P1', 'P'],
      ['P', 'P9'],
      ['P9', 'P9X'],
    ] as const)
      r = trackRename(r, a, b);
    expect(r).toEqual({ P1: 'P9X' });
    r = trackRename(r, 'P9X', 'P1');
    expect(r).toEqual({});
    // Swap by hand: P1 → T, P2 → P1, T → P2.
    r = trackRename(trackRename(trackRename({}, 'P1', 'T'), 'P2', 'P1'), 'T', 'P2');
    expect(r).toEqual({ P1: 'P2', P2: 'P1' });
    // A renamed node deleted afterwards is not sent.
    expect(
      renamesToSend({ P1: 'P1X', Q1: 'Q1X' }, [{ code: 'P', name: 'p', children: [{ code: 'P1X', name: 'x' }] }]),
    ).toEqual({ P1: 'P1X' });
  });
});
