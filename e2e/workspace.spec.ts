import { readdirSync } from 'node:fs';
import { join } from 'node:path';

import { expect, test, type Page } from '@playwright/test';

import { corpusPath } from '../test/corpus';
import { createCase, seriesOf } from './support/app';

const imagesDir = corpusPath('images');
const badDir = corpusPath('bad');
const images = readdirSync(imagesDir).map((name) => join(imagesDir, name));
// From manifest.jsonl: base pub-b001, its original and a 0.44× resize (both keep the EXIF capture time).
const ORIGINAL = '7a689f0e75905c67.jpg';
const RESIZED = 'a00d4decd8de2e03.jpg';

async function createEmptyCase(page: Page, name: string) {
  await createCase(page, name);
  await expect(page.locator('.screen-header').getByText('0 images', { exact: true })).toBeVisible();
}

test.use({ actionTimeout: 20_000 });

test('an analyst adds the corpus, gets series, categorizes by keyboard, and finds it all after a reload', async ({
  page,
}) => {
  test.setTimeout(600_000);
  await createEmptyCase(page, 'Operation Workspace');

  await page.getByLabel('Add images').setInputFiles(images);
  await expect(page.getByRole('progressbar', { name: 'Adding images' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: /^Done:/ })).toContainText('294 new images', {
    timeout: 480_000,
  });
  await expect(page.locator('.screen-header').getByText('294 images', { exact: true })).toBeVisible();

  // Series: the list names each series with its count; the near-duplicate pair shares one.
  const seriesList = page.getByRole('list', { name: 'Series' });
  await expect(seriesList.getByRole('listitem').first()).toContainText(/Series \d+\s*\d+ images/);
  const seriesOfOriginal = await seriesOf(page, ORIGINAL);
  expect(seriesOfOriginal).toMatch(/^Series \d+$/);
  expect(await seriesOf(page, RESIZED)).toBe(seriesOfOriginal);

  // Wellness: thumbnails are blurred and grayscale until revealed.
  const grid = page.getByRole('grid', { name: 'Images' });
  const firstImage = grid.getByRole('gridcell').nth(1).locator('img');
  await expect(firstImage).toHaveCSS('filter', /blur\(.+\) grayscale\(1\)/);

  // Keyboard categorization: three images, the cursor advancing after each; undo reverts the last.
  await grid.focus();
  await page.keyboard.press('Home');
  await page.keyboard.press('1');
  await page.keyboard.press('2');
  await page.keyboard.press('4');
  await page.keyboard.press('3');
  await page.keyboard.press('u');
  const cells = grid.getByRole('gridcell');
  await expect(cells.nth(0)).toHaveAccessibleName(/, Child abuse material$/);
  await expect(cells.nth(1)).toHaveAccessibleName(/, Child exploitive \/ age difficult$/);
  await expect(cells.nth(2)).toHaveAccessibleName(/, Comparison images$/);
  await expect(cells.nth(3)).toHaveAccessibleName(/, Uncategorized$/);
  const names = await Promise.all([0, 1, 2].map((i) => cells.nth(i).getAttribute('aria-label')));

  await page.reload();
  await expect(page.locator('.screen-header').getByText('294 images', { exact: true })).toBeVisible();
  const after = page.getByRole('grid', { name: 'Images' }).getByRole('gridcell');
  for (const [i, name] of names.entries()) await expect(after.nth(i)).toHaveAttribute('aria-label', name!);
  expect(await seriesOf(page, RESIZED)).toBe(seriesOfOriginal);
  await expect(page.getByRole('list', { name: 'Series' }).getByRole('listitem')).not.toHaveCount(0);
});

test('bad files get readable per-file errors while the rest is added', async ({ page }) => {
  test.setTimeout(300_000);
  await createEmptyCase(page, 'Bad inputs');
  const bad = readdirSync(badDir)
    .filter((name) => !name.endsWith('.json') && !name.endsWith('.md'))
    .map((name) => join(badDir, name));
  await page.getByLabel('Add images').setInputFiles(bad);
  await expect(page.getByRole('status').filter({ hasText: /^Done:/ })).toBeVisible({ timeout: 240_000 });
  const errors = page.getByRole('list', { name: 'Errors' });
  await expect(errors.getByRole('listitem').filter({ hasText: 'zero_bytes.jpg' })).toContainText(/empty/i);
  await expect(errors.getByRole('listitem').filter({ hasText: 'text_renamed.jpg' })).toBeVisible();
  await expect(
    errors.getByRole('listitem').filter({ hasText: 'png_bomb_declared_50000x50000.png' }),
  ).toContainText(/pixels|limit/i);
  const failed = await errors.getByRole('listitem').count();
  await expect(
    page.locator('.screen-header').getByText(`${bad.length - failed} images`, { exact: true }),
  ).toBeVisible();
  expect(bad.length - failed).toBeGreaterThan(5);
});
