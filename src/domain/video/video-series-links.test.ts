import { describe, expect, it } from 'vitest';

import { placeVideos } from './video-grouping';
import type { VpdqFeature } from './vpdq-feature';
import { videoSeriesLinks } from './video-series-links';

const hex = (seed: number) =>
  Array.from({ length: 64 }, (_, i) =>
    ((seed * 7919 + i * 104729 + ((seed * i) % 13)) % 16).toString(16),
  ).join('');
const frames = (...seeds: number[]): VpdqFeature[] =>
  seeds.map((s, i) => ({ frame: i * 30, quality: 100, pdq: hex(s), timestamp: i }));

// Two series (groups 0 and 1, series A and B) and a video cut from a still of each, as the corpus's
// two-stills-pub-b005-pub-b004.mp4 is: it joins one, is linked to the other, and merges nothing.
const images = [
  { group: 0, quality: 100, dihedral: [hex(1)] },
  { group: 0, quality: 100, dihedral: [hex(4)] },
  { group: 1, quality: 100, dihedral: [hex(2)] },
  { group: 2, quality: 100, dihedral: [hex(9)] }, // an image not in a series yet
];
const seriesOfGroup = (g: number) => ['A', 'B', null][g] ?? null;

describe('a video whose frames show two series', () => {
  const placed = placeVideos([{ id: 'two-stills', vpdq: frames(1, 1, 4, 2, 9) }], images);

  it('is linked to every series it shows, and the image groups stay apart', () => {
    expect(placed[0]!.links.map((l) => l.group)).toEqual([0, 1, 2]);
    // placeVideos labels videos only: the images' groups are given, never joined.
    expect(images.map((i) => i.group)).toEqual([0, 0, 1, 2]);
  });

  it('is shown in the series it did not join, with the frames that say so', () => {
    expect(videoSeriesLinks(placed, seriesOfGroup, new Map([['two-stills', 'A']]))).toEqual([
      { mediaId: 'two-stills', seriesId: 'B', frames: 1 },
    ]);
    // Placed in B (an analyst moved it there): shown in A.
    expect(videoSeriesLinks(placed, seriesOfGroup, new Map([['two-stills', 'B']]))).toEqual([
      { mediaId: 'two-stills', seriesId: 'A', frames: 3 },
    ]);
  });

  it('links nothing for a video in one series only, or to groups without a series', () => {
    const one = placeVideos([{ id: 'one', vpdq: frames(1, 4) }], images);
    expect(videoSeriesLinks(one, seriesOfGroup, new Map([['one', 'A']]))).toEqual([]);
    const unsortedOnly = placeVideos([{ id: 'u', vpdq: frames(9) }], images);
    expect(videoSeriesLinks(unsortedOnly, seriesOfGroup, new Map([['u', null]]))).toEqual([]);
  });
});
