import { describe, expect, it } from 'vitest';

import { placeVideos } from './video-grouping';
import type { VpdqFeature } from './vpdq-feature';

const hex = (seed: number) =>
  Array.from({ length: 64 }, (_, i) =>
    ((seed * 7919 + i * 104729 + ((seed * i) % 13)) % 16).toString(16),
  ).join('');
const frames = (...seeds: number[]): VpdqFeature[] =>
  seeds.map((s, i) => ({ frame: i * 30, quality: 100, pdq: hex(s), timestamp: i }));

describe('placing videos among image groups', () => {
  it('links a video to every group its frames show, and joins matching videos into one component', () => {
    const images = [
      { group: 0, quality: 100, dihedral: [hex(1)] },
      { group: 1, quality: 100, dihedral: [hex(2)] },
      { group: 2, quality: 30, dihedral: [hex(3)] }, // near-blank: never linked
    ];
    const placed = placeVideos(
      [
        { id: 'two-stills', vpdq: frames(1, 1, 2) },
        { id: 'copy', vpdq: frames(1, 1, 2) },
        { id: 'blank-still', vpdq: frames(3) },
        { id: 'alone', vpdq: frames(50, 51) },
      ],
      images,
    );
    expect(placed.map((p) => [p.id, p.component, p.links.map((l) => [l.group, l.frames])])).toEqual([
      [
        'two-stills',
        0,
        [
          [0, 4],
          [1, 2],
        ],
      ], // frames of both videos of the component count
      [
        'copy',
        0,
        [
          [0, 4],
          [1, 2],
        ],
      ],
      ['blank-still', 1, []],
      ['alone', 2, []],
    ]);
  });

  it('uses the picture inside bars to link a still', () => {
    const placed = placeVideos(
      [{ id: 'pillarboxed', vpdq: frames(9), pictureVpdq: frames(1) }],
      [{ group: 4, quality: 100, dihedral: [hex(1)] }],
    );
    expect(placed[0]!.links).toEqual([{ group: 4, frames: 1 }]);
  });
});
