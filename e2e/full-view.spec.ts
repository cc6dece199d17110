import { join } from 'node:path';

import { expect, test, type Page } from '@playwright/test';

import { corpusPath } from '../test/corpus';
import { createCase } from './support/app';

// The full view of one image: the original of this session (added here), blurred until revealed, turned
// by its EXIF orientation like its thumbnail (this JPEG is stored 400×640 with "rotate 90°"); after a
// reload only the thumbnail is left until the analyst opens the original again, checked by SHA-256.
const ROTATED = corpusPath('bad', 'exif_orientation_6.jpg');
const OTHER = join(corpusPath('images'), '3c7401b7b2d44950.jpg');

test.use({ actionTimeout: 20_000 });

async function openFullViewOf(page: Page, fileName: string) {
  await page.getByLabel('File name or path').fill(fileName);
  const grid = page.getByRole('grid', { name: 'Images' });
  await expect(grid.getByRole('gridcell')).toHaveCount(1);
  await grid.focus();
  await page.keyboard.press('Home');
  await page.keyboard.press('v');
  const view = page.getByRole('dialog', { name: `Full view: ${fileName}` });
  await expect(view).toBeVisible();
  return view;
}

const filterOf = (page: Page) =>
  page
    .getByRole('dialog')
    .getByRole('img')
    .evaluate((img) => getComputedStyle(img).filter);

test('an analyst opens an image at full size, blurred until revealed, and again after a reload', async ({
  page,
}) => {
  await createCase(page, 'Full view', [ROTATED, OTHER]);

  let view = await openFullViewOf(page, 'exif_orientation_6.jpg');
  const image = view.getByRole('img', { name: 'exif_orientation_6.jpg' });
  await expect(image).toHaveAttribute('data-source', 'original');
  // Turned by the EXIF orientation (640×400 on screen), as the thumbnail is.
  await expect
    .poll(() =>
      image.evaluate((img) => {
        const r = img.getBoundingClientRect();
        return r.height > 0 ? Math.round((r.width / r.height) * 1000) / 1000 : 0;
      }),
    )
    .toBe(1.6);
  expect(await filterOf(page)).toContain('blur');
  expect(await filterOf(page)).toContain('grayscale');
  await expect(view.getByRole('button', { name: 'Actual size' })).toBeDisabled();

  await page.keyboard.press('r');
  await expect.poll(() => filterOf(page)).toBe('none');
  await expect(page.getByRole('status').filter({ hasText: 'Revealed this session: 1' })).toBeAttached();
  await page.keyboard.press('z');
  await expect(view.getByRole('button', { name: 'Fit to window' })).toHaveAttribute('aria-pressed', 'true');

  await page.keyboard.press('Escape');
  await expect(view).toBeHidden();
  await expect(page.getByRole('grid', { name: 'Images' })).toBeFocused();

  // After a reload the session's originals are gone: the thumbnail, and a way to open the original.
  await page.reload();
  view = await openFullViewOf(page, 'exif_orientation_6.jpg');
  await expect(view.getByRole('img')).toHaveAttribute('data-source', 'thumbnail');
  await expect(view.getByText('Showing the small thumbnail.')).toBeVisible();
  await view.getByLabel('Open the original file').setInputFiles(OTHER);
  await expect(view.getByRole('alert')).toHaveText(/This file is not this image: its SHA-256 differs/);
  await view.getByLabel('Open the original file').setInputFiles(ROTATED);
  await expect(view.getByRole('img')).toHaveAttribute('data-source', 'original');
  await expect(view.getByLabel('Open the original file')).toBeHidden();
});
