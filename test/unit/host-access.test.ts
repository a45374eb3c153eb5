/**
 * The web host's access rules as pure functions (electron/host/access.ts): which token counts, in
 * which order the checks run, and what a refused request is told. The same rules over real sockets
 * are covered by shell-host.test.ts and the e2e token.test.ts.
 */
import { describe, expect, it } from 'vitest';
import {
  checkAccess,
  cookieValue,
  ownHosts,
  sameToken,
  tokenCookie,
  tokenCookieName,
} from '../../electron/host/access';

const TOKEN = 'tok-0123456789abcdef';
const PORT = 4711;
const own = `127.0.0.1:${PORT}`;

function req(method: string, pathAndQuery: string, headers: Record<string, string> = {}) {
  return { method, url: new URL(pathAndQuery, 'http://127.0.0.1'), headers: { host: own, ...headers } };
}

describe('sameToken and cookieValue', () => {
  it('matches only the exact token', () => {
    expect(sameToken(TOKEN, TOKEN)).toBe(true);
    expect(sameToken(`${TOKEN}x`, TOKEN)).toBe(false);
    expect(sameToken(TOKEN.slice(0, -1), TOKEN)).toBe(false);
    expect(sameToken('', TOKEN)).toBe(false);
    expect(sameToken(null, TOKEN)).toBe(false);
    expect(sameToken(undefined, TOKEN)).toBe(false);
  });

  it('reads one cookie out of a Cookie header, URI-decoded', () => {
    expect(cookieValue('a=1; appraisal_token_4711=x%2By ; b=2', 'appraisal_token_4711')).toBe('x+y');
    expect(cookieValue('appraisal_token_4712=x', 'appraisal_token_4711')).toBeNull();
    expect(cookieValue(undefined, 'a')).toBeNull();
    expect(cookieValue('=x; a', 'a')).toBeNull();
  });

  it('the token cookie is per port, HttpOnly and SameSite=Strict', () => {
    expect(tokenCookieName(PORT)).toBe('appraisal_token_4711');
    expect(tokenCookie(PORT, 'a/b')).toBe('appraisal_token_4711=a%2Fb; Path=/; HttpOnly; SameSite=Strict');
  });

  it('own hosts are the three loopback spellings on the port', () => {
    expect([...ownHosts(PORT)].sort()).toEqual([`127.0.0.1:${PORT}`, `[::1]:${PORT}`, `localhost:${PORT}`]);
  });
});

describe('checkAccess', () => {
  it('refuses a call without the token with JSON, a page with a plain-text hint', () => {
    expect(checkAccess(req('POST', '/api/listYears'), TOKEN, PORT)).toEqual({
      ok: false,
      status: 401,
      as: 'json',
      message: '缺少或错误的访问口令（token）',
    });
    const page = checkAccess(req('GET', '/'), TOKEN, PORT);
    expect(page).toMatchObject({ ok: false, status: 401, as: 'text' });
    expect(page.ok ? '' : page.message).toContain('?token=');
  });

  it('accepts the header or this port’s cookie; another port’s cookie does not count', () => {
    expect(checkAccess(req('POST', '/api/x', { 'x-appraisal-token': TOKEN }), TOKEN, PORT)).toEqual({
      ok: true,
      fromQuery: false,
    });
    const cookie = (name: string) => req('POST', '/api/x', { cookie: `${name}=${encodeURIComponent(TOKEN)}` });
    expect(checkAccess(cookie(tokenCookieName(PORT)), TOKEN, PORT).ok).toBe(true);
    expect(checkAccess(cookie(tokenCookieName(PORT + 1)), TOKEN, PORT)).toMatchObject({ ok: false, status: 401 });
  });

  it('takes ?token= on GET only, and says so (the answer then sets the cookie)', () => {
    expect(checkAccess(req('GET', `/?token=${TOKEN}`), TOKEN, PORT)).toEqual({ ok: true, fromQuery: true });
    expect(checkAccess(req('HEAD', `/?token=${TOKEN}`), TOKEN, PORT)).toMatchObject({ ok: false, status: 401 });
    expect(checkAccess(req('POST', `/api/x?token=${TOKEN}`), TOKEN, PORT)).toMatchObject({ ok: false, status: 401 });
    // With the header as well, the URL's token still asks for the cookie.
    expect(checkAccess(req('GET', `/?token=${TOKEN}`, { 'x-appraisal-token': TOKEN }), TOKEN, PORT)).toEqual({
      ok: true,
      fromQuery: true,
    });
  });

  it('checks the token before the origin: without it, a foreign origin learns only 401', () => {
    expect(checkAccess(req('POST', '/api/x', { origin: 'http://evil.example' }), TOKEN, PORT)).toMatchObject({
      status: 401,
    });
  });

  it('refuses other origins (also https or another port of this machine) with 403', () => {
    const withOrigin = (origin: string) =>
      checkAccess(req('POST', '/api/x', { 'x-appraisal-token': TOKEN, origin }), TOKEN, PORT);
    expect(withOrigin('http://evil.example')).toEqual({
      ok: false,
      status: 403,
      as: 'json',
      message: '拒绝来自其他网站的请求：http://evil.example',
    });
    expect(withOrigin(`https://127.0.0.1:${PORT}`)).toMatchObject({ ok: false, status: 403 });
    expect(withOrigin(`http://127.0.0.1:${PORT + 1}`)).toMatchObject({ ok: false, status: 403 });
    expect(withOrigin(`http://localhost:${PORT}`)).toEqual({ ok: true, fromQuery: false });
    expect(withOrigin(`http://[::1]:${PORT}`)).toEqual({ ok: true, fromQuery: false });
    // A long origin is cut in the message.
    const long = withOrigin(`http://${'a'.repeat(300)}`);
    expect(long.ok ? '' : long.message.length).toBe('拒绝来自其他网站的请求：'.length + 100);
  });

  it('refuses a foreign Host header (DNS rebinding) with 403', () => {
    const withHost = (host: string) => checkAccess(req('GET', '/', { 'x-appraisal-token': TOKEN, host }), TOKEN, PORT);
    expect(withHost('attacker.example:4711')).toEqual({
      ok: false,
      status: 403,
      as: 'json',
      message: '拒绝：主机名不是本机',
    });
    expect(withHost('127.0.0.1')).toMatchObject({ ok: false, status: 403 });
    expect(withHost(`localhost:${PORT}`)).toEqual({ ok: true, fromQuery: false });
  });
});
