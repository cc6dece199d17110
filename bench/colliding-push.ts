// The heaviest legal work one account can ask of the server (docs/SYNC.md "Bounded work per account"):
// 2,000 stored media with one PDQ, then 500 more with the same PDQ pushed into another case, each in its
// own series (500 series, 1,000 mutations in two pushes of 500), and a media record with 40,000 dihedral
// hashes. /api/health is polled every 10 ms from this process (the server runs in its own) throughout;
// the worst and p99 latency are what an analyst elsewhere would have waited.
import { ulid } from 'ulidx';

import { fakeDigest, fakeDihedral, syncedMedia } from '../src/contract/records/testing/synced-fixtures';
import { SYNC_PROTOCOL_VERSION, type PushResponse } from '../src/contract/sync.contract';

const STORED = Number(process.env.BENCH_COLLIDING_STORED ?? 2000);
const PUSHED = Number(process.env.BENCH_COLLIDING_PUSHED ?? 500);
const HEADERS = { 'content-type': 'application/json', 'x-waymark-request': '1' };
const AT = '2026-01-01T00:00:00.000Z';

export interface CollidingFigures {
  readonly worstMs: number;
  readonly p99Ms: number;
  readonly samples: number;
  readonly pushMs: readonly number[];
  readonly hugeDihedralMs: number;
  readonly hugeDihedralStatus: number;
}

export async function collidingPush(url: string, cookie: string): Promise<CollidingFigures> {
  const headers = { ...HEADERS, cookie, origin: url };
  const newCase = async (name: string) => {
    const response = await fetch(`${url}/api/cases`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ name }),
    });
    return ((await response.json()) as { id: string }).id;
  };
  const caseA = await newCase('Stored copies');
  const caseB = await newCase('Pushed copies');
  const pdq = fakeDigest('one picture', 64);
  const same = { pdq, pdqQuality: 100, pdqDihedral: fakeDihedral(pdq) };
  const clientId = ulid();
  let seq = 0;
  const mutation = (caseId: string, entity: string, id: string, fields: Record<string, unknown>) => ({
    mutationId: ulid(),
    seq: ++seq,
    caseId,
    entity,
    id,
    op: 'put',
    fields,
  });
  const push = async (mutations: unknown[]): Promise<PushResponse> => {
    const response = await fetch(`${url}/api/sync/push`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ protocol: SYNC_PROTOCOL_VERSION, clientId, mutations }),
    });
    if (response.status !== 200) throw new Error(`push: ${response.status} ${await response.text()}`);
    return (await response.json()) as PushResponse;
  };

  for (let i = 0; i < STORED; i += 500) {
    const batch = Array.from({ length: Math.min(500, STORED - i) }, () => {
      const id = ulid();
      return mutation(caseA, 'media', id, { ...syncedMedia(caseA, id, same), seriesId: '' });
    });
    await push(batch);
  }
  const colliding: unknown[] = [];
  for (let i = 0; i < PUSHED; i++) {
    const seriesId = ulid();
    const id = ulid();
    colliding.push(
      mutation(caseB, 'series', seriesId, {
        id: seriesId,
        caseId: caseB,
        number: i + 1,
        name: '',
        createdAt: AT,
        updatedAt: AT,
      }),
      mutation(caseB, 'media', id, { ...syncedMedia(caseB, id, same), seriesId }),
    );
  }
  const hugeId = ulid();
  const huge = mutation(caseB, 'media', hugeId, {
    ...syncedMedia(caseB, hugeId),
    pdqDihedral: Array.from({ length: 40_000 }, (_, i) => fakeDigest(`d${i}`, 64)),
  });

  const latencies: number[] = [];
  let polling = true;
  const poll = (async () => {
    while (polling) {
      const started = performance.now();
      await (await fetch(`${url}/api/health`)).text();
      latencies.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  })();
  const pushMs: number[] = [];
  for (let i = 0; i < colliding.length; i += 500) {
    const started = performance.now();
    const answer = await push(colliding.slice(i, i + 500));
    if (answer.held)
      throw new Error(`the bench account's budget held the push: ${JSON.stringify(answer.held)}`);
    pushMs.push(performance.now() - started);
  }
  const hugeStarted = performance.now();
  const hugeAnswer = await fetch(`${url}/api/sync/push`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ protocol: SYNC_PROTOCOL_VERSION, clientId, mutations: [huge] }),
  });
  await hugeAnswer.text();
  const hugeDihedralMs = performance.now() - hugeStarted;
  polling = false;
  await poll;
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    worstMs: sorted.at(-1) ?? 0,
    p99Ms: sorted[Math.floor(sorted.length * 0.99)] ?? 0,
    samples: sorted.length,
    pushMs,
    hugeDihedralMs,
    hugeDihedralStatus: hugeAnswer.status,
  };
}
