import { useCallback, useEffect, useRef, useState } from 'react';

import type { CaseId } from '../../../domain/case/ids';
import type { WaymarkDatabase } from '../../db/database';
import {
  isQuotaError,
  storedSourceKeys,
  writeIngestBatch,
  type BatchOutcome,
} from '../../db/ingest.repository';
import { createHashPool, type HashPool } from '../../workers/hash-pool';
import { rememberOriginal } from '../originals/session-originals';
import { startIngest, type IngestProgress, type IngestRun } from './ingest-run';
import type { IngestEntry } from './ingest-sources';
import { useVideoSettings } from './video-settings.store';

interface IngestJob {
  readonly entries: AsyncIterable<IngestEntry>;
  readonly totals?: { files: number; bytes: number };
}

export interface IngestControls {
  readonly progress: IngestProgress | null;
  start: (entries: AsyncIterable<IngestEntry>, totals?: { files: number; bytes: number }) => void;
  pause: () => void;
  resume: () => void;
  cancel: () => void;
}

/**
 * One case's ingest: owns the hashing pool (created on first use, disposed with the screen) and the
 * current run. Re-adding a source reads the case's stored source keys first, so it resumes.
 */
export function useIngest(
  db: WaymarkDatabase,
  caseId: CaseId,
  afterBatch?: (outcome: BatchOutcome) => Promise<void> | void,
): IngestControls {
  const pool = useRef<HashPool | null>(null);
  const run = useRef<IngestRun | null>(null);
  const after = useRef(afterBatch);
  useEffect(() => {
    after.current = afterBatch;
  }, [afterBatch]);
  const [progress, setProgress] = useState<IngestProgress | null>(null);

  // Sources added while a run is going (another drop, another pick) wait their turn instead of being
  // dropped; cancel clears them too.
  const queue = useRef<IngestJob[]>([]);
  const active = useRef(false);

  useEffect(
    () => () => {
      queue.current = [];
      run.current?.cancel();
      pool.current?.dispose();
      pool.current = null;
    },
    [],
  );

  const start = useCallback(
    (entries: AsyncIterable<IngestEntry>, totals?: { files: number; bytes: number }) => {
      const launch = (job: IngestJob): void => {
        active.current = true;
        pool.current ??= createHashPool();
        const hashPool = pool.current;
        void storedSourceKeys(db, caseId)
          .then((skip) => {
            const current = startIngest({
              entries: job.entries,
              ...(job.totals ? { totals: job.totals } : {}),
              pool: hashPool,
              secondsPerHash: useVideoSettings.getState().secondsPerHash,
              skip,
              write: (items) => writeIngestBatch(db, caseId, items),
              afterBatch: (outcome) => after.current?.(outcome),
              // Files picked or dropped (not ZIP entries, whose bytes would have to be kept) can be
              // shown at full size for the rest of the session.
              onHashed: (entry, item) => {
                if (item.ok && entry.blob instanceof File)
                  rememberOriginal(item.signature.sha256, entry.blob);
              },
              classifyFailure: (cause) => (isQuotaError(cause) ? { kind: 'quota' } : null),
              onProgress: setProgress,
            });
            run.current = current;
            return current.finished;
          })
          .finally(() => {
            const next = queue.current.shift();
            if (next) launch(next);
            else active.current = false;
          });
      };
      const job: IngestJob = totals ? { entries, totals } : { entries };
      if (active.current) queue.current.push(job);
      else launch(job);
    },
    [db, caseId],
  );

  return {
    progress,
    start,
    pause: () => run.current?.pause(),
    resume: () => run.current?.resume(),
    cancel: () => {
      queue.current = [];
      run.current?.cancel();
    },
  };
}
