import { checkRecord } from '../../../contract/records/record-validation';
import { SYNCED_RECORDS } from '../../../contract/records/synced-records';
import type { DeconflictionNotice } from '../../../contract/sync.contract';
import { isSignalType } from '../../../domain/signals/signal-type';
import { decideWrite } from '../../../domain/sync/decide-write';
import { yieldToEventLoop, TimeSlice } from '../time-slice';
import type { Repositories, UnitOfWork } from '../../repositories/unit-of-work';
import { appendAudit, AuditAction } from '../audit-trail';
import { noticeDisclosureOf } from '../cases.service';
import { SyncWriter, type SyncCommit, type WriterActor } from '../sync/sync-writer';
import {
  indexedFramesOf,
  indexedMediaOf,
  type IndexedMedia,
  type IndexHit,
  type MatchKind,
} from './deconfliction-index';
import type { DeconflictedEntity } from './deconflicted-entities';
import type { MatchIndex } from './match-index';

/** One match found after a commit: a media of (caseId, seriesId) against a media of another case. */
interface Pair {
  readonly caseId: string;
  readonly mediaId: string;
  readonly seriesId: string;
  readonly hit: IndexHit;
  /** The account whose push brought the media looked up (named in the notice.created audit). */
  readonly actor: WriterActor | null;
}

/** What one followed row asks the index: a media record, or a video's new frame part. */
type Query = { readonly actor: WriterActor | null } & (
  | { readonly media: IndexedMedia }
  | {
      readonly frames: {
        readonly caseId: string;
        readonly mediaId: string;
        readonly pdqs: readonly string[];
      };
    }
);

interface SeriesKey {
  readonly caseId: string;
  readonly seriesId: string;
}

interface Target {
  readonly caseId: string;
  readonly seriesId: string;
  readonly otherCaseId: string;
  direction: 'found' | 'told';
  actor: WriterActor | null;
}

/** Notices written per transaction: each transaction holds the sync counter lock (and, on SQLite, the event loop). */
const NOTICE_BATCH = 10;
/** Match rows per transaction (a few statements: short turns on SQLite). */
const MATCH_BATCH = 200;

export const noticeIdOf = (caseId: string, seriesId: string, otherCaseId: string) =>
  `dcf:${caseId}:${seriesId}:${otherCaseId}`;

type OwnerCard = DeconflictionNotice['otherOwner'];

/**
 * A media or videoFrames row of the change log, as the consumer reads it (sync_changes with
 * look_up/left_series_id for media).
 */
export interface MediaChange {
  readonly entity: DeconflictedEntity;
  readonly seq: number;
  readonly caseId: string;
  /** The record's id: the media's, or the frame part's (`<mediaId>.<part>`). */
  readonly id: string;
  /** The record's data after this write; null for a delete. */
  readonly data: Readonly<Record<string, unknown>> | null;
  /** New, revived or moved to another series (a frame part: new): looked up against the other cases. */
  readonly lookUp: boolean;
  /** The series it left (moved or deleted): that series' notices are counted again. */
  readonly leftSeriesId: string | null;
  /** The account whose push wrote it (sync_changes.actor_id), named in the notice.created audit. */
  readonly actorId: string | null;
}

/** Points between the steps of following a batch (the fault-injection test stops a process there). */
export type FollowStep = 'indexed' | 'looked-up' | 'matched' | 'noticed';

/**
 * Deconfliction (docs/SYNC.md): synced media are looked up against every other case, and each
 * (case, series, other case) with matches gets a `notices` entity in BOTH cases: 'found' in the case
 * whose sync found it, 'told' in the other. A notice names the other case, its owner and how many
 * images of this series match, never anything else of a case the reader is not a member of.
 *
 * This class follows a batch of media rows of the change log (deconfliction-consumer.ts reads them,
 * in seq order, after its persisted cursor). Invariants:
 * - Against lost matches: a batch's media all enter the index before any of its lookups, and batches
 *   are followed in seq order by one consumer; so of two matching media, whichever is looked up
 *   second finds the first (the first may find the second too: matches and notices are idempotent).
 * - Replay-safe: following the same rows again (after a crash before the cursor moved) changes
 *   nothing. Index entries carry seqs (an older write never undoes a newer one), match rows are
 *   inserted if absent, a notice's id is its (case, series, other case) and it is rewritten only when
 *   its count, kinds or the other case's card changed.
 *
 * Bounded work (no account can stall the server): each lookup is bounded (LOOKUP_BOUNDS: a media
 * record matching thousands of others reports the first 64), lookups yield to the event loop whenever
 * they have run for a few milliseconds (TimeSlice), and notices are written in small transactions
 * (NOTICE_BATCH) with a yield between them, each under the sync counter lock.
 * Counts come from sync_matches joined with the media's current series, so they survive restarts and
 * follow media moved between series: the series a media left has its notices counted again (a notice
 * left with no matching image is deleted).
 */
