/**
 * The matches of a case's media against hash lists, each with its provenance (list, entry, kind,
 * distance), and what they do to the media: `known` and pre-categorization.
 *
 * Invariants: a media item's match rows are replaced as a whole each time it is matched, in the same
 * transaction as its `known` count; `known` counts the reliable (not low-quality) known-list matches
 * and is 0 when an allow list matched; a list only pre-categorizes an UNcategorized item (an analyst's
 * category is never overwritten), and only when the list's scheme is the case's scheme (a number
 * means nothing in another scheme).
 */
import { ulid } from 'ulidx';

import { categorySlot } from '../../domain/case/category-schemes';
import type { CaseId } from '../../domain/case/ids';
import type { MediaId } from '../../domain/case/media';
import type { HashListKind, MatchKind } from '../../domain/hashlists/hash-list';
import {
  isPerceptual,
  type ListMatch,
  type MatchOutcome,
  type VideoMatchDetail,
} from '../../domain/hashlists/matcher';
import type { WaymarkDatabase } from './database';

export interface ListMatchRecord {
  readonly id: string;
  readonly caseId: CaseId;
  readonly mediaId: MediaId;
  readonly listId: string;
  /** Kept on the match so provenance survives a later rename or deletion of the list's record. */
  readonly listName: string;
  readonly listKind: HashListKind;
  readonly schemeId: string | null;
  readonly entryId: string;
  readonly entryOrdinal: number;
  readonly kind: MatchKind;
  /** 0 for exact matches; Hamming bits for PDQ. */
  readonly distance: number;
  /** Which dihedral hash of the image matched (0 as stored; otherwise rotated or mirrored). */
  readonly dihedral?: number;
  readonly lowQuality: boolean;
  readonly category: number | null;
  readonly series?: string;
  readonly label?: string;
  /** For vPDQ: the shares of matched frames and which frames matched at what time. */
  readonly video?: VideoMatchDetail;
  /** Another known list of the same scheme claims a different category for this item. */
  readonly conflict: boolean;
  /** This match set the item's category. */
  readonly precategorized: boolean;
  readonly matchedAt: string;
}

export interface MediaOutcome {
  readonly mediaId: MediaId;
  readonly outcome: MatchOutcome;
}

export interface WriteMatchesResult {
  readonly known: number;
  readonly precategorized: number;
  readonly conflicts: number;
}

function sameMatch(a: ListMatch, b: ListMatch): boolean {
  return a.entryId === b.entryId && a.kind === b.kind;
}

/** Known-list count as the invariant defines it, from stored rows. */
export function knownCount(rows: readonly Pick<ListMatchRecord, 'listKind' | 'lowQuality'>[]): number {
  if (rows.some((r) => r.listKind === 'allow')) return 0;
  return rows.filter((r) => r.listKind === 'known' && !r.lowQuality).length;
}

