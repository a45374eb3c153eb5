/**
 * Saves of typed cells, queued per cell: the saves of one cell run one after another in the order
 * they were typed (a later value can never be overwritten by an earlier save finishing last);
 * different cells do not wait for each other. A failed save does not stop the next one of its cell.
 * The count of queued or running saves is observable, so the page can show (and tests can wait
 * for) "everything typed is saved".
 */
export interface SaveQueue {
  /**
   * Run `job` after every earlier job of the same key; the promise settles with the job. The job
   * gets its sequence number (1, 2, … over the queue's life) to ask isLatest() with.
   */
  push<T>(key: string, job: (seq: number) => Promise<T>): Promise<T>;
  /** Whether job `seq` is the last one pushed for `key` (no newer value of that cell is waiting). */
  isLatest(key: string, seq: number): boolean;
  /** Jobs queued or running, all keys. */
  pending(): number;
  /** Jobs queued or running for one key (the one running included). */
  pendingFor(key: string): number;
  /** Called with pending() whenever it changes. */
  subscribe(fn: (pending: number) => void): () => void;
  /** Settles when nothing is queued or running. */
  idle(): Promise<void>;
}

export function createSaveQueue(): SaveQueue {
  const tails = new Map<string, Promise<unknown>>();
  const perKey = new Map<string, number>();
  const lastSeq = new Map<string, number>();
  let seqs = 0;
  const listeners = new Set<(n: number) => void>();
  let waiters: (() => void)[] = [];
  let total = 0;

  const changed = () => {
    for (const fn of listeners) fn(total);
    if (total === 0) {
      const w = waiters;
      waiters = [];
      for (const r of w) r();
    }
  };

  return {
    push<T>(key: string, job: (seq: number) => Promise<T>): Promise<T> {
      const seq = ++seqs;
      lastSeq.set(key, seq);
      total++;
      perKey.set(key, (perKey.get(key) ?? 0) + 1);
      changed();
      const before = tails.get(key) ?? Promise.resolve();
      // Run after the previous job of this key, whatever its outcome.
      const run = before.then(
        () => job(seq),
        () => job(seq),
      );
      const tail = run.then(
        () => undefined,
        () => undefined,
      );
      tails.set(key, tail);
      void tail.then(() => {
        const left = (perKey.get(key) ?? 1) - 1;
        if (left > 0) perKey.set(key, left);
        else perKey.delete(key);
        if (tails.get(key) === tail) tails.delete(key);
        total--;
        changed();
      });
      return run;
    },
    isLatest: (key, seq) => lastSeq.get(key) === seq,
    pending: () => total,
    pendingFor: (key) => perKey.get(key) ?? 0,
    subscribe(fn) {
      listeners.add(fn);
      return () => {
        listeners.delete(fn);
      };
    },
    idle() {
      return total === 0 ? Promise.resolve() : new Promise<void>((r) => waiters.push(r));
    },
  };
}
