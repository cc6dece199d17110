import type { CaseId } from '../../../domain/case/ids';
import { MediaKind, type MediaId } from '../../../domain/case/media';
import type { LocalFeatures } from '../../../domain/features/local-features';
import { verifyPair } from '../../../domain/features/verify-pair';
import {
  createSeriesGrouper,
  suggestSameShoot,
  type CheckedPair,
  type GroupingDelta,
  type GroupingItem,
  type PairCheck,
  type SeriesGrouper,
} from '../../../domain/grouping';
import { parsePdqHex, type PdqHex } from '../../../domain/hashing/pdq-hex';
import type { WaymarkDatabase } from '../../db/database';
import {
  keypointLinks,
  saveLinks,
  signalsOf,
  type GroupingSignalsRecord,
} from '../../db/grouping-signals.repository';
import { applyGroupUpdates, type GroupUpdate } from '../../db/series.repository';
import { refreshSuggestions } from '../../db/suggestions.repository';
import type { MediaRecord } from '../../db/records';
import { RefreshBudget } from '../../perf/refresh-budget';
import { Span, timed, timedSync } from '../../perf/user-timing';
import { sliceTimer, yieldToPage } from '../../perf/yield-to-page';
import { placeCaseVideos } from './video-placement';

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
  signals?: Pick<GroupingSignalsRecord, 'extra' | 'features'>,
): GroupingItem {
  const pdq = parsePdqHex(m.pdq);
  const dihedral = m.pdqDihedral.map((h) => parsePdqHex(h)).filter((h): h is PdqHex => h !== null);
  return {
    id: m.id,
    sha256: m.sha256,
    ...(pdq ? { pdq, quality: m.pdqQuality } : {}),
    ...(dihedral.length === 8 ? { dihedral } : {}),
    ...(signals ? { extra: signals.extra, features: signals.features } : {}),
  };
}

/**
 * Share of the time the same-shoot suggestions may take while batches arrive. They are recomputed
 * from every dated photo of the case (RefreshBudget says why that needs a bound); an ingest of camera
 * photos, nearly all dated, asked for it after every batch of 50: at 10,000 camera pictures they
 * took 121 of the grouping stage's 200 s, 60 % (docs/INGEST.md). The last refresh of an ingest lands
 * up to 1 / share − 1 = 32 times its own cost after the last batch (half a minute at 10,000 photos).
 */
const SUGGEST_SHARE = 0.03;

