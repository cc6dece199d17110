/**
 * Region clues: a rectangle on one image, a clue type and a note. Clues are annotations, so they are
 * append-only revisions (docs/SYNC.md): an edit or a delete is a new revision pointing at its
 * predecessor; two revisions of one predecessor are a fork the analyst resolves. The current clues are
 * derived, never stored.
 * Regions are fractions of the image (0..1 on both axes), so they survive thumbnails and full views
 * of any size. In the browser they are drawn and cut on the image as displayed (EXIF orientation
 * applied), which is how both the thumbnails and createImageBitmap(original) present it.
 */
export const ClueType = {
  object: 'object',
  text: 'text',
  logo: 'logo',
  clothing: 'clothing',
  landmark: 'landmark',
  locationHint: 'location-hint',
  other: 'other',
} as const;
export type ClueType = (typeof ClueType)[keyof typeof ClueType];
export const CLUE_TYPES: readonly ClueType[] = Object.values(ClueType);

export interface ClueRegion {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface ClueRevision {
  /** Unique id of this revision. */
  readonly id: string;
  /** Stable id of the clue across its revisions. */
  readonly clueId: string;
  readonly caseId: string;
  readonly seriesId: string;
  readonly mediaId: string;
  readonly region: ClueRegion;
  readonly type: ClueType;
  readonly note: string;
  readonly deleted: boolean;
  /** The revision this one replaces; null for the first. */
  readonly predecessorId: string | null;
  readonly createdAt: string;
  readonly author: string;
}

/** Smallest side of a region, as a fraction of the image: smaller drags are accidental clicks. */
export const MIN_REGION_SIDE = 0.01;
export const CLUE_NOTE_MAX_LENGTH = 2000;

const clamp01 = (v: number) => Math.min(1, Math.max(0, v));

/** A region from a drag between two points (any direction), clamped to the image; null when too small. */
export function regionFromDrag(
  from: { x: number; y: number },
  to: { x: number; y: number },
): ClueRegion | null {
  const x0 = clamp01(Math.min(from.x, to.x));
  const y0 = clamp01(Math.min(from.y, to.y));
  const x1 = clamp01(Math.max(from.x, to.x));
  const y1 = clamp01(Math.max(from.y, to.y));
  if (x1 - x0 < MIN_REGION_SIDE || y1 - y0 < MIN_REGION_SIDE) return null;
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

/** The region in whole pixels of an image of the given size (for cropping), at least 1 × 1. */
export function regionToPixels(region: ClueRegion, width: number, height: number) {
  const left = Math.min(width - 1, Math.max(0, Math.floor(region.x * width)));
  const top = Math.min(height - 1, Math.max(0, Math.floor(region.y * height)));
  const right = Math.max(left + 1, Math.min(width, Math.ceil((region.x + region.width) * width)));
  const bottom = Math.max(top + 1, Math.min(height, Math.ceil((region.y + region.height) * height)));
  return { left, top, width: right - left, height: bottom - top };
}

export type ClueProblem = 'note-too-long' | 'unknown-type' | 'deleted';

export interface RevisionStamp {
  readonly id: string;
  readonly at: string;
  readonly author: string;
}

export function createClue(
  fields: Pick<ClueRevision, 'caseId' | 'seriesId' | 'mediaId' | 'region' | 'type' | 'note'>,
  stamp: RevisionStamp,
): { ok: true; revision: ClueRevision } | { ok: false; problem: ClueProblem } {
  const problem = checkFields(fields.type, fields.note);
  if (problem) return { ok: false, problem };
  return {
    ok: true,
    revision: {
      ...fields,
      note: fields.note.trim(),
      id: stamp.id,
      clueId: stamp.id,
      deleted: false,
      predecessorId: null,
      createdAt: stamp.at,
      author: stamp.author,
    },
  };
}

/** An edit (type, note or region) or a delete, as a new revision of `previous`. */
export function reviseClue(
  previous: ClueRevision,
  change: Partial<Pick<ClueRevision, 'region' | 'type' | 'note'>> | 'delete',
  stamp: RevisionStamp,
): { ok: true; revision: ClueRevision } | { ok: false; problem: ClueProblem } {
  if (previous.deleted) return { ok: false, problem: 'deleted' };
  const next = change === 'delete' ? {} : change;
  const type = next.type ?? previous.type;
  const note = (next.note ?? previous.note).trim();
  const problem = checkFields(type, note);
  if (problem) return { ok: false, problem };
  return {
    ok: true,
    revision: {
      ...previous,
      region: next.region ?? previous.region,
      type,
      note,
      deleted: change === 'delete',
      id: stamp.id,
      predecessorId: previous.id,
      createdAt: stamp.at,
      author: stamp.author,
    },
  };
}

function checkFields(type: string, note: string): ClueProblem | null {
  if (!(CLUE_TYPES as readonly string[]).includes(type)) return 'unknown-type';
  if (note.trim().length > CLUE_NOTE_MAX_LENGTH) return 'note-too-long';
  return null;
}

export interface CurrentClue {
  readonly revision: ClueRevision;
  /** Other heads of the same clue: concurrent edits of one predecessor, to be resolved by the analyst. */
  readonly conflicts: readonly ClueRevision[];
}

/**
 * The live clues from a pile of revisions (any order, possibly from several analysts): the heads of
 * each clue's revision tree, minus deleted ones. With one head, that is the clue; with several, the
 * newest by arrival order in `revisions` is shown and the others are reported as conflicts.
 */
export function currentClues(revisions: readonly ClueRevision[]): CurrentClue[] {
  const replaced = new Set<string>();
  for (const r of revisions) if (r.predecessorId) replaced.add(r.predecessorId);
  const headsByClue = new Map<string, ClueRevision[]>();
  for (const r of revisions) {
    if (replaced.has(r.id)) continue;
    const heads = headsByClue.get(r.clueId) ?? [];
    heads.push(r);
    headsByClue.set(r.clueId, heads);
  }
  const result: CurrentClue[] = [];
  for (const heads of headsByClue.values()) {
    const live = heads.filter((h) => !h.deleted);
    const shown = live.at(-1);
    if (!shown) continue;
    result.push({ revision: shown, conflicts: heads.filter((h) => h !== shown) });
  }
  return result;
}