export class DeconflictionService {
  constructor(
    private readonly uow: UnitOfWork,
    readonly index: MatchIndex,
    private readonly now: () => Date,
    private readonly committed: (commit: SyncCommit) => void,
    /** Longest run of lookups between two turns of the event loop (ms). */
    private readonly sliceMs = 4,
    /** Called between steps; the fault-injection test throws there to stop a process mid-batch. */
    private readonly reached: (step: FollowStep) => void | Promise<void> = () => undefined,
  ) {}

  /**
   * Follows a batch of media rows (in seq order) in the index, looks up the new or moved ones and
   * writes the resulting matches and notices; resolves once they are written.
   */
  async follow(changes: readonly MediaChange[]): Promise<void> {
    if (changes.length === 0) return;
    const left = new Map<string, SeriesKey>();
    const toLookUp: Query[] = [];
    const names = new Map<string, string>();
    const slice = new TimeSlice(this.sliceMs);
    for (const c of changes) {
      await slice.maybeYield();
      if (c.leftSeriesId !== null)
        left.set(`${c.caseId}\u0000${c.leftSeriesId}`, { caseId: c.caseId, seriesId: c.leftSeriesId });
      await this.applyToIndex(c);
      if (c.data && c.lookUp) {
        const actor = await this.actorOf(c.actorId, names);
        if (c.entity === 'media') toLookUp.push({ media: indexedMediaOf(c.caseId, c.id, c.data), actor });
        else {
          const part = indexedFramesOf(c.caseId, c.id, c.data);
          toLookUp.push({ frames: { caseId: c.caseId, mediaId: part.mediaId, pdqs: part.pdqs }, actor });
        }
      }
    }
    await this.reached('indexed');
    if (toLookUp.length === 0 && left.size === 0) return;
    await this.lookUpAndNotify(toLookUp, [...left.values()]);
  }

  /** Makes the index reflect one row (the consumer also replays rows into a lagging index with it). */
  async applyToIndex(c: MediaChange): Promise<void> {
    if (c.entity === 'videoFrames') {
      if (c.data) await this.index.upsertFrames(indexedFramesOf(c.caseId, c.id, c.data), c.seq);
      else await this.index.removeFrames(c.caseId, c.id, c.seq);
    } else if (c.data) await this.index.upsert(indexedMediaOf(c.caseId, c.id, c.data), c.seq);
    else await this.index.remove(c.caseId, c.id, c.seq);
  }

  /** The account as a push names it (actorOf: id and username), read once per batch. */
  private async actorOf(id: string | null, names: Map<string, string>): Promise<WriterActor | null> {
    if (id === null) return null;
    let name = names.get(id);
    if (name === undefined) {
      name = (await this.uow.read.users.findById(id))?.username ?? '';
      names.set(id, name);
    }
    return { id, name };
  }

  private async lookUpAndNotify(queries: readonly Query[], left: readonly SeriesKey[]): Promise<void> {
    const pairs: Pair[] = [];
    const slice = new TimeSlice(this.sliceMs);
    for (const q of queries) {
      await slice.maybeYield();
      let media: IndexedMedia;
      if ('media' in q) {
        if (!(await this.index.has(q.media.caseId, q.media.mediaId))) continue; // deleted later in the batch
        // A video asks with its frames as well (those of its parts indexed so far; a part arriving
        // later is looked up on its own).
        media = { ...q.media, frames: await this.index.framesOf(q.media.caseId, q.media.mediaId) };
      } else {
        // A frame part asks on behalf of its video, in the video's current series. Before the video
        // itself is indexed it asks nothing: the video's own lookup will include these frames.
        const seriesId = await this.index.seriesOf(q.frames.caseId, q.frames.mediaId);
        if (seriesId === undefined || q.frames.pdqs.length === 0) continue;
        media = { caseId: q.frames.caseId, mediaId: q.frames.mediaId, seriesId, frames: q.frames.pdqs };
      }
      for (const hit of (await this.index.lookup(media)).hits)
        pairs.push({
          caseId: media.caseId,
          mediaId: media.mediaId,
          seriesId: media.seriesId,
          hit,
          actor: q.actor,
        });
    }
    await this.reached('looked-up');
    if (pairs.length > 0 || left.length > 0) await this.writeNotices(pairs, left);
  }

