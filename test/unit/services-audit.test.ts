import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Services } from '../../electron/services';
import { loadEx1, openTemp } from './support/ex1';

let s: Services;
let dir: string;
beforeEach(async () => {
  ({ s, dir } = openTemp('audit-', '系统用户'));
  await loadEx1(s);
});
afterEach(async () => {
  await s.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('audit trail', () => {
  it('records a value change with old → new, reason and who', async () => {
    const t0 = new Date().toISOString();
    await s.setValue({ year: 2024, scheme: 'EX', target: 'EX-01', indicator: 'P1', text: '82.5', reason: '复核更正' });
    const entries = await s.audit({ since: t0, entity: 'value' });
    expect(entries).toHaveLength(1);
    const e = entries[0]!;
    expect(e.key).toBe('2024/EX/EX-01/P1');
    expect(JSON.parse(e.old!)).toEqual({ kind: 'number', number: '80.2' });
    expect(JSON.parse(e.new!)).toEqual({ kind: 'number', number: '82.5' });
    expect(e.reason).toBe('复核更正');
    expect(e.who).toBe('系统用户');
    expect(Date.parse(e.at)).toBeGreaterThanOrEqual(Date.parse(t0));

    const history = await s.valueHistory({ year: 2024, scheme: 'EX', target: 'EX-01', indicator: 'P1' });
    expect(history.map((h) => [h.old, h.new])).toEqual([
      [{ kind: 'missing' }, { kind: 'number', number: '80.2' }],
      [
        { kind: 'number', number: '80.2' },
        { kind: 'number', number: '82.5' },
      ],
    ]);
  });

  it('N/A and blank are recorded as such; an unchanged value writes nothing', async () => {
    const t0 = new Date().toISOString();
    await s.setValue({ year: 2024, scheme: 'EX', target: 'EX-01', indicator: 'Q2', text: 'N/A' });
    await s.setValue({ year: 2024, scheme: 'EX', target: 'EX-01', indicator: 'Q2', text: '' });
    await s.setValue({ year: 2024, scheme: 'EX', target: 'EX-01', indicator: 'Q2', text: '' });
    const entries = await s.audit({ since: t0, entity: 'value' });
    expect(entries.map((e) => [JSON.parse(e.old!), JSON.parse(e.new!)])).toEqual([
      [{ kind: 'number', number: '17.5' }, { kind: 'na' }],
      [{ kind: 'na' }, { kind: 'missing' }],
    ]);
  });

  it('who is the appraiser named in the settings, once set', async () => {
    await s.saveSettings({ countyName: '示例县', appraiserName: '王考核' });
    await s.setVeto({ year: 2024, scheme: 'EX', target: 'EX-03', reason: '发生重大医疗事故' });
    const e = (await s.audit({ entity: 'veto' })).at(-1)!;
    expect(e.who).toBe('王考核');
    expect(e.reason).toBe('发生重大医疗事故');
    expect((await s.listVetoes({ year: 2024, scheme: 'EX' }))[0]).toMatchObject({
      target: 'EX-03',
      createdBy: '王考核',
    });
    const settings = (await s.audit({ entity: 'settings' })).at(-1)!;
    expect(JSON.parse(settings.new!)).toEqual({ countyName: '示例县', appraiserName: '王考核' });
  });

  it('records adjustments, their removal, targets, schemes and salary inputs', async () => {
    const adj = await s.addAdjustment({
      year: 2024,
      scheme: 'EX',
      target: 'EX-01',
      kind: 'deduction',
      points: '0.5',
      reason: '档案不全',
    });
    await s.removeAdjustment({ year: 2024, scheme: 'EX', id: adj.id, reason: '误录' });
    const a = await s.audit({ entity: 'adjustment' });
    expect(a.at(-2)).toMatchObject({ action: '新增', reason: '档案不全' });
    expect(JSON.parse(a.at(-2)!.new!)).toEqual({ kind: 'deduction', points: '0.5' });
    expect(a.at(-1)).toMatchObject({ action: '删除', reason: '误录' });
    expect(JSON.parse(a.at(-1)!.old!)).toMatchObject({ kind: 'deduction', points: '0.5', reason: '档案不全' });

    await s.saveTarget({
      target: {
        code: 'EX-01',
        name: '城关街道社区卫生服务中心',
        kind: '社区卫生服务中心' as never,
        group: null,
        active: true,
      },
      reason: '更名',
    });
    const t = (await s.audit({ entity: 'target' })).at(-1)!;
    expect(JSON.parse(t.old!).name).toBe('城关社区卫生服务中心');
    expect(JSON.parse(t.new!)).toMatchObject({ name: '城关街道社区卫生服务中心', kind: 'community_centre' });

    const input = {
      person: '甲',
      role: '主任',
      target: 'EX-01',
      scheme: 'EX',
      base: '70000',
      performanceBase: '50000',
      months: 12,
      cap: null,
    };
    await s.setSalaryInput({ year: 2024, input });
    await s.setSalaryInput({ year: 2024, input: { ...input, months: 9 }, reason: '年中任职' });
    const sal = (await s.audit({ entity: 'salary_input' })).at(-1)!;
    expect(JSON.parse(sal.old!).months).toBe(12);
    expect(JSON.parse(sal.new!).months).toBe(9);
    expect(await s.listSalaryInputs({ year: 2024 })).toHaveLength(1);

    const text = await s.audit({ text: '误录' });
    expect(text).toHaveLength(1);
  });
});
