import { join } from 'node:path';

import { expect, test } from '@playwright/test';
import sharp from 'sharp';

import { corpusPath } from '../test/corpus';
import { createCase } from './support/app';

// From manifest.jsonl: base pub-b001, its original, a crop (no hash matches it: keypoints do), and a
// mirrored copy (PDQ's dihedral hashes match it).
const ORIGINAL = '7a689f0e75905c67.jpg';
const CROP = '9db6732fd732a869.jpg';
const MIRRORED = '234f2e9c84c12e68.jpg';

test.use({ actionTimeout: 20_000 });

test('the pair view says why two images are in one series, on blurred thumbnails', async ({ page }) => {
  test.setTimeout(180_000);
  const files = [ORIGINAL, CROP, MIRRORED].map((f) => join(corpusPath('images'), f));
  await createCase(page, 'Operation Pairs', files);
  // One series of the three (the crop joined through keypoints, the mirror through PDQ).
  const series = page.getByRole('navigation', { name: 'Series' }).getByRole('list', { name: 'Series' });
  await expect(series.getByRole('button', { name: /3 images/ })).toBeVisible({ timeout: 60_000 });

  // The crop: joined by keypoints, and it lies inside the original.
  await page.getByLabel('File name or path').fill(CROP);
  await page
    .getByRole('grid', { name: 'Images' })
    .getByRole('gridcell', { name: new RegExp(CROP) })
    .click();
  const why = page.getByRole('region', { name: 'Why in this series' });
  await expect(why.getByText(`With ${ORIGINAL}`)).toBeVisible();
  await expect(why.getByText(/keypoint matches agree on one geometry/)).toBeVisible();
  await expect(why.getByText('This image lies inside the other.')).toBeVisible();
  await why.getByRole('button', { name: `Compare with ${ORIGINAL}` }).click();
  const dialog = page.getByRole('dialog', { name: 'Why these two images are together' });
  await expect(dialog).toBeVisible();
  // Both thumbnails blurred (wellness default), the matched regions outlined, keypoints dotted.
  const images = dialog.locator('.pair-image img');
  await expect(images).toHaveCount(2);
  for (const img of await images.all()) await expect(img).toHaveAttribute('style', /blur/);
  await expect(dialog.locator('svg rect')).not.toHaveCount(0);
  await expect(dialog.locator('svg ellipse')).not.toHaveCount(0);
  await page.screenshot({ path: test.info().outputPath('pair-view.png') });
  // A click reveals one image only; the other stays blurred.
  await dialog.getByRole('button', { name: 'Reveal' }).first().click();
  await expect(images.first()).toHaveAttribute('style', /filter: none/);
  await expect(images.nth(1)).toHaveAttribute('style', /blur/);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  // The mirrored copy: PDQ, with its orientation named.
  await page.getByLabel('File name or path').fill(MIRRORED);
  await page
    .getByRole('grid', { name: 'Images' })
    .getByRole('gridcell', { name: new RegExp(MIRRORED) })
    .click();
  await expect(why.getByText(/Whole-image PDQ: distance \d+ of 256 \(mirrored/)).toBeVisible();
});

test('a mirrored, watermarked crop joins through keypoints, and the pair view says it is a mirror', async ({
  page,
}) => {
  test.setTimeout(180_000);
  // Made here from the corpus photo (never stored in the repository): flipped left to right, a
  // watermark over it, cropped to 27 % of the area, recompressed. No PDQ orientation matches it.
  const original = join(corpusPath('images'), ORIGINAL);
  const { width, height } = await sharp(original).metadata();
  const mark = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <text x="60" y="${height - 60}" font-family="DejaVu Sans" font-size="64" font-weight="bold"
      fill="#ffffff" fill-opacity="0.7">@reposted_daily</text></svg>`;
  const flipped = await sharp(original)
    .flop()
    .composite([{ input: Buffer.from(mark) }])
    .toBuffer();
  const copy = test.info().outputPath('mirrored-watermarked.jpg');
  await sharp(flipped)
    .extract({ left: 300, top: 200, width: 520, height: 340 })
    .jpeg({ quality: 80 })
    .toFile(copy);

  await createCase(page, 'Operation Mirror', [original, copy]);
  const series = page.getByRole('navigation', { name: 'Series' }).getByRole('list', { name: 'Series' });
  await expect(series.getByRole('button', { name: /2 images/ })).toBeVisible({ timeout: 60_000 });
  await page.getByLabel('File name or path').fill('mirrored-watermarked.jpg');
  await page
    .getByRole('grid', { name: 'Images' })
    .getByRole('gridcell', { name: /mirrored-watermarked\.jpg/ })
    .click();
  const why = page.getByRole('region', { name: 'Why in this series' });
  await expect(why.getByText(`With ${ORIGINAL}`)).toBeVisible();
  await expect(why.getByText(/keypoint matches agree on one geometry/)).toBeVisible();
  await expect(
    why.getByText('One image is a mirror image of the other (flipped left to right).'),
  ).toBeVisible();
  await expect(why.getByText('This image lies inside the other.')).toBeVisible();
  await why.getByRole('button', { name: `Compare with ${ORIGINAL}` }).click();
  const dialog = page.getByRole('dialog', { name: 'Why these two images are together' });
  await expect(dialog.locator('svg ellipse')).not.toHaveCount(0);
  // The click on the grid cell revealed the copy for a few seconds; both are blurred again after.
  const images = dialog.locator('.pair-image img');
  await expect(images).toHaveCount(2);
  for (const img of await images.all()) await expect(img).toHaveAttribute('style', /blur/);
  await page.screenshot({ path: test.info().outputPath('pair-view-mirrored.png') });
});
