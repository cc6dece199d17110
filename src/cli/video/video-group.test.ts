// `waymark group` with videos and images of the public corpus (per ../shared/corpus/video/manifest.jsonl):
// a video made from a still joins the still's group (MP4/H.264 and WebM/VP9), a video cut from two
// series' stills is linked to both groups and does not merge them, a re-encode joins its original,
// unrelated videos stay alone.
import { spawnSync } from 'node:child_process';

import { describe, expect, it } from 'vitest';

import { corpusPath } from '../../../test/corpus';

const image = (name: string) => corpusPath('images', name);
const video = (name: string) => corpusPath('video', name);

describe('waymark group with videos', () => {
  it('places videos with the images their frames show, never merging two series', () => {
    const b001 = [image('7a689f0e75905c67.jpg'), image('a00d4decd8de2e03.jpg')];
    const b002 = [image('3c7401b7b2d44950.jpg'), image('815a2ed72c0187ac.png')];
    const b004 = image('42be399dc65b121c.jpg');
    const b005 = image('5d22a905ae1fad43.jpg');
    const videos = {
      b001: video('synthetic/still-zoom-pub-b001.mp4'),
      b002: video('synthetic/still-zoom-pub-b002.webm'),
      two: video('synthetic/two-stills-pub-b005-pub-b004.mp4'),
      original: video('reference/pattern-sd-grey-bar.mp4'),
      reencode: video('synthetic/pattern-sd-grey-bar-reencoded-360.mp4'),
      testsrc: video('synthetic/unrelated-testsrc.mp4'),
      mandelbrot: video('synthetic/unrelated-mandelbrot.webm'),
    };
    const result = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        'src/cli/main.ts',
        'group',
        '--json',
        ...b001,
        ...b002,
        b004,
        b005,
        ...Object.values(videos),
      ],
      { encoding: 'utf8' },
    );
    expect(result.status).toBe(0);
    const { groups, links } = JSON.parse(result.stdout) as {
      groups: { path: string }[][];
      links?: { path: string; groups: number[] }[];
    };
    const groupOf = (path: string) => groups.findIndex((g) => g.some((m) => m.path === path));
    const members = (path: string) => groups[groupOf(path)]!.map((m) => m.path).sort();
    expect(members(videos.b001)).toEqual([...b001, videos.b001].sort());
    expect(members(videos.b002)).toEqual([...b002, videos.b002].sort());
    expect(members(videos.reencode)).toEqual([videos.original, videos.reencode].sort());
    expect(members(videos.testsrc)).toEqual([videos.testsrc]);
    expect(members(videos.mandelbrot)).toEqual([videos.mandelbrot]);
    // Linked to both stills' groups, which stay apart.
    expect(groupOf(b004)).not.toBe(groupOf(b005));
    expect(links).toEqual([
      { path: videos.two, groups: expect.arrayContaining([groupOf(b004), groupOf(b005)]) as unknown },
    ]);
    expect(links![0]!.groups).toHaveLength(2);
    expect([groupOf(b004), groupOf(b005)]).toContain(groupOf(videos.two));
  });

  it('finds fast-moving footage cut at another moment when every frame is hashed (--seconds-per-hash 0)', () => {
    // chair-19 and the clip cut from chair-orig-22 show the same moving shot from different starting
    // moments; adjacent frames differ by ~25 bits, so only dense sampling lines their frames up.
    const chair = video('reference/chair-19-sd-bar.mp4');
    const clip = video('synthetic/chair-orig-22-clip-8s-2s.mp4');
    const testsrc = video('synthetic/unrelated-testsrc.mp4');
    const result = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        'src/cli/main.ts',
        'group',
        '--json',
        '--seconds-per-hash',
        '0',
        chair,
        clip,
        testsrc,
      ],
      { encoding: 'utf8' },
    );
    expect(result.status).toBe(0);
    const { groups } = JSON.parse(result.stdout) as { groups: { path: string }[][] };
    expect(groups.map((g) => g.map((m) => m.path).sort())).toEqual([[chair, clip].sort(), [testsrc]]);
  }, 180_000); // every frame of 21 s of video, decoded by ffmpeg: slow on a loaded 2-core machine

  it('refuses a sampling interval that is not a number of seconds', () => {
    const result = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'src/cli/main.ts', 'group', '--seconds-per-hash', 'soon', video('bad/empty.mp4')],
      { encoding: 'utf8' },
    );
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--seconds-per-hash needs a number of seconds');
  });
});
