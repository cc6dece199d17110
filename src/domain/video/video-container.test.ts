import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { corpusPath } from '../../../test/corpus';
import { sniffVideoContainer } from './video-container';

const head = (path: string) => new Uint8Array(readFileSync(corpusPath(path)).subarray(0, 4096));

describe('video containers from their bytes', () => {
  it('knows the corpus videos and leaves images and junk alone', () => {
    expect(sniffVideoContainer(head('video/reference/chair-19-sd-bar.mp4'))).toBe('mp4');
    expect(sniffVideoContainer(head('video/synthetic/still-zoom-pub-b002.webm'))).toBe('webm');
    expect(sniffVideoContainer(head('video/bad/audio-only.m4a'))).toBe('mp4'); // the decoder finds no picture
    expect(sniffVideoContainer(head('video/bad/text-named.mp4'))).toBeNull();
    expect(sniffVideoContainer(new Uint8Array(0))).toBeNull();
    expect(sniffVideoContainer(head('images/7a689f0e75905c67.jpg'))).toBeNull();
  });

  it('leaves HEIF and AVIF stills to the image path', () => {
    const ftyp = (brand: string) => new Uint8Array([0, 0, 0, 24, ...Buffer.from(`ftyp${brand}`), 0, 0, 0, 0]);
    expect(sniffVideoContainer(ftyp('heic'))).toBeNull();
    expect(sniffVideoContainer(ftyp('avif'))).toBeNull();
    expect(sniffVideoContainer(ftyp('qt  '))).toBe('quicktime');
    expect(sniffVideoContainer(ftyp('isom'))).toBe('mp4');
  });
});
