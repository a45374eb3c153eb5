import { describe, expect, it } from 'vitest';
import { createSaveQueue } from '../../renderer/src/lib/saveQueue';

/** A promise settled from outside, so the test decides the order in which saves come back. */
function deferred<T = void>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
const flush = () => new Promise((r) => setTimeout(r, 0));

describe('per-cell save queue', () => {
  it('runs the saves of one cell in the order typed, even when the first is slower', async () => {
    const q = createSaveQueue();
    const started: string[] = [];
    const stored: string[] = [];
    const first = deferred();
    const a = q.push('T1/A1', async () => {
      started.push('5');
      await first.promise;
      stored.push('5');
    });
    const b = q.push('T1/A1', async () => {
      started.push('6');
      stored.push('6');
    });
    await flush();
    expect(started).toEqual(['5']); // the second waits for the first
    expect(q.pending()).toBe(2);
    expect(q.pendingFor('T1/A1')).toBe(2);
    first.resolve();
    await Promise.all([a, b]);
    expect(stored).toEqual(['5', '6']);
    await flush();
    expect(q.pending()).toBe(0);
  });

  it('lets different cells run at once, and a failed save does not block the next of its cell', async () => {
    const q = createSaveQueue();
    const slow = deferred();
    const log: string[] = [];
    const a = q.push('T1/A1', async () => {
      await slow.promise;
      log.push('T1');
    });
    const bad = q.push('T2/A1', async () => {
      throw new Error('已定稿');
    });
    const after = q.push('T2/A1', async () => {
      log.push('T2 again');
    });
    await expect(bad).rejects.toThrow('已定稿');
    await after;
    expect(log).toEqual(['T2 again']); // T2 did not wait for T1
    slow.resolve();
    await a;
    await q.idle();
    expect(q.pending()).toBe(0);
  });

  it('tells whether a save is the latest of its cell and reports the pending count', async () => {
    const q = createSaveQueue();
    const counts: number[] = [];
    q.subscribe((n) => counts.push(n));
    const latest: boolean[] = [];
    const d = deferred();
    const a = q.push('k', async (seq) => {
      await d.promise;
      latest.push(q.isLatest('k', seq));
    });
    const b = q.push('k', async (seq) => {
      latest.push(q.isLatest('k', seq));
    });
    let idle = false;
    const waiting = q.idle().then(() => {
      idle = true;
    });
    await flush();
    expect(idle).toBe(false);
    d.resolve();
    await Promise.all([a, b, waiting]);
    expect(latest).toEqual([false, true]);
    expect(idle).toBe(true);
    expect(counts).toEqual([1, 2, 1, 0]);
  });
});
