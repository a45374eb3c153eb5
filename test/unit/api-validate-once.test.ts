/**
 * An API call's input is parsed by the contract's schema once: by the dispatcher when it comes in
 * through IPC or the web host (the service then finds it checked), by the service when the CLI or
 * a test calls it directly. A bad input is refused on both paths.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createDispatcher } from '../../electron/gateway/dispatch';
import type { Services } from '../../electron/services/index';
import { apiInputSchemas, checkApiInput } from '../../shared/api/schemas';
import { ex1Services } from './excel-fixtures';

let services: Services;
beforeAll(async () => {
  services = (await ex1Services()).services;
});
afterAll(async () => {
  await services?.close();
});

describe('input validated once', () => {
  it('a checked input is not parsed again; an unchecked copy is', () => {
    const first = checkApiInput('saveSettings', { countyName: ' 示例县 ', appraiserName: '张三' });
    expect(first.ok).toBe(true);
    const value = (first as { value: object }).value;
    expect((checkApiInput('saveSettings', value) as { value: object }).value).toBe(value);
    expect((checkApiInput('saveSettings', { ...value }) as { value: object }).value).not.toBe(value);
    // Checked for one method is not checked for another.
    const scheme = (checkApiInput('getScheme', { year: 2024, scheme: 'EX' }) as { value: object }).value;
    expect((checkApiInput('lock', scheme) as { value: object }).value).not.toBe(scheme);
  });

  it('through the dispatcher: one parse for the call', async () => {
    const parse = vi.spyOn(apiInputSchemas.getScheme, 'safeParse');
    try {
      const dispatch = createDispatcher({ services });
      const r = await dispatch('getScheme', { year: 2024, scheme: 'EX' });
      expect(r.ok).toBe(true);
      expect(parse).toHaveBeenCalledTimes(1);
    } finally {
      parse.mockRestore();
    }
  });

  it('called directly (the CLI): the service parses it, once', async () => {
    const parse = vi.spyOn(apiInputSchemas.getScheme, 'safeParse');
    try {
      expect((await services.getScheme({ year: 2024, scheme: 'EX' })).code).toBe('EX');
      expect(parse).toHaveBeenCalledTimes(1);
      await expect(services.getScheme({ year: 1999, scheme: 'EX' } as never)).rejects.toMatchObject({ code: 'INPUT' });
    } finally {
      parse.mockRestore();
    }
  });

  it('a bad input is refused by the dispatcher with the field named', async () => {
    const r = await createDispatcher({ services })('getScheme', { year: 2024, scheme: '' });
    expect(r).toMatchObject({ ok: false, error: { code: 'INPUT' } });
    expect((r as { error: { message: string } }).error.message).toContain('scheme');
  });
});
