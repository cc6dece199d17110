import { PDQ_WORDS, parsePdqHex, pdqHexToWords, type PdqHex } from '../hashing/pdq-hex';
import { MultiIndexHashIndex } from '../index/mih-index';
import { VPDQ_DISTANCE, VPDQ_MIN_QUALITY, type VpdqFeature } from './vpdq-feature';
import { VpdqListMatcher } from './vpdq-list-matcher';
import type { VpdqMatchOptions } from './vpdq-match';

/**
 * Videos among grouped images. Image grouping is the grouping module's; this places videos around
 * its result, as evidence allows:
 * - video <-> video: the vPDQ rule (vpdq-match.ts); matching videos form one component;
 * - video <-> image: a frame of quality >= 50 (or the picture inside a frame's bars) within the
 *   distance of one of an image's 8 dihedral hashes (images of quality >= 50 only): the component
 *   is linked to that image's group, with the number of frames that say so.
 *
 * Invariant: videos never merge image groups. A component linked to one group joins it; linked to
 * several (a video cut from two series' stills), it is linked to each and shown in each, and the
 * groups stay apart; linked to none, it is a group of its own.
 */
export interface GroupedImage {
  /** The image's group (as the image grouping labelled it). */
  readonly group: number;
  readonly quality: number;
  /** The 8 dihedral hashes (original first), or just the original. */
  readonly dihedral: readonly PdqHex[];
}

export interface VideoToPlace {
  readonly id: string;
  readonly vpdq: readonly VpdqFeature[];
  readonly pictureVpdq?: readonly VpdqFeature[];
}

export interface VideoLink {
  readonly group: number;
  /** Distinct frames of the component's videos that match an image of the group. */
  readonly frames: number;
}

export interface VideoPlacement {
  readonly id: string;
  /** Videos with the same component number matched each other (vPDQ). */
  readonly component: number;
  /** Image groups the component is linked to, most frames first. */
  readonly links: readonly VideoLink[];
}

export function placeVideos(
  videos: readonly VideoToPlace[],
  images: readonly GroupedImage[],
  options: VpdqMatchOptions = {},
): VideoPlacement[] {
  const distance = options.distance ?? VPDQ_DISTANCE;
  const minQuality = options.minQuality ?? VPDQ_MIN_QUALITY;

  // Video <-> video components (union-find over the vPDQ matches).
  const parent = videos.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  const matcher = new VpdqListMatcher(
    videos.map((v, i) => ({ id: i, features: v.vpdq })),
    options,
  );
  videos.forEach((v, i) => {
    for (const m of matcher.match(v.vpdq)) if (m.isMatch && m.id !== i) parent[find(m.id)] = find(i);
  });

  // Video <-> image links.
  const index = new MultiIndexHashIndex<number>();
  const groupOfSlot: number[] = [];
  for (const image of images) {
    if (image.quality < minQuality) continue;
    for (const hex of image.dihedral) {
      const pdq = parsePdqHex(hex);
      if (!pdq) continue;
      index.add(groupOfSlot.length, pdqHexToWords(pdq));
      groupOfSlot.push(image.group);
    }
  }
  const words = new Uint32Array(PDQ_WORDS);
  const framesByComponent = new Map<number, Map<number, Set<string>>>();
  videos.forEach((v, i) => {
    const component = find(i);
    let byGroup = framesByComponent.get(component);
    if (!byGroup) framesByComponent.set(component, (byGroup = new Map<number, Set<string>>()));
    for (const f of [...v.vpdq, ...(v.pictureVpdq ?? [])]) {
      if (f.quality < minQuality) continue;
      const pdq = parsePdqHex(f.pdq);
      if (!pdq) continue;
      for (const hit of index.queryWithinRadius(pdqHexToWords(pdq, words), distance)) {
        const group = groupOfSlot[hit.id]!;
        let frames = byGroup.get(group);
        if (!frames) byGroup.set(group, (frames = new Set<string>()));
        frames.add(`${i}:${f.frame}`);
      }
    }
  });

  const numbers = new Map<number, number>();
  return videos.map((v, i) => {
    const root = find(i);
    if (!numbers.has(root)) numbers.set(root, numbers.size);
    const links = [...(framesByComponent.get(root) ?? new Map<number, Set<string>>())]
      .map(([group, frames]) => ({ group, frames: frames.size }))
      .sort((a, b) => b.frames - a.frames || a.group - b.group);
    return { id: v.id, component: numbers.get(root)!, links };
  });
}
