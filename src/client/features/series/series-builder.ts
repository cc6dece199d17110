import type { CaseId } from '../../../domain/case/ids';
import type { MediaId, MediaRecord } from '../../../domain/case/media';
import {
  createSeriesGrouper,
  suggestSameShoot,
  type GroupingItem,
  type SeriesGrouper,
} from '../../../domain/grouping';
import { parsePdqHex, type PdqHex } from '../../../domain/hashing/pdq-hex';
import type { WaymarkDatabase } from '../../db/database';
import { applyGroupUpdates, type GroupUpdate } from '../../db/series.repository';
import { refreshSuggestions } from '../../db/suggestions.repository';

/** "Same camera, same hour": photos of one camera within this many minutes are suggested together. */
export const SAME_SHOOT_MINUTES = 60;

/**
 * The one adapter between the grouping core (src/domain/grouping, incremental) and the series
 * tables. New media go to the grouper as they are written; every group it reports as new or changed
 * with two or more members becomes series membership for its unsorted members (series.repository
 * never moves what an analyst placed). The grouper lives in memory: on first use in a session it is
 * seeded with the case's stored media, so a reload or a crash loses nothing.
 */
export function toGroupingItem(
  m: Pick<MediaRecord, 'id' | 'sha256' | 'pdq' | 'pdqQuality' | 'pdqDihedral'>,
): GroupingItem {
  const pdq = parsePdqHex(m.pdq);
  const dihedral = m.pdqDihedral.map((h) => parsePdqHex(h)).filter((h): h is PdqHex => h !== null);
  return {
    id: m.id,
    sha256: m.sha256,
    ...(pdq ? { pdq, quality: m.pdqQuality } : {}),
    ...(dihedral.length === 8 ? { dihedral } : {}),
  };
}

export function updatesOf(
  groups: readonly { groupId: string; memberIds: readonly string[] }[],
): GroupUpdate[] {
  return groups
    .filter((g) => g.memberIds.length > 1)
    .map((g) => ({ groupKey: g.groupId, mediaIds: g.memberIds as MediaId[] }));
}

export class SeriesBuilder {
  private grouper: SeriesGrouper | null = null;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: WaymarkDatabase,
    private readonly caseId: CaseId,
  ) {}

  /** Adds newly stored media (in order; calls are serialized). */
  add(media: readonly MediaRecord[]): Promise<void> {
    this.queue = this.queue.then(() => this.addNow(media));
    return this.queue;
  }

  private async addNow(media: readonly MediaRecord[]): Promise<void> {
    if (media.length === 0) return;
    if (!this.grouper) {
      // Seed with everything stored (this batch included: it is already written).
      this.grouper = createSeriesGrouper();
      const stored = await this.db.media.where('caseId').equals(this.caseId).toArray();
      const delta = this.grouper.add(stored.map(toGroupingItem));
      await applyGroupUpdates(this.db, this.caseId, updatesOf(delta.groups));
    } else {
      const delta = this.grouper.add(media.map(toGroupingItem));
      await applyGroupUpdates(this.db, this.caseId, updatesOf(delta.groups));
    }
    if (media.some((m) => m.exif?.capturedAt)) await this.suggest();
  }

  /** Recomputes the same-shoot suggestions from the EXIF of the case's dated photos. */
  private async suggest(): Promise<void> {
    const dated = await this.db.media
      .where('[caseId+sortAt]')
      .between([this.caseId, '0'], [this.caseId, '9'])
      .toArray();
    const links = suggestSameShoot(
      dated.map((m) => ({
        id: m.id,
        ...(m.exif?.make ? { make: m.exif.make } : {}),
        ...(m.exif?.model ? { model: m.exif.model } : {}),
        ...(m.exif?.serial ? { serial: m.exif.serial } : {}),
        ...(m.exif?.capturedAt ? { capturedAt: m.exif.capturedAt } : {}),
      })),
      { withinMinutes: SAME_SHOOT_MINUTES },
    );
    const camera = new Map(
      dated.map((m) => [m.id as string, [m.camera, m.exif?.serial].filter(Boolean).join(', ')]),
    );
    await refreshSuggestions(
      this.db,
      this.caseId,
      links.map((l) => ({ a: l.a, b: l.b, minutesApart: l.minutesApart, camera: camera.get(l.a) ?? '' })),
    );
  }
}
