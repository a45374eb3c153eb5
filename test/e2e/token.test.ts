import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { Host } from '../../electron/host/server';
import { ensureRendererBuilt, idle, launch, newPage, startTestHost, tempDb } from './support';

describe('the local web host guards the API with its token', () => {
  let host: Host;
  let browser: Browser;
  beforeAll(async () => {
    ensureRendererBuilt();
    host = await startTestHost(tempDb('token'));
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await host?.close();
  });

  const post = (headers: Record<string, string>) =>
    fetch(`http://127.0.0.1:${host.port}/api/listYears`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body: '{}',
    });

  it('answers 401 without the token and with a wrong one', async () => {
    expect((await post({})).status).toBe(401);
    expect((await post({ 'X-Appraisal-Token': `${host.token}x` })).status).toBe(401);
    expect((await post({ 'X-Appraisal-Token': host.token })).status).toBe(200);
  });

  it('refuses a request from another origin even with the token', async () => {
    const res = await post({ 'X-Appraisal-Token': host.token, Origin: 'http://evil.example' });
    expect(res.status).toBe(403);
  });

  it('a page opened without the token cannot read data; with it, the app starts', async () => {
    const { context, page } = await newPage(browser);
    await page.goto(`http://127.0.0.1:${host.port}/`);
    const status = await page.evaluate(
      async () =>
        (await fetch('/api/listYears', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' }))
          .status,
    );
    expect(status).toBe(401);
    await context.close();

    const ok = await newPage(browser);
    await ok.page.goto(host.url);
    await ok.page.getByTestId('first-start').waitFor();
    await idle(ok.page);
    expect(await ok.page.getByTestId('error-banner').count()).toBe(0);
    // The token leaves the address bar once the page has it; a reload of the tab still works.
    expect(ok.page.url()).not.toContain('token');
    await ok.page.reload();
    await ok.page.getByTestId('first-start').waitFor();
    await idle(ok.page);
    expect(await ok.page.getByTestId('error-banner').count()).toBe(0);
    expect(ok.page.url()).not.toContain('token');
    await ok.context.close();
  });
});