/** Replaces the matches of the given media (one transaction) and updates their known/category fields. */
export async function writeMediaMatches(
  db: WaymarkDatabase,
  caseId: CaseId,
  caseSchemeId: string,
  outcomes: readonly MediaOutcome[],
  now = new Date(),
): Promise<WriteMatchesResult> {
  const at = now.toISOString();
  const ids = outcomes.map((o) => o.mediaId);
  return db.transaction('rw', [db.media, db.listMatches], async () => {
    await db.listMatches.where('mediaId').anyOf(ids).delete();
    const media = await db.media.bulkGet(ids);
    const rows: ListMatchRecord[] = [];
    const result = { known: 0, precategorized: 0, conflicts: 0 };
    for (const [i, { mediaId, outcome }] of outcomes.entries()) {
      const record = media[i];
      if (!record || record.caseId !== caseId) continue;
      const pre = outcome.precategorization;
      const eligible = pre && pre.category !== null && pre.schemeId === caseSchemeId ? pre : null;
      // Sets the category now, or set it before and the item still carries that category.
      const sets = eligible && record.category === null ? eligible : null;
      const holds =
        sets ??
        (eligible && record.precategorizedBy === eligible.source && record.category === eligible.category
          ? eligible
          : null);
      const conflicting = outcome.conflicts.flatMap((c) => c.claims.flatMap((claim) => claim.matches));
      for (const m of outcome.matches)
        rows.push({
          id: ulid(),
          caseId,
          mediaId,
          listId: m.listId,
          listName: m.listName,
          listKind: m.listKind,
          schemeId: m.schemeId,
          entryId: m.entryId,
          entryOrdinal: m.ordinal,
          kind: m.kind,
          distance: m.distance,
          ...(m.dihedral !== undefined ? { dihedral: m.dihedral } : {}),
          lowQuality: m.lowQuality === true,
          category: m.category ?? null,
          ...(m.series !== undefined ? { series: m.series } : {}),
          ...(m.label !== undefined ? { label: m.label } : {}),
          ...(m.video !== undefined ? { video: m.video } : {}),
          conflict: conflicting.some((c) => sameMatch(c, m)),
          precategorized: holds !== null && sameMatch(holds.match, m),
          matchedAt: at,
        });
      const known = outcome.known ? knownCount(rows.filter((r) => r.mediaId === mediaId)) : 0;
      if (known > 0) result.known++;
      if (outcome.conflicts.length > 0) result.conflicts++;
      const changes: {
        known?: number;
        category?: number | null;
        categorySlot?: number;
        precategorizedBy?: string;
        precategorizedCategory?: number | null;
      } = {};
      if (record.known !== known) changes.known = known;
      if (holds) result.precategorized++;
      if (sets) {
        changes.category = sets.category;
        changes.categorySlot = categorySlot(sets.category);
        changes.precategorizedBy = sets.source;
        changes.precategorizedCategory = sets.category;
      }
      if (Object.keys(changes).length > 0)
        await db.media.update(mediaId, { ...changes, updatedAt: at, version: record.version + 1 });
    }
    await db.listMatches.bulkAdd(rows);
    return result;
  });
}

/** Recomputes `known` of these media from their stored rows (after a list's matches were removed). */
export async function recountKnown(db: WaymarkDatabase, mediaIds: readonly MediaId[]): Promise<void> {
  if (mediaIds.length === 0) return;
  const [media, rows] = await Promise.all([
    db.media.bulkGet([...mediaIds]),
    db.listMatches.where('mediaId').anyOf(mediaIds).toArray(),
  ]);
  for (const record of media) {
    if (!record) continue;
    const known = knownCount(rows.filter((r) => r.mediaId === record.id));
    if (known !== record.known)
      await db.media.update(record.id, {
        known,
        updatedAt: new Date().toISOString(),
        version: record.version + 1,
      });
  }
}

/** One item's matches, best first as the matcher ordered them (exact before PDQ, then distance). */
export async function matchesOfMedia(db: WaymarkDatabase, mediaId: MediaId): Promise<ListMatchRecord[]> {
  const rows = await db.listMatches.where('mediaId').equals(mediaId).toArray();
  return rows.sort(
    (a, b) =>
      Number(isPerceptual(a.kind)) - Number(isPerceptual(b.kind)) ||
      a.distance - b.distance ||
      a.listName.localeCompare(b.listName),
  );
}

/** Every match of a case (for export: which media a list pre-categorized). */
export function matchesOfCase(db: WaymarkDatabase, caseId: CaseId): Promise<ListMatchRecord[]> {
  return db.listMatches.where('caseId').equals(caseId).toArray();
}

/** How many of a case's media have list matches (the "lists were matched" signal for hide-known). */
export async function countKnownMedia(db: WaymarkDatabase, caseId: CaseId): Promise<number> {
  return db.media.where('[caseId+known]').between([caseId, 1], [caseId, Infinity]).count();
}
