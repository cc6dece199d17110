// Golden test, Node realm: ffmpeg decodes (RGB24 through libswscale's area filter, as the vPDQ
// reference), the domain hashes every frame; compared with the reference implementation's output
// (../shared/corpus/video/reference-hashes). Frames of quality >= 50 must be within 8 bits at the same
// frame number; the share that is bit-exact is printed (the bench holds the >= 90 % goal).
import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { corpusPath } from '../../../test/corpus';
import { hammingDistanceHex } from '../../domain/hashing/hamming';
import { parseVpdqHashFile } from '../../domain/hashlists/vpdq-hash-file';
import { isVideoSignature } from '../../domain/video/video-signature';
import { hashFile } from '../hashing/hash-file';

const NAMES = [
  'chair-19-sd-bar',
  'chair-22-sd-grey-bar',
  'chair-orig-22-sd-bar',
  'doorknob-hd-no-bar',
  'pattern-hd-no-bar',
  'pattern-sd-grey-bar',
  'pattern-sd-with-small-logo-bar',
  'test-padded-dimensions',
];

describe('vPDQ of the reference videos, every frame (CLI decoding)', () => {
  let frames = 0;
  let exact = 0;
  it.each(NAMES)('%s: same frames, times and hashes within 8 bits', async (name) => {
    const ref = parseVpdqHashFile(readFileSync(corpusPath('video/reference-hashes', `${name}.txt`), 'utf8'));
    if (!ref.ok) throw new Error(JSON.stringify(ref.fatal));
    const s = await hashFile(corpusPath('video/reference', `${name}.mp4`), { secondsPerHash: 0 });
    if (!isVideoSignature(s)) throw new Error(`${name} did not hash as a video: ${JSON.stringify(s)}`);
    expect(s.vpdq.map((f) => f.frame)).toEqual(ref.features.map((f) => f.frame));
    expect(s.incomplete).toBeUndefined();
    const far: string[] = [];
    s.vpdq.forEach((f, i) => {
      const r = ref.features[i]!;
      expect(Math.abs(f.timestamp - r.timestamp), `frame ${f.frame} time`).toBeLessThanOrEqual(0.001);
      const d = hammingDistanceHex(f.pdq, r.pdq);
      if (d === 0) exact++;
      frames++;
      if (r.quality >= 50 && d > 8) far.push(`frame ${f.frame}: ${d} bits`);
    });
    expect(far).toEqual([]);
  });

  it('most frames are bit-exact', () => {
    console.info(
      `vPDQ golden (CLI): ${exact}/${frames} frames bit-exact (${((100 * exact) / frames).toFixed(1)} %)`,
    );
    expect(frames).toBeGreaterThan(2500);
    expect(exact / frames).toBeGreaterThan(0.9);
  });
});
