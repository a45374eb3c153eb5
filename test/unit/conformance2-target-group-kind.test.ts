/**
 * domain.md: a target's parent group is a medical group (所属医疗集团); finance.md pays a member's
 * head by "the target's group". The targets workbook already refuses a 所属医疗集团 that is not a
 * registered medical group (excel.md); `targets add --group` / saveTarget must refuse it too, or a
 * township centre would become a payer.
 */
import fs from 'node:fs';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Services } from '../../electron/services';
import { openTemp, snapshot } from './support/ex1';

let s: Services;
let dir: string;
beforeEach(() => {
  ({ s, dir } = openTemp('conf2-group-kind-'));
});
afterEach(async () => {
  await s.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

it('a group that is not a medical group is refused (INPUT), nothing written; a medical group, in any case, is taken', async () => {
  await s.saveTarget({ target: { code: 'G1', name: '第一医疗集团', kind: 'medical_group', group: null } });
  await s.saveTarget({ target: { code: 'T1', name: '城关卫生院', kind: 'township_centre', group: 'G1' } });
  const before = snapshot(s.ctx.raw);
  await expect(
    s.saveTarget({ target: { code: 'T2', name: '东关卫生院', kind: 'township_centre', group: 'T1' } }),
  ).rejects.toMatchObject({
    code: 'INPUT',
    message: expect.stringContaining('不是医疗集团'),
  });
  await expect(
    s.saveTarget({ target: { code: 'T1', name: '城关卫生院', kind: 'township_centre', group: 'T1' } }),
  ).rejects.toMatchObject({ code: 'INPUT' });
  expect(snapshot(s.ctx.raw)).toEqual(before);
  const saved = await s.saveTarget({
    target: { code: 'T2', name: '东关卫生院', kind: 'township_centre', group: 'g1' },
  });
  expect(saved.group).toBe('G1');
});