/** Media read per step when the grouper is rebuilt from storage (keypoints are ~15 KB each). */
const SEED_CHUNK = 1000;

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
  private readonly suggestBudget = new RefreshBudget(SUGGEST_SHARE);
  /** The later refresh of the suggestions, when one is set (it covers every batch until it runs). */
  private laterSuggest: Promise<void> | null = null;

  constructor(
    private readonly db: WaymarkDatabase,
    private readonly caseId: CaseId,
  ) {}

  /**
   * Adds newly stored media (in order; calls are serialized). `stored`: grouping signals the caller
   * has just stored for them (the ingest writer's batch), used as they are instead of read back.
   */
  add(media: readonly MediaRecord[], stored: readonly GroupingSignalsRecord[] = []): Promise<void> {
    this.queue = this.queue.then(() =>
      timed(Span.grouping, { images: media.length }, () => this.addNow(media, stored)),
    );
    return this.queue;
  }

  private async addNow(
    batch: readonly MediaRecord[],
    stored: readonly GroupingSignalsRecord[],
  ): Promise<void> {
    if (batch.length === 0) return;
    // Videos are placed around the images' groups (video-placement.ts), never grouped as images.
    const media = batch.filter((m) => m.kind !== MediaKind.video);
    const deltas = await this.groupImages(media, stored);
    await this.write(deltas, batch);
    if (media.some((m) => m.exif?.capturedAt)) await this.suggestWithinBudget();
  }

  /**
   * What a batch changed, in one read-write transaction: the series, their links, the videos'
   * places. A transaction waits its turn behind the page's reads, and the case screen's live queries
   * read again after every write (the grid's ids, the series list). One transaction per batch
   * instead of up to five halved these writes in a 20,000-picture ingest: 70 s of the grouping
   * stage's 183 became 36 (docs/INGEST.md).
   */
  private write(deltas: readonly GroupingDelta[], batch: readonly MediaRecord[]): Promise<void> {
    const { db, caseId } = this;
    const tables = [db.media, db.series, db.seriesLinks, db.videoSeriesLinks, db.videoFrames];
    return db.transaction('rw', tables, async () => {
      for (const delta of deltas) {
        await applyGroupUpdates(db, caseId, updatesOf(delta.groups));
        await saveLinks(db, caseId, delta.links);
      }
      await placeCaseVideos(db, caseId, batch);
    });
  }

  /** The signals of these media: those handed over as they are, the rest read from the store. */
  private async signalsFor(
    media: readonly MediaRecord[],
    stored: readonly GroupingSignalsRecord[],
  ): Promise<(GroupingSignalsRecord | undefined)[]> {
    const given = new Map(stored.map((s) => [s.id as string, s]));
    const missing = media.filter((m) => !given.has(m.id)).map((m) => m.id);
    if (missing.length > 0)
      (await signalsOf(this.db, missing)).forEach((s, i) => {
        if (s) given.set(missing[i]!, s);
      });
    return media.map((m) => given.get(m.id));
  }

  /** The batch's images through the grouper and the geometric checks: what changed, not yet written. */
  private async groupImages(
    media: readonly MediaRecord[],
    stored: readonly GroupingSignalsRecord[],
  ): Promise<GroupingDelta[]> {
    if (media.length === 0) return [];
    const fresh = new Set<string>(media.map((m) => m.id));
    const deltas: GroupingDelta[] = [];
    let checks: PairCheck[] = [];
    // The batch's own keypoints, read once for the grouper: the checks need them again.
    const known = new Map<string, LocalFeatures | undefined>();
    const rebuild = this.grouper === null;
    const grouper = (this.grouper ??= createSeriesGrouper());
    if (rebuild) {
      // Rebuild from storage (this batch included: it is already written), a chunk at a time so the
      // keypoints of a large case never sit in memory at once: they enter the descriptor index and
      // are dropped. Pairs among stored media were checked when they came in; their keypoint links
      // are replayed from the store instead of checked again.
      const stored = (await this.db.media.where('caseId').equals(this.caseId).toArray()).filter(
        (m) => m.kind !== MediaKind.video,
      );
      for (let k = 0; k < stored.length; k += SEED_CHUNK) {
        const chunk = stored.slice(k, k + SEED_CHUNK);
        const signals = await signalsOf(
          this.db,
          chunk.map((m) => m.id),
        );
        const delta = timedSync(Span.groupingIndex, { images: chunk.length }, () =>
          grouper.add(chunk.map((m, i) => toGroupingItem(m, signals[i]))),
        );
        deltas.push(delta);
        checks.push(...delta.checks.filter((c) => fresh.has(c.a) || fresh.has(c.b)));
      }
      const replayed = await keypointLinks(this.db, this.caseId);
      if (replayed.length > 0)
        deltas.push(
          grouper.confirm(
            replayed.flatMap((l) => (l.geometry ? [{ a: l.a, b: l.b, verification: l.geometry }] : [])),
          ),
        );
    } else {
      const signals = await this.signalsFor(media, stored);
      const delta = timedSync(Span.groupingIndex, { images: media.length }, () =>
        grouper.add(media.map((m, i) => toGroupingItem(m, signals[i]))),
      );
      deltas.push(delta);
      checks = [...delta.checks];
      media.forEach((m, i) => known.set(m.id, signals[i]?.features));
    }
    if (checks.length > 0) {
      const checked = await timed(Span.groupingVerify, { images: media.length }, () =>
        this.check(checks, known),
      );
      deltas.push(timedSync(Span.groupingIndex, { images: 0 }, () => grouper.confirm(checked)));
    }
    return deltas;
  }

  /** Resolves once the suggestions include every batch added so far (a later refresh included). */
  async settled(): Promise<void> {
    await this.queue;
    while (this.laterSuggest) await this.laterSuggest;
  }

  /** The suggestions now if the budget allows, else once, later, for this batch and the next ones. */
  private async suggestWithinBudget(): Promise<void> {
    if (this.laterSuggest) return;
    const wait = this.suggestBudget.wait();
    if (wait === 0) return this.suggestBudget.spend(() => this.suggest());
    const refresh = () => {
      this.laterSuggest = null;
      // Nobody awaits this refresh to hear of a failure: the suggestions stay as they were, and the
      // next dated batch asks again.
      return timed(Span.grouping, { images: 0 }, () => this.suggestBudget.spend(() => this.suggest())).catch(
        () => undefined,
      );
    };
    this.laterSuggest = new Promise<void>((resolve) => setTimeout(resolve, wait)).then(() => {
      // After the batches queued by then (whether or not the last of them failed: its caller heard).
      this.queue = this.queue.then(refresh, refresh);
      return this.queue;
    });
  }

  /**
   * The geometric check of candidate pairs, on stored keypoints (`features` holds those already read;
   * the rest are read into it), yielding to the page now and then.
   */
  private async check(
    checks: readonly PairCheck[],
    features: Map<string, LocalFeatures | undefined>,
  ): Promise<CheckedPair[]> {
    const ids = [...new Set(checks.flatMap((c) => [c.a, c.b]))].filter(
      (id) => !features.has(id),
    ) as MediaId[];
    const signals = await signalsOf(this.db, ids);
    ids.forEach((id, i) => features.set(id, signals[i]?.features));
    const out: CheckedPair[] = [];
    const due = sliceTimer();
    for (let k = 0; k < checks.length; k++) {
      if (due()) await yieldToPage();
      const { a, b, ways } = checks[k]!;
      const fa = features.get(a);
      const fb = features.get(b);
      out.push({ a, b, verification: fa && fb ? verifyPair(fa, fb, ways) : null });
    }
    return out;
  }

  /** Recomputes the same-shoot suggestions from the EXIF of the case's dated photos. */
  private suggest(): Promise<void> {
    return timed(Span.groupingSuggest, { images: 0 }, () => this.suggestNow());
  }

  private async suggestNow(): Promise<void> {
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
