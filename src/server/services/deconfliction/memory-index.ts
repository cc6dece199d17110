import type { UnitOfWork } from '../../repositories/unit-of-work';
import type { EntityKey } from '../../repositories/sync-entities.repository';
import {
  DeconflictionIndex,
  indexedFramesOf,
  indexedMediaOf,
  type IndexedFrames,
  type IndexedMedia,
} from './deconfliction-index';
import type { MatchIndex } from './match-index';

/**
 * The in-memory index (multi-index hashing in the leader process), rebuilt from sync_entities each
 * time this process becomes the leader: followers hold nothing, and a new leader's copy is current.
 */
export class MemoryMatchIndex implements MatchIndex {
  readonly kind = 'memory' as const;
  index = new DeconflictionIndex();
  followedUpTo = -1;

  constructor(
    private readonly uow: UnitOfWork,
    private readonly pageSize = 5000,
  ) {}

  async prepare(): Promise<number> {
    // The PostgreSQL index (if it was ever used) misses what this one follows: refill it when next used.
    await this.uow.read.syncChanges.forgetPgIndexFill();
    const index = new DeconflictionIndex();
    // Everything committed up to this counter is in the pages read below (or a newer state of it).
    const upTo = await this.uow.read.syncChanges.counter();
    for (const entity of ['media', 'videoFrames'] as const) {
      let after: EntityKey | null = null;
      for (;;) {
        const page = await this.uow.read.syncEntities.pageOfKind(entity, after, this.pageSize);
        for (const e of page)
          if (entity === 'media') index.upsert(indexedMediaOf(e.caseId, e.id, e.data), e.seq);
          else index.upsertFrames(indexedFramesOf(e.caseId, e.id, e.data), e.seq);
        const last = page[page.length - 1];
        if (!last || page.length < this.pageSize) break;
        after = last;
      }
    }
    this.index = index;
    this.followedUpTo = upTo;
    return index.size;
  }

  upsert(media: IndexedMedia, seq: number): Promise<void> {
    this.index.upsert(media, seq);
    return Promise.resolve();
  }

  remove(caseId: string, mediaId: string, seq: number): Promise<void> {
    this.index.remove(caseId, mediaId, seq);
    return Promise.resolve();
  }

  has(caseId: string, mediaId: string): Promise<boolean> {
    return Promise.resolve(this.index.has(caseId, mediaId));
  }

  seriesOf(caseId: string, mediaId: string): Promise<string | undefined> {
    return Promise.resolve(this.index.seriesOf(caseId, mediaId));
  }

  upsertFrames(frames: IndexedFrames, seq: number): Promise<void> {
    this.index.upsertFrames(frames, seq);
    return Promise.resolve();
  }

  removeFrames(caseId: string, partId: string, seq: number): Promise<void> {
    this.index.removeFrames(caseId, partId, seq);
    return Promise.resolve();
  }

  framesOf(caseId: string, mediaId: string): Promise<string[]> {
    return Promise.resolve(this.index.framesOf(caseId, mediaId));
  }

  lookup(media: IndexedMedia) {
    return Promise.resolve(this.index.lookup(media));
  }

  size(): Promise<number> {
    return Promise.resolve(this.index.size);
  }
}
