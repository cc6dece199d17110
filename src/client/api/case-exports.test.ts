// Export reports for the audit trail: kept before they are sent, sent later when offline or when
// nobody was signed in, never sent by the wrong analyst, dropped when the server refuses them for good.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { enqueueExportReport, flushExportReports } from './case-exports';

const CASE = '01JDQ7ZK3M8V4N2X9R5T6W7Y8Z';
const SERIES = '01JDQ7ZK3M8V4N2X9R5T6W7Y90';
const at = new Date('2026-07-01T10:00:00Z');

type Answer = { status: number } | 'offline';

/** A server that answers each POST with the next answer, recording what it was sent. */
function server(...answers: Answer[]) {
  const sent: { url: string; body: unknown }[] = [];
  vi.stubGlobal('fetch', (url: string, init: RequestInit) => {
    const answer = answers.shift() ?? { status: 200 };
    if (answer === 'offline') return Promise.reject(new TypeError('Failed to fetch'));
    sent.push({ url, body: JSON.parse(init.body as string) as unknown });
    const ok = answer.status < 300;
    return Promise.resolve(
      new Response(JSON.stringify(ok ? { ok: true } : { error: 'not_found', message: 'x' }), {
        status: answer.status,
        headers: { 'content-type': 'application/json' },
      }),
    );
  });
  return sent;
}

beforeEach(() => {
  const data = new Map<string, string>();
  vi.stubGlobal('localStorage', {
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
    removeItem: (k: string) => void data.delete(k),
  });
});
afterEach(() => vi.unstubAllGlobals());

const queued = () => JSON.parse(localStorage.getItem('waymark.exportReports') ?? '[]') as unknown[];

describe('export reports', () => {
  it('sends a report at once when online, and keeps nothing', async () => {
    const sent = server({ status: 200 });
    enqueueExportReport(CASE, 'u-amira', { format: 'trace-crop', seriesId: SERIES }, at);
    await flushExportReports('u-amira');
    expect(sent).toEqual([
      {
        url: `/api/cases/${CASE}/exports`,
        body: { format: 'trace-crop', seriesId: SERIES, exportedAt: at.toISOString() },
      },
    ]);
    expect(queued()).toEqual([]);
  });

  it('keeps a report made offline and sends it later, marked as delayed', async () => {
    server('offline');
    enqueueExportReport(CASE, 'u-amira', { format: 'vics-case' }, at);
    await flushExportReports('u-amira');
    expect(queued()).toHaveLength(1);
    const sent = server({ status: 200 });
    await flushExportReports('u-amira');
    expect(sent.map((s) => s.body)).toEqual([
      { format: 'vics-case', exportedAt: at.toISOString(), delayed: 'offline' },
    ]);
    expect(queued()).toEqual([]);
  });

  it('sends an analyst’s reports only for them; one made signed out goes with the next analyst, marked so', async () => {
    server('offline');
    enqueueExportReport(CASE, 'u-amira', { format: 'signatures-csv' }, at);
    enqueueExportReport(CASE, null, { format: 'report', seriesId: SERIES }, at);
    await flushExportReports('u-amira');
    const sent = server();
    await flushExportReports('u-bilal');
    expect(sent.map((s) => s.body)).toEqual([
      { format: 'report', seriesId: SERIES, exportedAt: at.toISOString(), delayed: 'signed-out' },
    ]);
    expect(queued()).toHaveLength(1); // Amira's, for Amira
    await flushExportReports('u-amira');
    expect(sent).toHaveLength(2);
    expect(queued()).toEqual([]);
  });

  it('drops a report the server refuses for good (not a member, not on the server), and goes on', async () => {
    const sent = server({ status: 404 }, { status: 200 });
    enqueueExportReport(CASE, 'u-amira', { format: 'vics-case' }, at);
    enqueueExportReport(CASE, 'u-amira', { format: 'vics-hash-set' }, at);
    await flushExportReports('u-amira');
    expect(sent).toHaveLength(2);
    expect(queued()).toEqual([]);
  });
});
