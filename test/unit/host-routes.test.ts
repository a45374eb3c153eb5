/**
 * The web host's route table and small pure helpers (electron/host/routes.ts, progress.ts,
 * respond.ts, server.ts bindAddress): which handler answers which request, the progress board's
 * bound and forgetting, the 413 message the page shows.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mediaType, routeOf } from '../../electron/host/routes';
import { createProgressBoard, validCallId } from '../../electron/host/progress';
import { statusOf, tooLargeMessage } from '../../electron/host/respond';
import { bindAddress, MAX_BODY_BYTES } from '../../electron/host/server';

describe('routeOf', () => {
  it('sends each method and path to its handler', () => {
    expect(routeOf('GET', '/api/progress')).toEqual({ kind: 'progress' });
    expect(routeOf('POST', '/api/progress')).toEqual({ kind: 'call', name: 'progress' });
    expect(routeOf('POST', '/api/listYears')).toEqual({ kind: 'call', name: 'listYears' });
    expect(routeOf('POST', '/api/%E5%90%8D')).toEqual({ kind: 'call', name: '%E5%90%8D' });
    expect(routeOf('GET', '/api/listYears')).toEqual({ kind: 'apiMethodNotAllowed' });
    expect(routeOf('PUT', '/api/listYears')).toEqual({ kind: 'apiMethodNotAllowed' });
    expect(routeOf('GET', '/')).toEqual({ kind: 'static' });
    expect(routeOf('HEAD', '/assets/app.js')).toEqual({ kind: 'static' });
    expect(routeOf('GET', '/api')).toEqual({ kind: 'static' });
    expect(routeOf('POST', '/')).toEqual({ kind: 'methodNotAllowed' });
    expect(routeOf('DELETE', '/index.html')).toEqual({ kind: 'methodNotAllowed' });
  });

  it('reads the media type of a Content-Type header', () => {
    expect(mediaType('Application/JSON ; charset=utf-8')).toBe('application/json');
    expect(mediaType('text/plain')).toBe('text/plain');
    expect(mediaType(undefined)).toBe('');
  });
});

describe('the progress board', () => {
  afterEach(() => vi.useRealTimers());

  it('accepts only short plain call ids', () => {
    expect(validCallId('c_1-A')).toBe('c_1-A');
    expect(validCallId('a'.repeat(64))).toBe('a'.repeat(64));
    expect(validCallId('a'.repeat(65))).toBeNull();
    expect(validCallId('')).toBeNull();
    expect(validCallId('a b')).toBeNull();
    expect(validCallId(['a'])).toBeNull();
    expect(validCallId(undefined)).toBeNull();
  });

  it('keeps the latest event per call and drops the oldest call past the bound', () => {
    const board = createProgressBoard({ maxCalls: 2 });
    const ev = (message: string) => ({
      method: 'importValues' as const,
      phase: 'progress' as const,
      fraction: 0.5,
      message,
    });
    board.remember('a', ev('a1'));
    board.remember('b', ev('b1'));
    board.remember('a', ev('a2')); // an update, not a new call
    expect(board.latest('a')?.message).toBe('a2');
    board.remember('c', ev('c1'));
    expect(board.latest('a')).toBeNull();
    expect(board.latest('b')?.message).toBe('b1');
    expect(board.latest('c')?.message).toBe('c1');
    expect(board.latest('zzz')).toBeNull();
  });

  it('forgets an ended call after the keep time, unless it was reused meanwhile', () => {
    vi.useFakeTimers();
    const board = createProgressBoard({ keepMs: 1000 });
    const done = { method: 'importValues' as const, phase: 'done' as const, fraction: 1, message: '完成' };
    board.remember('x', done);
    board.remember('y', done);
    vi.advanceTimersByTime(500);
    board.remember('y', { ...done, phase: 'progress', message: '再次' });
    expect(board.latest('x')?.message).toBe('完成');
    vi.advanceTimersByTime(600);
    expect(board.latest('x')).toBeNull();
    expect(board.latest('y')?.message).toBe('再次');
  });
});

describe('answers and binding', () => {
  it('maps error codes to HTTP statuses', () => {
    expect(statusOf('INPUT')).toBe(400);
    expect(statusOf('LOCKED')).toBe(409);
    expect(statusOf('NOT_FOUND')).toBe(404);
    expect(statusOf('BUSY')).toBe(503);
    expect(statusOf('DB')).toBe(500);
    expect(statusOf('NOPE' as never)).toBe(500);
  });

  it('tells the page the limit in MB and what to do', () => {
    expect(tooLargeMessage(MAX_BODY_BYTES)).toBe(
      '上传的内容过大（超过 150 MB），未处理。导入文件最大 100 MB；请拆分后分批导入。',
    );
    expect(tooLargeMessage(1.4 * 1024 * 1024)).toContain('超过 1 MB');
  });

  it('binds loopback only', () => {
    expect(bindAddress(undefined)).toBe('127.0.0.1');
    expect(bindAddress('localhost')).toBe('127.0.0.1');
    expect(bindAddress('::1')).toBe('::1');
    expect(() => bindAddress('0.0.0.0')).toThrow('只能监听本机地址');
    expect(() => bindAddress('192.168.1.5')).toThrow('192.168.1.5');
  });
});
