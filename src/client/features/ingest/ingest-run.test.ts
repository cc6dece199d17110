import { describe, expect, it } from 'vitest';

import type { ImageSignature } from '../../../domain/hashing/file-signature';
import type { BatchOutcome, IngestedItem } from '../../db/ingest.repository';
import { hashRefusal } from '../../../domain/hashing/hash-problem';
import {
  ingestFailureOf,
  startIngest,
  type HashPoolPort,
  type IngestProgress,
  type PoolResult,
} from './ingest-run';
import { ZipReadError, type IngestEntry } from './ingest-sources';

/** A pool whose jobs finish when the test says so, recording the most files it held at once. */
function manualPool(size = 2) {
  const waiting: { blob: Blob; resolve: (r: PoolResult) => void; reject: (e: Error) => void }[] = [];
  const pool = {
    size,
    maxHeld: 0,
    cancelled: false,
    submit(blob: Blob) {
      return new Promise<PoolResult>((resolve, reject) => {
        waiting.push({ blob, resolve, reject });
        pool.maxHeld = Math.max(pool.maxHeld, waiting.length);
      });
    },
    cancel() {
      pool.cancelled = true;
      for (const job of waiting.splice(0)) job.reject(new Error('cancelled'));
    },
    /** Finishes the oldest job: text "bad" fails, anything else is an image. */
    async finishOne() {
      const job = waiting.shift();
      if (!job) return false;
      const text = await job.blob.text();
      job.resolve(
        text === 'bad'
          ? { ...hashRefusal({ code: 'not-media' }), bytes: 3 }
          : {
              ...({
                ok: true,
                sha256: text,
                md5: '',
                sha1: '',
                bytes: 1,
                width: 1,
                height: 1,
                pdq: '',
                pdqQuality: 0,
                pdqDihedral: [],
              } as unknown as ImageSignature),
              thumbnail: new Blob(),
              thumbnailWidth: 1,
              thumbnailHeight: 1,
              mimeType: 'image/jpeg',
              format: 'jpeg',
            },
      );
      return true;
    },
  };
  return pool satisfies HashPoolPort;
}

function entries(texts: string[]): IngestEntry[] {
  return texts.map((t, i) => ({ path: `f${i}`, size: t.length, lastModified: 1, blob: new Blob([t]) }));
}

async function* stream(list: IngestEntry[]) {
  for (const e of list) {
    await Promise.resolve();
    yield e;
  }
}

const tick = () => new Promise((r) => setTimeout(r, 0));

async function drain(pool: ReturnType<typeof manualPool>, until: Promise<unknown>) {
  let over = false;
  void until.then(() => (over = true));
  while (!over) {
    await tick();
    await pool.finishOne();
  }
}

function recorder() {
  const batches: IngestedItem[][] = [];
  const write = (items: readonly IngestedItem[]): Promise<BatchOutcome> => {
    batches.push([...items]);
    return Promise.resolve({
      created: [],
      signals: [],
      duplicates: 0,
      failed: items.filter((i) => !i.ok).length,
      skipped: 0,
    });
  };
  return { batches, write };
}

describe('startIngest', () => {
  it('keeps at most `window` files in flight, writes in batches, and skips stored sources', async () => {
    const pool = manualPool();
    const { batches, write } = recorder();
    const list = entries(['a', 'b', 'bad', 'd', 'e', 'f', 'g']);
    const run = startIngest({
      entries: stream(list),
      totals: { files: 7, bytes: 9 },
      pool,
      skip: new Set(['f1|1|1']),
      write,
      onProgress: () => undefined,
      window: 3,
      batchSize: 2,
    });
    await drain(pool, run.finished);
    const final = await run.finished;
    expect(pool.maxHeld).toBeLessThanOrEqual(3);
    expect(batches.flat().map((i) => i.path)).toEqual(['f0', 'f2', 'f3', 'f4', 'f5', 'f6']);
    expect(Math.max(...batches.map((b) => b.length))).toBe(2);
    expect(final).toMatchObject({ phase: 'done', filesDone: 6, skipped: 1, failed: 1, filesTotal: 7 });
  });

  it('pauses feeding and resumes where it stopped', async () => {
    const pool = manualPool(1);
    const { batches, write } = recorder();
    const run = startIngest({
      entries: stream(entries(['a', 'b', 'c', 'd'])),
      pool,
      skip: new Set(),
      write,
      onProgress: () => undefined,
      window: 1,
      batchSize: 1,
    });
    await tick();
    run.pause();
    await pool.finishOne();
    for (let i = 0; i < 5; i++) {
      await tick();
      await pool.finishOne();
    }
    // Only the file already in flight when paused may finish (plus, at most, the next one being fed).
    expect(batches.flat().length).toBeLessThanOrEqual(2);
    run.resume();
    await drain(pool, run.finished);
    expect((await run.finished).phase).toBe('done');
    expect(batches.flat().map((i) => i.path)).toEqual(['f0', 'f1', 'f2', 'f3']);
  });

  it('cancels: queued work is dropped, never recorded as errors', async () => {
    const pool = manualPool();
    const { batches, write } = recorder();
    const run = startIngest({
      entries: stream(entries(['a', 'b', 'c', 'd'])),
      pool,
      skip: new Set(),
      write,
      onProgress: () => undefined,
      window: 4,
      batchSize: 1,
    });
    await tick();
    await pool.finishOne();
    await tick();
    run.cancel();
    const final = await run.finished;
    expect(pool.cancelled).toBe(true);
    expect(final.phase).toBe('cancelled');
    expect(batches.flat().every((i) => i.ok)).toBe(true);
    expect(batches.flat().length).toBe(1);
  });

  it('stops everything when a batch cannot be written, with the classified reason', async () => {
    const pool = manualPool();
    const seen: IngestProgress[] = [];
    const run = startIngest({
      entries: stream(entries(['a', 'b', 'c', 'd', 'e', 'f'])),
      pool,
      skip: new Set(),
      write: () => Promise.reject(new DOMException('full', 'QuotaExceededError')),
      classifyFailure: (cause) => (cause instanceof DOMException ? { kind: 'quota' } : null),
      onProgress: (p) => seen.push(p),
      window: 2,
      batchSize: 1,
    });
    await drain(pool, run.finished);
    const final = await run.finished;
    expect(final).toMatchObject({ phase: 'failed', failure: { kind: 'quota' } });
    expect(pool.cancelled).toBe(true);
    expect(final.filesDone).toBeLessThan(6);
    expect(seen.at(-1)).toEqual(final);
  });
});

describe('ingestFailureOf', () => {
  it('names an unreadable archive with the reader’s words, and keeps anything else’s text as its detail', () => {
    const zip = new ZipReadError('phone-1.zip', new Error('invalid central directory'));
    expect(ingestFailureOf(zip)).toEqual({
      kind: 'archive',
      archive: 'phone-1.zip',
      detail: 'invalid central directory',
    });
    expect(ingestFailureOf(new TypeError('x is undefined'))).toEqual({
      kind: 'other',
      detail: 'x is undefined',
    });
  });
});
