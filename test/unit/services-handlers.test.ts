/**
 * The contract is implemented by per-domain handler modules (electron/services/handlers/) that
 * index.ts combines; the input check is applied where they are combined, for every method. Here:
 * every method of the method table is on the opened services and refuses an input its schema
 * does not allow (an unknown field) before any handler runs — nothing is written; and the
 * combination refuses, at compile time, a method implemented twice or not at all.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_METHODS } from '../../shared/api/methods';
import type { Services } from '../../electron/services/index';
import { checkedApi, type EveryMethodOnce, type Handlers } from '../../electron/services/handlers/handler';
import { targetHandlers } from '../../electron/services/handlers/targets';
import { ex1Services } from './excel-fixtures';

let services: Services;
let dbPath: string;
beforeAll(async () => {
  services = (await ex1Services()).services;
  dbPath = services.ctx.dbPath;
});
afterAll(async () => {
  await services?.close();
});

describe('handler modules combined with the input check', () => {
  it('every method of the table is implemented and refuses an unknown field with INPUT, writing nothing', async () => {
    const audit = () => services.ctx.raw.prepare('SELECT COUNT(*) AS n FROM audit_log').get() as { n: number };
    const before = audit().n;
    const size = fs.statSync(dbPath).size;
    for (const method of API_METHODS) {
      const fn = services[method] as (input: unknown) => Promise<unknown>;
      expect(typeof fn, method).toBe('function');
      await expect(fn({ 不存在的字段: 1 }), method).rejects.toMatchObject({ code: 'INPUT' });
    }
    expect(audit().n).toBe(before);
    expect(fs.statSync(dbPath).size).toBe(size);
  });

  it('each method exactly once: a duplicate or a missing domain does not compile', () => {
    type Targets = Handlers<'listTargets' | 'saveTarget' | 'retireTarget'>;
    const twice: EveryMethodOnce<[Targets, Targets]> = { implementedTwice: 'listTargets' };
    expect(twice).toBeTruthy();
    const t = targetHandlers(services.ctx);
    // @ts-expect-error — only three of the contract's methods: `true` is refused.
    expect(() => checkedApi(services.ctx, [t], true)).not.toThrow();
  });
});
