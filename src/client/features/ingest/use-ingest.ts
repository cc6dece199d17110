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
import { startIngest, type IngestProgress, type IngestRun } from './ingest-run';
import type { IngestEntry } from './ingest-sources';

export const QUOTA_FAILURE = 'quota';

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

  useEffect(
    () => () => {
      run.current?.cancel();
      pool.current?.dispose();
      pool.current = null;
    },
    [],
  );

  const start = useCallback(
    (entries: AsyncIterable<IngestEntry>, totals?: { files: number; bytes: number }) => {
      if (run.current && ['running', 'paused'].includes(progress?.phase ?? '')) return;
      pool.current ??= createHashPool();
      const hashPool = pool.current;
      void storedSourceKeys(db, caseId).then((skip) => {
        run.current = startIngest({
          entries,
          ...(totals ? { totals } : {}),
          pool: hashPool,
          skip,
          write: (items) => writeIngestBatch(db, caseId, items),
          afterBatch: (outcome) => after.current?.(outcome),
          classifyFailure: (cause) =>
            isQuotaError(cause) ? QUOTA_FAILURE : cause instanceof Error ? cause.message : String(cause),
          onProgress: setProgress,
        });
      });
    },
    [db, caseId, progress?.phase],
  );

  return {
    progress,
    start,
    pause: () => run.current?.pause(),
    resume: () => run.current?.resume(),
    cancel: () => run.current?.cancel(),
  };
}
