/**
 * Request bodies: small ones in memory; larger ones (uploads) spooled to a temporary file as they
 * arrive and read back once complete, one at a time. Over the limit → TooLarge (the caller answers
 * 413), with the rest of the body read and discarded so the client gets the answer, not a reset.
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdtempSync, rmSync, type WriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import os from 'node:os';
import path from 'node:path';

/** Bodies above this are spooled to a temporary file while they arrive, not held in memory. */
export const SPOOL_FROM_BYTES = 1024 * 1024;

export class TooLarge extends Error {}

let spoolDir: string | null = null;
function spoolFile(): string {
  spoolDir ??= mkdtempSync(path.join(os.tmpdir(), 'appraisal-uploads-'));
  return path.join(spoolDir, `${Date.now()}-${randomBytes(6).toString('hex')}.json`);
}

/** Removes the folder of spooled uploads (when the host closes). */
export function removeSpoolDir(): void {
  if (spoolDir) rmSync(spoolDir, { recursive: true, force: true });
  spoolDir = null;
}

/** Large bodies are parsed one at a time: four concurrent 140 MB uploads no longer add up in memory. */
let bigParse: Promise<unknown> = Promise.resolve();
function oneBigAtATime<T>(fn: () => Promise<T>): Promise<T> {
  const r = bigParse.then(fn, fn);
  bigParse = r.catch(() => undefined);
  return r;
}

/** The file a body goes to once it passes SPOOL_FROM_BYTES: what came so far is written first. */
function openSpool(head: Buffer[], onError: (e: unknown) => void): { file: string; out: WriteStream } {
  const file = spoolFile();
  const out = createWriteStream(file);
  out.on('error', onError);
  for (const b of head) out.write(b);
  return { file, out };
}

/** The whole body as one buffer; see the file comment. */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > limit) {
    req.resume();
    return Promise.reject(new TooLarge());
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let spool: { file: string; out: WriteStream } | null = null;
    let failed = false;
    const fail = (e: unknown) => {
      if (failed) return;
      failed = true;
      spool?.out.destroy();
      if (spool) rmSync(spool.file, { force: true });
      reject(e);
    };
    req.on('data', (c: Buffer) => {
      if (failed) return; // discarding the rest of a refused body
      size += c.length;
      if (size > limit) return fail(new TooLarge());
      if (!spool && size > SPOOL_FROM_BYTES) {
        spool = openSpool(chunks, fail);
        chunks.length = 0;
      }
      if (!spool) chunks.push(c);
      else if (!spool.out.write(c)) {
        req.pause();
        spool.out.once('drain', () => req.resume());
      }
    });
    req.on('end', () => {
      if (failed) return;
      if (!spool) return resolve(Buffer.concat(chunks));
      const f = spool.file;
      spool.out.end(() => {
        oneBigAtATime(() => readFile(f))
          .then(resolve, reject)
          .finally(() => rmSync(f, { force: true }));
      });
    });
    req.on('error', fail);
    req.on('aborted', () => fail(new Error('aborted')));
  });
}

/**
 * Reads the rest of a refused body and throws it away: closing on unread data would reset the
 * connection and the page would never see the answer.
 */
export function drainRest(req: IncomingMessage): Promise<void> {
  return new Promise<void>((resolve) => {
    if (req.readableEnded || req.destroyed) return resolve();
    req.on('end', resolve);
    req.on('close', resolve);
    req.resume();
  });
}
