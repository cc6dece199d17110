import type { UnitOfWork } from '../../repositories/unit-of-work';
import type { DeconflictionConsumer } from '../deconfliction/deconfliction-consumer';
import { compactOlderThan } from '../sync/compaction';
import { scheduleCompaction } from '../sync/compaction-schedule';
import type { Leadership } from './leadership';

export interface LeaderJobs {
  readonly consumer: DeconflictionConsumer;
  /** Daily compaction keeping `days` days of the change log; null: none scheduled. */
  readonly compact: { readonly days: number; readonly uow: UnitOfWork; readonly now: () => Date } | null;
}

/**
 * The background jobs of a deployment run in its leader only (one process at a time): the
 * deconfliction consumer and the compaction schedule start when this process becomes the leader and
 * stop when it stops being it. Returns `stop` (app shutdown).
 */
export function startLeaderJobs(leadership: Leadership, jobs: LeaderJobs): { stop(): Promise<void> } {
  let stopCompaction = () => undefined as void;
  const off = leadership.onChange((leading) => {
    if (leading) {
      jobs.consumer.start();
      const compact = jobs.compact;
      if (compact)
        stopCompaction = scheduleCompaction(() =>
          compactOlderThan(compact.uow, compact.days, compact.now(), { id: null, name: 'server:schedule' }),
        );
    } else {
      void jobs.consumer.stop();
      stopCompaction();
      stopCompaction = () => undefined;
    }
  });
  leadership.start();
  return {
    async stop() {
      off();
      stopCompaction();
      await jobs.consumer.stop();
    },
  };
}
