import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Services } from '../../electron/services';
import { ApiError } from '../../electron/services/errors';
import { ex1Scheme, loadEx1, openTemp, snapshot } from './support/ex1';

let s: Services;
let dir: string;

beforeEach(async () => {
  ({ s, dir } = openTemp('lock-'));
  await loadEx1(s);
  await s.setVeto({ year: 2024, scheme: 'EX', target: 'EX-01', reason: '瞒报疫情' });
  await s.setSalaryInput({
    year: 2024,
    input: {
      person: '甲',
      role: '主任',
      target: 'EX-01',
      scheme: 'EX',
      base: '70000',
      performanceBase: '50000',
      months: 12,
      cap: null,
    },
  });
});
afterEach(async () => {
  await s.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function rejectsLocked(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(ApiError);
    expect((e as ApiError).code).toBe('LOCKED');
    expect((e as ApiError).message).toContain('2024');
    expect((e as ApiError).message).toContain('EX');
    return e as ApiError;
  }
  throw new Error('expected LOCKED');
}

describe('lock (定稿)', () => {
  it('refuses every change path that touches the locked scheme, and writes nothing', async () => {
    const { fingerprint, lockedAt } = await s.lock({ year: 2024, scheme: 'EX' });
    expect(fingerprint).toMatch(/^[0-9a-f]{16}$/);
    expect(Date.parse(lockedAt)).not.toBeNaN();
    const adjustments = await s.listAdjustments({ year: 2024, scheme: 'EX' });
    const before = snapshot(s.ctx.raw);

    const y = { year: 2024, scheme: 'EX' };
    await rejectsLocked(s.setValue({ ...y, target: 'EX-01', indicator: 'P1', text: '88' }));
    await rejectsLocked(s.setValues({ ...y, cells: [{ target: 'EX-02', indicator: 'P1', text: '70' }] }));
    expect(() => s.writeValues({ ...y, cells: [{ target: 'EX-01', indicator: 'P1', value: { kind: 'na' } }] })).toThrow(
      /已定稿/,
    );
    await rejectsLocked(s.addAdjustment({ ...y, target: 'EX-01', kind: 'bonus', points: '1', reason: '补录' }));
    await rejectsLocked(s.removeAdjustment({ ...y, id: adjustments[0]!.id, reason: '撤销' }));
    await rejectsLocked(s.setVeto({ ...y, target: 'EX-02', reason: '否决' }));
    await rejectsLocked(s.removeVeto({ ...y, target: 'EX-01', reason: '撤销否决' }));
    await rejectsLocked(s.saveScheme({ scheme: { ...ex1Scheme(), name: '改名' } }));
    await rejectsLocked(s.deleteScheme({ ...y, reason: '删除' }));
    await rejectsLocked(
      s.setSalaryInput({
        year: 2024,
        input: {
          person: '乙',
          role: '主任',
          target: 'EX-02',
          scheme: 'EX',
          base: '1',
          performanceBase: '1',
          months: 12,
          cap: null,
        },
      }),
    );
    await rejectsLocked(s.removeSalaryInput({ year: 2024, person: '甲', target: 'EX-01', reason: '调离' }));
    await rejectsLocked(s.allocate({ ...y, amount: '100000' }));
    await rejectsLocked(s.lock(y));

    expect(snapshot(s.ctx.raw)).toEqual(before);
    // Reading still works on a locked scheme.
    expect((await s.score(y)).results).toHaveLength(3);
  });

  it('unlock needs a reason, is audited with it, and lets changes through again', async () => {
    await s.lock({ year: 2024, scheme: 'EX' });
    await expect(s.unlock({ year: 2024, scheme: 'EX', reason: '  ' })).rejects.toMatchObject({ code: 'INPUT' });
    await s.unlock({ year: 2024, scheme: 'EX', reason: '财政局要求更正 EX-01 的数据' });
    const entry = (await s.audit({ entity: 'lock' })).at(-1)!;
    expect(entry.action).toBe('解除定稿');
    expect(entry.reason).toBe('财政局要求更正 EX-01 的数据');
    expect(JSON.parse(entry.old!).fingerprint).toMatch(/^[0-9a-f]{16}$/);
    await s.setValue({ year: 2024, scheme: 'EX', target: 'EX-01', indicator: 'P1', text: '88', reason: '更正' });
    expect(
      (await s.getValues({ year: 2024, scheme: 'EX' })).find((c) => c.target === 'EX-01' && c.indicator === 'P1')
        ?.value,
    ).toEqual({
      kind: 'number',
      number: '88',
    });
  });

  it('a lock of another scheme or year does not block this one', async () => {
    await s.saveScheme({ scheme: ex1Scheme(), year: 2023, strict: true });
    await s.lock({ year: 2023, scheme: 'EX' });
    await s.setValue({ year: 2024, scheme: 'EX', target: 'EX-01', indicator: 'P1', text: '81' });
    await expect(
      s.setValue({ year: 2023, scheme: 'EX', target: 'EX-01', indicator: 'P1', text: '81' }),
    ).rejects.toMatchObject({ code: 'LOCKED' });
  });

  it('the fingerprint depends on the data: same data same print, changed data another', async () => {
    const a = await s.lock({ year: 2024, scheme: 'EX' });
    await s.unlock({ year: 2024, scheme: 'EX', reason: '核对' });
    const b = await s.lock({ year: 2024, scheme: 'EX' });
    expect(b.fingerprint).toBe(a.fingerprint);
    await s.unlock({ year: 2024, scheme: 'EX', reason: '更正' });
    await s.setValue({ year: 2024, scheme: 'EX', target: 'EX-02', indicator: 'P1', text: '89.9' });
    const c = await s.lock({ year: 2024, scheme: 'EX' });
    expect(c.fingerprint).not.toBe(a.fingerprint);
    expect((await s.listSchemes({ year: 2024 }))[0]).toMatchObject({ state: 'locked', lockedAt: c.lockedAt });
  });
});
