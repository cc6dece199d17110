// Golden test in Chromium, through the app's built hash worker: WebCodecs decodes the reference
// videos, one frame per second is hashed with the same PDQ kernel, and the frame hashes are compared
// with the reference implementation's (../shared/corpus/video/reference-hashes) at the same frame
// numbers (at least 95 % within 16 bits); the vPDQ match decision on every pair of reference videos
// equals the reference's at the same sampling (the reference's frames 0, 30, 60, …: sampling itself
// changes decisions, e.g. chair-19 is a time-shifted cut of chair-22 that matches at every frame and
// not at one frame per second, in the reference as in the browser); the synthetic videos (VP8, VP9)
// hash; every bad/ file gets its own answer.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { expect, test } from '@playwright/test';

import { hammingDistanceHex } from '../src/domain/hashing/hamming';
import { parseVpdqHashFile } from '../src/domain/hashlists/vpdq-hash-file';
import { compareVpdq } from '../src/domain/video/vpdq-match';
import type { VpdqFeature } from '../src/domain/video/vpdq-feature';
import { corpusPath } from '../test/corpus';
import { hashVideosInWorker, type VideoRow } from './support/video-worker';

const VIDEO = corpusPath('video');
const reference = readdirSync(join(VIDEO, 'reference')).sort();
const referenceHashes = (name: string): VpdqFeature[] => {
  const parsed = parseVpdqHashFile(
    readFileSync(join(VIDEO, 'reference-hashes', name.replace(/\.mp4$/, '.txt')), 'utf8'),
  );
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.fatal));
  return parsed.features;
};
type Hashed = Extract<VideoRow, { kind: 'video' }>;
const hashed = (row: VideoRow | undefined): Hashed => {
  if (!row || !('kind' in row)) throw new Error(`not hashed: ${JSON.stringify(row)}`);
  return row;
};

test('Chromium hashes the reference videos like the vPDQ reference, one frame per second', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await page.goto('/');
  const { rows } = await hashVideosInWorker(
    page,
    reference.map((f) => join(VIDEO, 'reference', f)),
    { secondsPerHash: 1 },
  );
  const byName = new Map(rows.map((r) => [r.name, r]));
  let sampled = 0;
  let within16 = 0;
  const ours = new Map<string, VpdqFeature[]>();
  for (const name of reference) {
    const row = hashed(byName.get(name));
    const bytes = readFileSync(join(VIDEO, 'reference', name));
    expect(row.sha256, name).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(row.md5, name).toBe(createHash('md5').update(bytes).digest('hex'));
    expect(row.incomplete, name).toBeUndefined();
    expect(row.thumbnailSizes.length, name).toBeGreaterThan(0);
    const ref = new Map(referenceHashes(name).map((f) => [f.frame, f]));
    expect(
      row.vpdq.map((f) => f.frame),
      name,
    ).toEqual(
      [...ref.keys()].filter((frame) => frame % 30 === 0), // 30 fps: frames 0, 30, 60, …
    );
    for (const f of row.vpdq) {
      sampled++;
      if (hammingDistanceHex(f.pdq, ref.get(f.frame)!.pdq) <= 16) within16++;
    }
    ours.set(name, [...row.vpdq]);
  }
  console.info(`vPDQ golden (Chromium, 1 frame/s): ${within16}/${sampled} sampled frames within 16 bits`);
  expect(within16 / sampled).toBeGreaterThanOrEqual(0.95);

  const disagreements: string[] = [];
  for (let i = 0; i < reference.length; i++)
    for (let j = i + 1; j < reference.length; j++) {
      const [a, b] = [reference[i]!, reference[j]!];
      const sampled = (name: string) => referenceHashes(name).filter((f) => f.frame % 30 === 0);
      const theirs = compareVpdq(sampled(a), sampled(b)).isMatch;
      const mine = compareVpdq(ours.get(a)!, ours.get(b)!).isMatch;
      if (theirs !== mine) disagreements.push(`${a} ~ ${b}: reference ${theirs}, browser ${mine}`);
    }
  expect(disagreements).toEqual([]);
});

test('Chromium hashes the synthetic videos and gives every bad file its own answer', async ({ page }) => {
  test.setTimeout(300_000);
  await page.goto('/');
  const synthetic = readdirSync(join(VIDEO, 'synthetic'))
    .sort()
    .map((f) => join(VIDEO, 'synthetic', f));
  const bad = readdirSync(join(VIDEO, 'bad'))
    .sort()
    .map((f) => join(VIDEO, 'bad', f));
  const { rows } = await hashVideosInWorker(page, [...synthetic, ...bad]);
  const byName = new Map(rows.map((r) => [r.name, r]));
  for (const file of synthetic) {
    const row = hashed(byName.get(file.split('/').pop()!));
    expect(row.vpdq.length, file).toBeGreaterThanOrEqual(2);
    expect(row.durationMs, file).toBeGreaterThan(1500);
  }
  expect(hashed(byName.get('still-zoom-pub-b002.webm'))).toMatchObject({
    width: 1280,
    height: 720,
    container: 'webm',
  });
  expect(byName.get('hevc-unsupported-in-browser.mp4')).toMatchObject({
    ok: false,
    reason: 'unsupported',
    problem: { code: 'codec-unsupported', codec: expect.stringMatching(/H\.265/) as unknown },
  });
  expect(byName.get('audio-only.m4a')).toMatchObject({ ok: false, reason: 'no-video-track' });
  expect(byName.get('empty.mp4')).toMatchObject({ notVideo: true }); // no bytes: the image path says "empty"
  expect(byName.get('text-named.mp4')).toMatchObject({ notVideo: true }); // the extension lies
  const truncated = byName.get('truncated.mp4');
  // A truncated video is hashed as far as it decodes (and says so), or refused with a reason.
  if (truncated && 'kind' in truncated) expect(truncated.incomplete).toMatch(/truncated or damaged/);
  else expect(truncated).toMatchObject({ ok: false, reason: 'undecodable' });
});