  /** The matches as rows and notice targets, then written in small transactions with yields between. */
  private async writeNotices(pairs: readonly Pair[], left: readonly SeriesKey[]): Promise<void> {
    const at = this.now().toISOString();
    const rows: { case_id: string; media_id: string; other_case_id: string; kind: string; at: string }[] = [];
    const targets = new Map<string, Target>();
    const target = (
      caseId: string,
      seriesId: string,
      otherCaseId: string,
      direction: Target['direction'],
      actor: WriterActor | null,
    ) => {
      const id = noticeIdOf(caseId, seriesId, otherCaseId);
      const known = targets.get(id);
      if (!known) targets.set(id, { caseId, seriesId, otherCaseId, direction, actor });
      else {
        if (direction === 'found') known.direction = 'found';
        known.actor ??= actor;
      }
    };
    for (const p of pairs) {
      for (const kind of p.hit.kinds) {
        rows.push({ case_id: p.caseId, media_id: p.mediaId, other_case_id: p.hit.caseId, kind, at });
        rows.push({ case_id: p.hit.caseId, media_id: p.hit.mediaId, other_case_id: p.caseId, kind, at });
      }
      target(p.caseId, p.seriesId, p.hit.caseId, 'found', p.actor);
      target(p.hit.caseId, p.hit.seriesId, p.caseId, 'told', p.actor);
    }
    // The matches first (idempotent rows), so that every notice batch below counts all of them.
    for (let i = 0; i < rows.length; i += MATCH_BATCH) {
      if (i > 0) await yieldToEventLoop();
      await this.uow.transaction((repos) => repos.syncMatches.insertIfAbsent(rows.slice(i, i + MATCH_BATCH)));
    }
    await this.reached('matched');
    for (const series of left) {
      const notices = await this.uow.read.syncEntities.listInSeries(
        series.caseId,
        'notices',
        series.seriesId,
      );
      for (const notice of notices) {
        const other = notice.data.otherCaseId;
        const direction = notice.data.direction === 'told' ? 'told' : 'found';
        if (typeof other === 'string') target(series.caseId, series.seriesId, other, direction, null);
      }
    }
    const cards = new Map<string, { name: string; owner: OwnerCard } | null>();
    const all = [...targets];
    for (let i = 0; i < all.length; i += NOTICE_BATCH) {
      if (i > 0) await yieldToEventLoop();
      const commit = await this.uow.transaction(async (repos) => {
        const writer = new SyncWriter(repos, at);
        await writer.lock();
        const batch = all.slice(i, i + NOTICE_BATCH);
        const counts = await countsOf(
          repos,
          batch.map(([, t]) => t),
        );
        for (const [id, t] of batch) {
          let card = cards.get(t.otherCaseId);
          if (card === undefined) {
            card = await caseCard(repos, t.otherCaseId);
            cards.set(t.otherCaseId, card);
          }
          const summary = counts.get(`${t.caseId}\u0000${t.otherCaseId}`)?.get(t.seriesId);
          if (card) await upsertNotice(repos, writer, id, t, card, summary ?? NO_MATCH, at);
        }
        return writer.finish();
      });
      if (commit.changes > 0) this.committed(commit);
      await this.reached('noticed');
    }
  }
}

async function caseCard(
  repos: Repositories,
  caseId: string,
): Promise<{ name: string; owner: OwnerCard } | null> {
  const row = await repos.cases.findById(caseId);
  if (!row || row.deleted_at !== null) return null;
  const owner = (await repos.members.list(caseId)).find((m) => m.role === 'owner');
  return {
    // Its owners choose whether other cases learn its name (default: the unit and a contact only).
    name: noticeDisclosureOf(row) === 'unit-and-case' ? row.name : '',
    owner: {
      displayName: owner?.display_name ?? '',
      organization: owner?.organization ?? '',
      contact: owner?.contact ?? '',
    },
  };
}

