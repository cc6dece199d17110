import { useCallback, useEffect, useRef, useState } from 'react';

import type { WorkerMediaResult } from '../../../worker/hash.worker';
import { createHashPool, isAbortError, type HashPool } from '../../workers/hash-pool';
import { ProgressMeter, type ProgressSnapshot } from '../../workers/progress-meter';

export interface HashRow {
  readonly id: number;
  readonly name: string;
  readonly size: number;
  readonly result?: WorkerMediaResult;
}

/** Hashes a batch of files on the worker pool; rows fill in as results arrive (in any order). */
export function useHashBatch() {
  const poolRef = useRef<HashPool | null>(null);
  const meterRef = useRef<ProgressMeter | null>(null);
  const [rows, setRows] = useState<readonly HashRow[]>([]);
  const [progress, setProgress] = useState<ProgressSnapshot | null>(null);
  const [cancelled, setCancelled] = useState(false);
  const nextId = useRef(0);

  useEffect(() => {
    const pool = createHashPool();
    poolRef.current = pool;
    return () => {
      pool.dispose();
      poolRef.current = null;
    };
  }, []);

  const hash = useCallback((files: readonly File[]) => {
    const pool = poolRef.current;
    if (!pool || files.length === 0) return;
    const meter = new ProgressMeter();
    meterRef.current = meter;
    meter.add(
      files.length,
      files.reduce((sum, f) => sum + f.size, 0),
    );
    setCancelled(false);
    setProgress(meter.snapshot());
    const batch = files.map((file) => ({ id: nextId.current++, name: file.name, size: file.size, file }));
    setRows(batch.map(({ id, name, size }) => ({ id, name, size })));
    // Results are applied in batches, at most once per animation frame: re-rendering the table for
    // every file would cost more than hashing it.
    const arrived = new Map<number, WorkerMediaResult>();
    let scheduled = false;
    const flush = () => {
      scheduled = false;
      if (meterRef.current !== meter) return;
      const results = new Map(arrived);
      arrived.clear();
      setRows((current) =>
        current.map((row) => {
          const result = results.get(row.id);
          return result ? { ...row, result } : row;
        }),
      );
      setProgress(meter.snapshot());
    };
    for (const item of batch) {
      pool.submit(item.file).then(
        (result) => {
          meter.done(item.size);
          arrived.set(item.id, result);
          if (!scheduled) {
            scheduled = true;
            requestAnimationFrame(flush);
          }
        },
        (error: unknown) => {
          // Cancelled: the file stays counted in the total, so the screen can say "n of total hashed".
          if (!isAbortError(error)) throw error;
        },
      );
    }
  }, []);

  const cancel = useCallback(() => {
    poolRef.current?.cancel();
    setCancelled(true);
  }, []);

  const clear = useCallback(() => {
    poolRef.current?.cancel();
    meterRef.current = null;
    setRows([]);
    setProgress(null);
    setCancelled(false);
  }, []);

  return { rows, progress, cancelled, hash, cancel, clear };
}
