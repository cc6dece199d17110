// Golden test in Chromium, through the real worker pool: the "Hash check" screen hashes the PDQ
// reference files and every row must equal expected-pdq-fullres.csv (exact for plain 8-bit JPEG/PNG,
// within 10 bits for the PIL "modes" re-encodings); the dihedral hashes of the original bridge must
// match the 7 rotated/mirrored files; every bad/ file gets a hash or a readable error.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { expect, test, type Page } from '@playwright/test';

import { hammingDistanceHex } from '../src/domain/hashing/hamming';
import { corpusPath, PDQ_REFERENCE_DIR } from '../test/corpus';

interface Row {
  name: string;
  cells: string[];
  dihedral: string[];
}

const expected = readFileSync(join(PDQ_REFERENCE_DIR, 'expected-pdq-fullres.csv'), 'utf8')
  .split('\n')
  .filter((line) => line && !line.startsWith('#'))
  .map((line) => {
    const [hash, quality, dims, path] = line.split(',') as [string, string, string, string];
    const [w, h] = dims.split('x');
    return { hash, quality: Number(quality), width: Number(w), height: Number(h), path };
  });

const mustBeExact = (path: string) =>
  !path.startsWith('misc-images/modes/') || /modes\/(original|RGB)\.jpg$/.test(path);

async function hashOnPage(page: Page, files: string[]): Promise<Map<string, Row>> {
  await page.goto('/');
  await page.getByRole('link', { name: 'Hash check' }).click();
  await expect(page.getByRole('heading', { name: 'Hash check', level: 1 })).toBeVisible();
  await page.getByLabel('Files to hash').setInputFiles(files);
  await expect(page.getByRole('main').getByRole('status')).toContainText(
    `Hashed ${files.length} of ${files.length} files`,
    {
      timeout: 100_000,
    },
  );
  const rows = await page
    .getByRole('table', { name: 'Hash results' })
    .locator('tbody tr')
    .evaluateAll((trs) =>
      trs.map((tr) => ({
        name: tr.querySelector('th')?.textContent ?? '',
        cells: Array.from(tr.querySelectorAll('td'), (td) => td.firstChild?.textContent ?? ''),
        dihedral: Array.from(tr.querySelectorAll('ol li span:last-child'), (s) => s.textContent ?? ''),
      })),
    );
  expect(rows).toHaveLength(files.length);
  return new Map(rows.map((r) => [r.name, r]));
}

test('Chromium hashes the PDQ reference images like the reference', async ({ page }) => {
  const rows = await hashOnPage(
    page,
    expected.map((e) => join(PDQ_REFERENCE_DIR, 'images', e.path)),
  );
  const mismatches: string[] = [];
  for (const e of expected) {
    const row = rows.get(e.path.split('/').pop()!);
    expect(row, e.path).toBeDefined();
    const [, dimensions, md5, sha1, sha256, pdq, quality] = row!.cells;
    const bytes = readFileSync(join(PDQ_REFERENCE_DIR, 'images', e.path));
    expect([md5, sha1, sha256], e.path).toEqual(
      ['md5', 'sha1', 'sha256'].map((a) => createHash(a).update(bytes).digest('hex')),
    );
    expect(dimensions, e.path).toBe(`${e.width} × ${e.height}`);
    const distance = hammingDistanceHex(pdq!, e.hash);
    if (mustBeExact(e.path)) {
      if (pdq !== e.hash || Number.parseInt(quality!, 10) !== e.quality)
        mismatches.push(`${e.path}: ${pdq} q${quality} (distance ${distance})`);
    } else expect(distance, e.path).toBeLessThanOrEqual(10);
  }
  expect(mismatches).toEqual([]);

  // The original's dihedral hashes find each rotated / mirrored file (the reference is not bit-equal
  // here either: re-encoded files, asymmetric filter edges), well within the match threshold of 31.
  const original = rows.get('bridge-1-original.jpg')!;
  expect(original.dihedral).toHaveLength(8);
  expect(original.dihedral[0]).toBe(original.cells[5]);
  const variants = [
    'bridge-2-rotate-90.jpg',
    'bridge-3-rotate-180.jpg',
    'bridge-4-rotate-270.jpg',
    'bridge-5-flipx.jpg',
    'bridge-6-flipy.jpg',
    'bridge-7-flip-plus-1.jpg',
    'bridge-8-flip-minus-1.jpg',
  ];
  variants.forEach((name, k) => {
    const plain = rows.get(name)!.cells[5]!;
    const distances = original.dihedral.slice(1).map((d) => hammingDistanceHex(d, plain));
    expect(distances[k], name).toBeLessThanOrEqual(31);
    expect(Math.min(...distances.filter((_, j) => j !== k)), name).toBeGreaterThan(distances[k]! + 31);
  });
});

test('every bad/ file gets a hash or a readable error, and the batch finishes', async ({ page }) => {
  const dir = corpusPath('bad');
  const names = readdirSync(dir).sort();
  const rows = await hashOnPage(
    page,
    names.map((n) => join(dir, n)),
  );
  for (const name of names) {
    const [, first, , , , pdq] = rows.get(name)!.cells;
    if (pdq) expect(pdq, name).toMatch(/^[0-9a-f]{64}$/);
    else expect(first, name).toMatch(/^Not hashed: .{20,}/);
  }
  const error = (name: string) => rows.get(name)!.cells[1];
  expect(error('zero_bytes.jpg')).toContain('empty');
  expect(error('png_bomb_declared_50000x50000.png')).toContain('over the 100 MP limit');
  expect(error('png_bomb_full_20000x20000.png')).toContain('over the 100 MP limit');
  expect(error('external_ref.svg')).toContain('SVG');
  expect(rows.get('exif_orientation_6.jpg')!.cells[1]).toBe('400 × 640'); // pixels as stored
});

test('Cancel stops a large batch: queued files are dropped and the screen says so', async ({ page }) => {
  const dir = corpusPath('images');
  const files = readdirSync(dir)
    .sort()
    .map((n) => join(dir, n));
  await page.goto('/tools/hash');
  await page.getByLabel('Files to hash').setInputFiles(files);
  const status = page.getByRole('main').getByRole('status');
  await expect(status).toContainText(`of ${files.length} files`);
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(status).toContainText('Cancelled:');
  const done = Number(/Cancelled: (\d+) of/.exec((await status.textContent()) ?? '')?.[1]);
  expect(done).toBeLessThan(files.length);
  await expect(page.getByRole('button', { name: 'Cancel' })).toBeDisabled();
  // The pool still works after a cancel (its workers were replaced).
  await page.getByLabel('Files to hash').setInputFiles(files.slice(0, 3));
  await expect(status).toContainText('Hashed 3 of 3 files');
});