const NO_MATCH = { matchedImages: 0, kinds: [] as string[] };

/** The match counts of a batch's targets: one aggregated query per (case, other case) pair. */
async function countsOf(
  repos: Repositories,
  targets: readonly Target[],
): Promise<Map<string, Map<string, { matchedImages: number; kinds: string[] }>>> {
  const series = new Map<string, { caseId: string; otherCaseId: string; seriesIds: string[] }>();
  for (const t of targets) {
    const key = `${t.caseId}\u0000${t.otherCaseId}`;
    const entry = series.get(key) ?? { caseId: t.caseId, otherCaseId: t.otherCaseId, seriesIds: [] };
    entry.seriesIds.push(t.seriesId);
    series.set(key, entry);
  }
  const out = new Map<string, Map<string, { matchedImages: number; kinds: string[] }>>();
  for (const [key, s] of series)
    out.set(key, await repos.syncMatches.summaries(s.caseId, s.otherCaseId, s.seriesIds));
  return out;
}

async function upsertNotice(
  repos: Repositories,
  writer: SyncWriter,
  id: string,
  t: Target,
  card: { name: string; owner: OwnerCard },
  summary: { readonly matchedImages: number; readonly kinds: readonly string[] },
  at: string,
): Promise<void> {
  const { matchedImages, kinds } = summary;
  const key = { caseId: t.caseId, entity: 'notices' as const, id };
  const current = await repos.syncEntities.find(key);
  const before = current && !current.deleted ? current.data : undefined;
  const rules = SYNCED_RECORDS.notices.rules;
  if (matchedImages === 0) {
    // Every matching image moved out of the series or went: the notice goes too.
    if (before === undefined) return;
    const gone = decideWrite(rules, current, { op: 'delete' }, { byServer: true });
    if (gone.kind === 'applied') await writer.write(key, gone.next, { wasLive: true, changed: gone.changed });
    return;
  }
  const matchKinds = kinds.filter((k): k is MatchKind => isSignalType(k));
  const previousKinds = Array.isArray(before?.matchKinds) ? (before.matchKinds as string[]) : [];
  const previousCount = typeof before?.matchedImages === 'number' ? before.matchedImages : 0;
  const same =
    before !== undefined &&
    previousCount === matchedImages &&
    previousKinds.join() === matchKinds.join() &&
    before.otherCaseName === card.name &&
    JSON.stringify(before.otherOwner) === JSON.stringify(card.owner);
  if (same) return;
  // More images or a new kind of match: shown again, even if someone acknowledged the earlier count.
  const grew = matchedImages > previousCount || matchKinds.some((k) => !previousKinds.includes(k));
  const notice: DeconflictionNotice = {
    id,
    caseId: t.caseId,
    seriesId: t.seriesId,
    otherCaseId: t.otherCaseId,
    otherCaseName: card.name,
    otherOwner: card.owner,
    matchedImages,
    matchKinds,
    direction: before?.direction === 'found' || before?.direction === 'told' ? before.direction : t.direction,
    createdAt: typeof before?.createdAt === 'string' ? before.createdAt : at,
    updatedAt: at,
    acknowledgedAt: grew || typeof before?.acknowledgedAt !== 'string' ? null : before.acknowledgedAt,
    acknowledgedBy: grew || typeof before?.acknowledgedBy !== 'string' ? null : before.acknowledgedBy,
  };
  // The server's own records obey the same definition as everyone's (a case name, say, is bounded).
  if (!checkRecord(SYNCED_RECORDS.notices, notice).ok) return;
  const outcome = decideWrite(rules, current, { op: 'put', fields: notice }, { byServer: true });
  if (outcome.kind !== 'applied') return;
  await writer.write(key, outcome.next, { wasLive: before !== undefined, changed: outcome.changed });
  // A new notice reveals to this case's members that another case holds the same images: audited in
  // the case it is written into, naming the account whose push found the match.
  if (before === undefined)
    await appendAudit(
      repos,
      {
        action: AuditAction.noticeCreated,
        actor: t.actor,
        caseId: t.caseId,
        subject: id,
        detail: {
          otherCaseId: t.otherCaseId,
          seriesId: t.seriesId,
          direction: notice.direction,
          matchedImages,
        },
      },
      new Date(at),
    );
}
