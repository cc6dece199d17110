// Video media through VICS 2.0 and back: the corpus's sample videos (their real MD5 and SHA-1) written
// as a case file beside a still, read back by the streaming reader: the same hashes, MIME types and
// video facts; the still stays a still. And the exact JSON one video record is written as (golden).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { corpusPath } from '../../../test/corpus';
import type { VicsMedia } from './vics-media';
import { VicsStreamReader } from './vics-reader';
import { readVideoFacts, videoMetadata, type VicsVideoFacts } from './vics-video';
import { VicsSegment, writeVicsCase, type VicsExportMedia } from './vics-writer';

const BOUNDS = { maxDurationMs: 7 * 24 * 3600 * 1000, maxFps: 1000 };
const digest = (algorithm: string, path: string) =>
  createHash(algorithm).update(readFileSync(path)).digest('hex');

const videos: { file: string; mimeType: string; facts: VicsVideoFacts }[] = [
  {
    file: 'video/reference/pattern-sd-grey-bar.mp4',
    mimeType: 'video/mp4',
    facts: {
      durationMs: 6867,
      fps: 29.97,
      width: 640,
      height: 480,
      segments: [
        { startMs: 500, endMs: 2000, category: 1 },
        { startMs: 1500, endMs: 6867, category: null },
      ],
    },
  },
  {
    file: 'video/synthetic/still-zoom-pub-b002.webm',
    mimeType: 'video/webm',
    facts: { durationMs: 8000, fps: 25, width: 0, height: 0 },
  },
];
const still = corpusPath('images/7a689f0e75905c67.jpg');

function exported(): VicsExportMedia[] {
  return [
    ...videos.map((v) => {
      const path = corpusPath(v.file);
      return {
        md5: digest('md5', path),
        sha1: digest('sha1', path),
        category: 2,
        mimeType: v.mimeType,
        files: [{ fileName: v.file.split('/').pop()!, filePath: v.file }],
        exif: [],
        metadata: videoMetadata(v.facts),
      };
    }),
    {
      md5: digest('md5', still),
      sha1: digest('sha1', still),
      category: null,
      mimeType: 'image/jpeg',
      files: [],
      exif: [],
    },
  ];
}

function readBack(text: string): VicsMedia[] {
  const reader = new VicsStreamReader();
  const out = reader.push(text).items;
  const end = reader.end();
  expect(end.fatal).toBeNull();
  expect(end.warnings).toEqual([]);
  return [...out, ...end.items];
}

describe('video media in VICS 2.0', () => {
  const text = writeVicsCase({
    caseId: '01JDQ7ZK3M8V4N2X9R5T6W7Y8Z',
    caseNumber: 'OP-VIDEO',
    segment: VicsSegment.us,
    sourceApplicationName: 'Waymark',
    sourceApplicationVersion: '0.1.0',
    media: exported(),
  });

  it('round-trips hashes, MIME types and video facts; a still stays a still', () => {
    const back = readBack(text);
    const sent = exported();
    expect(back.map((m) => [m.md5, m.sha1, m.mimeType, m.category])).toEqual(
      sent.map((m) => [m.md5, m.sha1, m.mimeType, m.category]),
    );
    expect(back.map((m) => readVideoFacts(m.mimeType, m.metadata, BOUNDS))).toEqual([
      ...videos.map((v) => v.facts),
      null,
    ]);
  });

  it('writes a video record as this golden JSON (Project VIC fields only, facts in MediaMetadata)', () => {
    const parsed = JSON.parse(text) as { value: { Media: Record<string, unknown>[] }[] };
    const path = corpusPath(videos[0]!.file);
    expect(parsed.value[0]!.Media[0]).toEqual({
      MediaID: 1,
      Category: 2,
      MD5: digest('md5', path).toUpperCase(),
      SHA1: digest('sha1', path).toUpperCase(),
      MimeType: 'video/mp4',
      MediaMetadata: [
        { PropertyName: 'VideoDurationSeconds', PropertyValue: '6.867' },
        { PropertyName: 'VideoFrameRate', PropertyValue: '29.97' },
        { PropertyName: 'VideoWidth', PropertyValue: '640' },
        { PropertyName: 'VideoHeight', PropertyValue: '480' },
        { PropertyName: 'WaymarkVideoSegment', PropertyValue: 'start=0.500;end=2.000;category=1' },
        { PropertyName: 'WaymarkVideoSegment', PropertyValue: 'start=1.500;end=6.867' },
      ],
      MediaFiles: [
        {
          MD5: digest('md5', path).toUpperCase(),
          FileName: 'pattern-sd-grey-bar.mp4',
          FilePath: 'video/reference/pattern-sd-grey-bar.mp4',
        },
      ],
    });
  });

  it('takes a record back as a video only with a video MIME type, a duration and a frame rate in bounds', () => {
    const facts = videoMetadata({ durationMs: 1500, fps: 30, width: 0, height: 0 });
    expect(readVideoFacts('video/mp4', facts, BOUNDS)).toEqual({
      durationMs: 1500,
      fps: 30,
      width: 0,
      height: 0,
    });
    expect(readVideoFacts('image/jpeg', facts, BOUNDS)).toBeNull();
    expect(readVideoFacts('video/mp4', [], BOUNDS)).toBeNull();
    expect(readVideoFacts('video/mp4', facts.slice(0, 1), BOUNDS)).toBeNull();
    const zeroFps = [facts[0]!, { name: 'VideoFrameRate', value: '0' }];
    expect(readVideoFacts('video/mp4', zeroFps, BOUNDS)).toBeNull();
    const tooLong = [{ name: 'VideoDurationSeconds', value: '99999999' }, facts[1]!];
    expect(readVideoFacts('video/mp4', tooLong, BOUNDS)).toBeNull();
    const words = [{ name: 'VideoDurationSeconds', value: 'long' }, facts[1]!];
    expect(readVideoFacts('video/mp4', words, BOUNDS)).toBeNull();
  });

  it('takes segments back only when well formed and within the video, in start order', () => {
    const segment = (value: string) => ({ name: 'WaymarkVideoSegment', value });
    const facts = [
      ...videoMetadata({ durationMs: 4000, fps: 25, width: 0, height: 0 }),
      segment('start=2.000;end=3.000'),
      segment('start=0.250;end=1.500;category=3'),
      segment('start=3.000;end=4.500'), // beyond the video's end
      segment('start=2.000;end=1.000'), // ends before it starts
      segment('start=1;end=2;category=100'), // not a category
      segment('from 1 s to 2 s'),
      segment('start=-1.000;end=1.000'),
    ];
    expect(readVideoFacts('video/webm', facts, BOUNDS)?.segments).toEqual([
      { startMs: 250, endMs: 1500, category: 3 },
      { startMs: 2000, endMs: 3000, category: null },
    ]);
    // A video without segments has none (not an empty list).
    expect(readVideoFacts('video/webm', facts.slice(0, 2), BOUNDS)).not.toHaveProperty('segments');
    // At most as many as a media record holds.
    const many = Array.from({ length: 70 }, (_, i) => segment(`start=${i / 100};end=3.000`));
    expect(readVideoFacts('video/webm', [...facts.slice(0, 2), ...many], BOUNDS)?.segments).toHaveLength(64);
  });
});
