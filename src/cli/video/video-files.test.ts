// The CLI on the corpus's videos: sampling, bad files with their own errors (the run goes on), no
// ffmpeg (videos fail alone, images still hash), and `match` against vPDQ lists.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { corpusPath } from '../../../test/corpus';

const cli = (args: string[], env: NodeJS.ProcessEnv = process.env) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { encoding: 'utf8', env });
const jsonLines = (stdout: string) =>
  stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);

const dir = mkdtempSync(join(tmpdir(), 'waymark-video-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('waymark hash on videos', () => {
  it('gives every bad file its own error and goes on', () => {
    const result = cli([
      'hash',
      '--json',
      corpusPath('video/bad'),
      corpusPath('video/synthetic/unrelated-testsrc.mp4'),
    ]);
    expect(result.status).toBe(0);
    const byName = new Map(jsonLines(result.stdout).map((l) => [String(l.path).split('/').pop(), l]));
    expect(byName.get('empty.mp4')).toMatchObject({ error: { reason: 'empty' } });
    expect(byName.get('text-named.mp4')).toMatchObject({ error: { reason: 'undecodable' } });
    expect(byName.get('audio-only.m4a')).toMatchObject({
      error: { reason: 'no-video-track' },
      md5: expect.any(String) as unknown,
    });
    // The CLI's ffmpeg decodes H.265 (only Chromium here cannot).
    expect(byName.get('hevc-unsupported-in-browser.mp4')).toMatchObject({
      kind: 'video',
      codec: 'hevc',
      width: 320,
    });
    const truncated = byName.get('truncated.mp4')!;
    expect(truncated).toMatchObject({
      kind: 'video',
      incomplete: expect.stringMatching(/truncated or damaged/) as unknown,
    });
    expect((truncated.vpdq as unknown[]).length).toBeGreaterThan(0);
    const ok = byName.get('unrelated-testsrc.mp4')!;
    // pictureVpdq appears only for frames with uniform bars (testsrc2 has one such frame).
    expect(Object.keys(ok).filter((k) => k !== 'pictureVpdq')).toEqual([
      'path',
      'kind',
      'bytes',
      'md5',
      'sha1',
      'sha256',
      'width',
      'height',
      'durationMs',
      'fps',
      'codec',
      'secondsPerHash',
      'keyFrames',
      'vpdq',
    ]);
    expect(ok).toMatchObject({ width: 640, height: 360, durationMs: 5000, fps: 30, secondsPerHash: 1 });
    expect((ok.vpdq as { frame: number }[]).map((f) => f.frame)).toEqual([0, 30, 60, 90, 120]);
  });

  it('samples by --seconds-per-hash', () => {
    const result = cli([
      'hash',
      '--json',
      '--seconds-per-hash',
      '0.5',
      corpusPath('video/synthetic/unrelated-testsrc.mp4'),
    ]);
    const [line] = jsonLines(result.stdout);
    expect((line!.vpdq as { frame: number; timestamp: number }[]).slice(0, 3)).toMatchObject([
      { frame: 0, timestamp: 0 },
      { frame: 15, timestamp: 0.5 },
      { frame: 30, timestamp: 1 },
    ]);
    expect(cli(['hash', '--seconds-per-hash', 'x', 'a.mp4']).status).toBe(2);
  });

  it('without ffmpeg, videos get a clear error and images still hash', () => {
    const env = {
      ...process.env,
      WAYMARK_FFMPEG: '/nonexistent/ffmpeg',
      WAYMARK_FFPROBE: '/nonexistent/ffprobe',
    };
    const image = corpusPath('images/7a689f0e75905c67.jpg');
    const result = cli(['hash', '--json', corpusPath('video/synthetic/unrelated-testsrc.mp4'), image], env);
    expect(result.status).toBe(0);
    const [video, still] = jsonLines(result.stdout);
    expect(video).toMatchObject({
      error: { reason: 'unsupported', message: expect.stringMatching(/ffmpeg.*not found/) as unknown },
    });
    expect(still).toMatchObject({ path: image, pdqQuality: 100 });
  });
});

describe('waymark match with videos', () => {
  it('matches a re-encode against a vPDQ list folder, and a frame grab against the video', () => {
    const list = join(dir, 'known');
    // A still cut from the video (made here, outside the repository).
    const grab = join(dir, 'grab.png');
    const cut = spawnSync('ffmpeg', [
      '-v',
      'error',
      '-ss',
      '2',
      '-i',
      corpusPath('video/reference/pattern-sd-grey-bar.mp4'),
      '-frames:v',
      '1',
      grab,
    ]);
    expect(cut.status).toBe(0);
    const hashed = cli(['hash', '--json', corpusPath('video/reference/pattern-sd-grey-bar.mp4')]);
    mkdirSync(list, { recursive: true });
    for (const line of jsonLines(hashed.stdout)) {
      const name = String(line.path)
        .split('/')
        .pop()!
        .replace(/\.\w+$/, '');
      const text = (line.vpdq as { frame: number; quality: number; pdq: string; timestamp: number }[])
        .map((f) => `${f.frame},${f.quality},${f.pdq},${f.timestamp.toFixed(3)}`)
        .join('\n');
      writeFileSync(join(list, `${name}.txt`), `${text}\n`);
    }
    const result = cli([
      'match',
      '--json',
      '--list',
      list,
      corpusPath('video/synthetic/pattern-sd-grey-bar-reencoded-360.mp4'),
      corpusPath('video/synthetic/unrelated-testsrc.mp4'),
      grab,
    ]);
    expect(result.stderr).toBe('');
    const [reencode, unrelated, still] = jsonLines(result.stdout);
    expect(reencode).toMatchObject({
      kind: 'video',
      matches: [{ kind: 'vpdq', entry: 'pattern-sd-grey-bar' }],
    });
    const m = (reencode!.matches as { queryPercent: number; frames: unknown[] }[])[0]!;
    expect(m.queryPercent).toBeGreaterThanOrEqual(80);
    expect(m.frames.length).toBeGreaterThan(0);
    expect(unrelated).toMatchObject({ kind: 'video', matches: [] });
    expect(still).toMatchObject({
      matches: [{ kind: 'vpdq', entry: 'pattern-sd-grey-bar', frame: expect.any(Number) as unknown }],
    });
  });

  it('finds a known still inside a video that shows it pillarboxed (PDQ list, frame and time)', () => {
    const image = corpusPath('images/7a689f0e75905c67.jpg');
    const [still] = jsonLines(cli(['hash', '--json', image]).stdout);
    const list = join(dir, 'stills.pdq');
    writeFileSync(list, `${String(still!.pdq)},100,pub-s001\n`);
    const result = cli([
      'match',
      '--json',
      '--list',
      list,
      corpusPath('video/synthetic/still-zoom-pub-b001.mp4'),
    ]);
    const [video] = jsonLines(result.stdout);
    expect(video).toMatchObject({
      kind: 'video',
      matches: [{ kind: 'pdq', entry: 1, timestamp: expect.any(Number) as unknown }],
    });
    const hashed = jsonLines(
      cli(['hash', '--json', corpusPath('video/synthetic/still-zoom-pub-b001.mp4')]).stdout,
    )[0]!;
    expect((hashed.pictureVpdq as unknown[]).length).toBeGreaterThan(0);
  });
});
