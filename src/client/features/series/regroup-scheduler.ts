import type { CaseId } from '../../../domain/case/ids';
import type { WaymarkDatabase } from '../../db/database';
import type { BatchOutcome } from '../../db/ingest.repository';
import { regroupCase } from './series-builder';

/**
 * Regroups a case as files arrive: at most one regrouping at a time, at most one every `everyMs`,
 * and always once more after the last batch that created media (nothing arriving is left unsorted).
 */
export class RegroupScheduler {
  private running: Promise<unknown> | null = null;
  private dirty = false;
  private last = -Infinity;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly regroup: () => Promise<unknown>,
    private readonly everyMs = 1500,
    private readonly now: () => number = () => performance.now(),
  ) {}

  static forCase(db: WaymarkDatabase, caseId: CaseId): RegroupScheduler {
    return new RegroupScheduler(() => regroupCase(db, caseId));
  }

  readonly afterBatch = (outcome: BatchOutcome): void => {
    if (outcome.created.length === 0) return;
    this.dirty = true;
    this.kick();
  };

  /** Resolves when no regrouping is running or pending (tests, benchmarks). */
  async idle(): Promise<void> {
    while (this.running || this.dirty)
      await (this.running ?? new Promise((r) => setTimeout(r, this.everyMs)));
  }

  private kick(): void {
    if (this.running || !this.dirty) return;
    const wait = this.last + this.everyMs - this.now();
    if (wait > 0) {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.kick(), wait);
      return;
    }
    this.dirty = false;
    this.last = this.now();
    this.running = this.regroup().finally(() => {
      this.running = null;
      this.kick();
    });
  }
}
