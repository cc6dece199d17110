import { readdirSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { isPdqHex } from '../../domain/hashing/pdq-hex';
import { corpusPath } from '../../../test/corpus';
import { hashFiles } from './hash-files';
import { walkFiles } from './walk';
import { hashProblemEnglish } from './hash-problem-english';

describe('hashFiles over the bad/ corpus', () => {
  it('answers every file, each with a hash or a readable error, in walk order', async () => {
    const dir = corpusPath('bad');
    const files = readdirSync(dir).sort();
    const results = [];
    for await (const r of hashFiles(walkFiles([dir, join(dir, 'no-such-file.jpg')]), { concurrency: 2 }))
      results.push(r);
    expect(results.map((r) => r.path)).toEqual([
      ...files.map((f) => join(dir, f)),
      join(dir, 'no-such-file.jpg'),
    ]);
    const byName = new Map(results.map((r) => [r.path.slice(dir.length + 1), r.signature]));
    for (const [name, s] of byName) {
      if (s.ok) expect('pdq' in s && isPdqHex(s.pdq), name).toBe(true);
      else expect(hashProblemEnglish(s).length, name).toBeGreaterThan(20);
    }
    const reason = (name: string) => {
      const s = byName.get(name);
      return s?.ok ? 'ok' : s?.reason;
    };
    expect(reason('zero_bytes.jpg')).toBe('empty');
    expect(reason('text_renamed.jpg')).toBe('undecodable');
    expect(reason('png_bomb_declared_50000x50000.png')).toBe('too-large');
    expect(reason('png_bomb_full_20000x20000.png')).toBe('too-large');
    expect(reason('jpeg_declared_65500x65500.jpg')).toBe('too-large');
    expect(reason('external_ref.svg')).toBe('unsupported');
    expect(reason('image.heic')).toBe('unsupported');
    expect(reason('no-such-file.jpg')).toBe('unreadable');
    for (const ok of [
      'cmyk.jpg',
      'rgb16.png',
      'gray.jpg',
      'palette.png',
      'png_named.jpg',
      'exif_orientation_6.jpg',
    ])
      expect(reason(ok), ok).toBe('ok');
    // The reason is coarse; the problem says exactly what, with what the CLI and the app word it from.
    const problem = (name: string) => {
      const s = byName.get(name);
      return s && !s.ok ? s.problem : undefined;
    };
    const bomb = byName.get('png_bomb_declared_50000x50000.png')!;
    expect(problem('png_bomb_declared_50000x50000.png')).toEqual({
      code: 'too-large',
      width: 50000,
      height: 50000,
      maxPixels: 100_000_000,
    });
    expect(!bomb.ok && hashProblemEnglish(bomb)).toBe(
      'The image declares 50000 × 50000 pixels (2.5 GP), over the 100 MP limit; it was not decoded.',
    );
    expect(problem('zero_bytes.jpg')).toEqual({ code: 'empty' });
    expect(problem('text_renamed.jpg')).toEqual({ code: 'not-media' });
    expect(problem('random_bytes.jpg')).toEqual({ code: 'corrupt-image', format: 'jpeg' });
    expect(problem('external_ref.svg')).toEqual({ code: 'svg-refused' });
    expect(problem('image.heic')).toEqual({ code: 'format-unsupported', format: 'heic' });
    expect(problem('no-such-file.jpg')).toEqual({ code: 'unreadable' });
    const missing = byName.get('no-such-file.jpg')!;
    expect(!missing.ok && hashProblemEnglish(missing)).toBe(
      'The file could not be read: it does not exist (moved or deleted?).',
    );
    const rotated = byName.get('exif_orientation_6.jpg');
    expect(rotated?.ok && [rotated.width, rotated.height]).toEqual([400, 640]); // as stored, not rotated
    const undecodable = byName.get('random_bytes.jpg');
    expect(undecodable?.ok === false && undecodable.md5).toMatch(/^[0-9a-f]{32}$/); // crypto kept
  });
});

describe('hashFiles when the walk itself fails', () => {
  it('yields what was hashed before the failure, then throws it', async () => {
    async function* paths() {
      yield corpusPath('bad', 'gray.jpg');
      await Promise.resolve();
      throw new Error('the walk broke');
    }
    const seen: string[] = [];
    await expect(
      (async () => {
        for await (const r of hashFiles(paths(), { concurrency: 2 })) seen.push(r.path);
      })(),
    ).rejects.toThrow('the walk broke');
    expect(seen).toEqual([corpusPath('bad', 'gray.jpg')]);
  });
});
