import { checkRecord } from '../../../contract/records/record-validation';
import { SYNCED_RECORDS } from '../../../contract/records/synced-records';
import type { DeconflictionNotice } from '../../../contract/sync.contract';
import { isSignalType } from '../../../domain/signals/signal-type';
import { decideWrite } from '../../../domain/sync/decide-write';
import { yieldToEventLoop, TimeSlice } from '../time-slice';
import type { EntityKey } from '../../repositories/sync-entities.repository';
import type { Repositories, UnitOfWork } from '../../repositories/unit-of-work';
import { appendAudit, AuditAction } from '../audit-trail';
import { SyncWriter, type MediaWrite, type SyncCommit, type WriterActor } from '../sync/sync-writer';
import {
  DeconflictionIndex,
  indexedMediaOf,
  type IndexedMedia,
  type IndexHit,
  type MatchKind,
} from './deconfliction-index';

/** One match found after a commit: a media of (caseId, seriesId) against a media of another case. */
interface Pair {
  readonly caseId: string;
  readonly mediaId: string;
  readonly seriesId: string;
  readonly hit: IndexHit;
  /** The account whose push brought the media looked up (named in the notice.created audit). */
  readonly actor: WriterActor | null;
}

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
 * Deconfliction (docs/SYNC.md): when media are synced, they are looked up against every other case,
 * and each (case, series, other case) with matches gets a `notices` entity in BOTH cases: 'found' in
 * the case whose sync found it, 'told' in the other. A notice names the other case, its owner and how
 * many images of this series match, never anything else of a case the reader is not a member of.
 *
 * Invariant against lost matches between concurrent pushes: each commit's media enter the index in one
 * synchronous step right after the commit, before their own lookups, which run later (queued, in
 * order); so whichever of two commits is looked up second sees the other's media (the first may see
 * them too: matches and notices are idempotent).
 *
 * Bounded work (no account can stall the server): each lookup is bounded (LOOKUP_BOUNDS: a media
 * record matching thousands of others reports the first 64), lookups yield to the event loop whenever
 * they have run for a few milliseconds (TimeSlice), and notices are written in small transactions
 * (NOTICE_BATCH) with a yield between them: against a million hashes, or 2,000 stored copies of one
 * PDQ, a 500-media push is spread over many short turns and every other request is answered between.
 * Notice writes are serialized (the same queue), each batch in its own transaction under the sync
 * counter lock.
 * Counts come from sync_matches joined with the media's current series, so they survive restarts and
 * follow media moved between series: the series a media left has its notices counted again (a notice
 * left with no matching image is deleted).
 */
export class DeconflictionService {
  readonly index = new DeconflictionIndex();
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly uow: UnitOfWork,
    private readonly now: () => Date,
    private readonly committed: (commit: SyncCommit) => void,
    /** Longest run of lookups between two turns of the event loop (ms). */
    private readonly sliceMs = 4,
  ) {}

  /** Loads every live media of every case into the index (server start). */
  async rebuild(pageSize = 5000): Promise<number> {
    let after: EntityKey | null = null;
    for (;;) {
      const page = await this.uow.read.syncEntities.pageOfKind('media', after, pageSize);
      for (const e of page) this.index.upsert(indexedMediaOf(e.caseId, e.id, e.data), e.seq);
      const last = page[page.length - 1];
      if (!last || page.length < pageSize) break;
      after = last;
    }
    return this.index.size;
  }

  /**
   * Follows a commit's media writes in the index and looks up the new or moved ones; resolves once the
   * resulting notices are written (or at once when there are none).
   */
  afterCommit(media: readonly MediaWrite[]): Promise<void> {
    if (media.length === 0) return Promise.resolve();
    // Series that lost a media (moved elsewhere, or deleted): their notices are counted again.
    const left = new Map<string, SeriesKey>();
    const toLookUp: (IndexedMedia & { actor: WriterActor | null })[] = [];
    for (const w of media) {
      const before = this.index.seriesOf(w.caseId, w.id);
      const indexed = w.state.deleted ? undefined : indexedMediaOf(w.caseId, w.id, w.state.data);
      if (before !== undefined && before !== indexed?.seriesId)
        left.set(`${w.caseId}\u0000${before}`, { caseId: w.caseId, seriesId: before });
      if (indexed) this.index.upsert(indexed, w.seq);
      else this.index.remove(w.caseId, w.id, w.seq);
      if (indexed && w.lookUp) toLookUp.push({ ...indexed, actor: w.actor });
    }
    if (toLookUp.length === 0 && left.size === 0) return Promise.resolve();
    const job = this.queue.then(() => this.lookUpAndNotify(toLookUp, [...left.values()]));
    this.queue = job.catch(() => undefined);
    return job;
  }

  private async lookUpAndNotify(
    media: readonly (IndexedMedia & { actor: WriterActor | null })[],
    left: readonly SeriesKey[],
  ): Promise<void> {
    const pairs: Pair[] = [];
    const slice = new TimeSlice(this.sliceMs);
    for (const m of media) {
      await slice.maybeYield();
      if (!this.index.has(m.caseId, m.mediaId)) continue; // deleted meanwhile
      for (const hit of this.index.lookup(m).hits)
        pairs.push({ caseId: m.caseId, mediaId: m.mediaId, seriesId: m.seriesId, hit, actor: m.actor });
    }
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
    name: row.name,
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
