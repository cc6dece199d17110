import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { z } from 'zod';

import { CaseExportReport } from '../../contract/case-exports.contract';
import { endpoints } from '../../contract/endpoints.contract';
import { useDatabase } from '../db/use-database';
import { accountQueries, type AccountState } from './account.queries';
import { ApiError, callApi } from './api-client';

/**
 * Exports of team cases (VICS, CSV, trace crops and sheets, printed reports) reach the team server's
 * audit trail as `case.exported`. The browser cannot be trusted to say so, but it is the only one that
 * knows, and an analyst's honest browser saying it is what lets a unit reconstruct what left.
 *
 * Offline first: a report is written to this browser's storage before anything is sent (so closing the
 * tab right after a download loses nothing) and removed once the server has it. Reports made offline
 * are sent later, marked `delayed: 'offline'`; reports made while nobody was signed in are sent by the
 * next analyst who signs in here, marked `delayed: 'signed-out'` (the trail then names who reported
 * it, and says it was not them who exported). A report the server refuses for good (the case is not,
 * or no longer, theirs on the server) is dropped.
 */
export type ExportFacts = Omit<CaseExportReport, 'exportedAt' | 'delayed'>;

const QUEUE_KEY = 'waymark.exportReports';
const MAX_QUEUED = 1000;

const Pending = z.object({
  caseId: z.string(),
  /** The analyst signed in at the export; null when nobody was. */
  userId: z.string().nullable(),
  report: CaseExportReport,
});
type Pending = z.infer<typeof Pending>;

function readQueue(): Pending[] {
  try {
    const parsed = z.array(Pending).safeParse(JSON.parse(localStorage.getItem(QUEUE_KEY) ?? '[]'));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

function writeQueue(queue: readonly Pending[]): void {
  if (queue.length === 0) localStorage.removeItem(QUEUE_KEY);
  else localStorage.setItem(QUEUE_KEY, JSON.stringify(queue.slice(-MAX_QUEUED)));
}

/** Keeps a report of an export made now, until it is sent. */
export function enqueueExportReport(
  caseId: string,
  userId: string | null,
  facts: ExportFacts,
  at: Date,
): void {
  const report: CaseExportReport = {
    ...facts,
    exportedAt: at.toISOString(),
    ...(userId === null ? { delayed: 'signed-out' as const } : {}),
  };
  writeQueue([...readQueue(), { caseId, userId, report }]);
}

let flushing: Promise<void> | undefined;

/**
 * Sends the kept reports that `userId` may send (their own, and those made while nobody was signed
 * in), oldest first; stops at the first that cannot be sent now. One flush at a time.
 */
export function flushExportReports(userId: string): Promise<void> {
  flushing ??= sendAll(userId).finally(() => (flushing = undefined));
  return flushing;
}

async function sendAll(userId: string): Promise<void> {
  for (;;) {
    const next = readQueue().find((p) => p.userId === userId || p.userId === null);
    if (!next) return;
    const outcome = await send(next);
    // Re-read: another tab may have changed the queue meanwhile.
    const queue = readQueue();
    const at = queue.findIndex((p) => JSON.stringify(p) === JSON.stringify(next));
    if (outcome === 'keep') {
      if (at >= 0 && next.report.delayed === undefined)
        queue[at] = { ...next, report: { ...next.report, delayed: 'offline' } };
      writeQueue(queue);
      return;
    }
    if (at >= 0) queue.splice(at, 1);
    writeQueue(queue);
  }
}

async function send(pending: Pending): Promise<'sent' | 'drop' | 'keep'> {
  try {
    await callApi(endpoints.reportCaseExport, { params: { caseId: pending.caseId }, body: pending.report });
    return 'sent';
  } catch (error) {
    // Not (or no longer) a case of this analyst on the server, or a report it cannot take: nothing
    // more can be recorded. Anything else (offline, signed out, busy) waits for a later try.
    if (error instanceof ApiError && [400, 403, 404].includes(error.status)) return 'drop';
    return 'keep';
  }
}

/**
 * For export buttons: `report(caseId, { format })` right before handing the file to the browser.
 * Does nothing for a local case (nothing of it is on the server).
 */
export function useReportCaseExport(): (caseId: string, facts: ExportFacts) => void {
  const db = useDatabase();
  const queryClient = useQueryClient();
  return useCallback(
    (caseId, facts) => {
      if (!db.teamCases.has(caseId)) return;
      const account = queryClient.getQueryData<AccountState>(accountQueries.me().queryKey);
      const userId = account?.status === 'signed-in' ? account.me.user.id : null;
      enqueueExportReport(caseId, userId, facts, new Date());
      if (userId !== null) void flushExportReports(userId);
    },
    [db, queryClient],
  );
}
