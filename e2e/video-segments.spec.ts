import { join } from 'node:path';

import { expect, test, type Page } from '@playwright/test';

import { corpusPath } from '../test/corpus';
import { createCase } from './support/app';

// Reviewing a video with the keyboard: the whole video categorized in the grid like an image, and in
// the full view a segment marked with I and O and categorized with a digit; all of it after a reload,
// when the full view lists the segments even before the original is opened again.
const SAMPLE = 'pattern-sd-grey-bar.mp4';

test.use({ actionTimeout: 20_000 });

async function openFullView(page: Page) {
  const grid = page.getByRole('grid', { name: 'Images' });
  await grid.focus();
  await page.keyboard.press('Home');
  await page.keyboard.press('v');
  const view = page.getByRole('dialog', { name: `Full view: ${SAMPLE}` });
  await expect(view).toBeVisible();
  return view;
}

test('a video is categorized whole and by segments, with the keyboard', async ({ page }) => {
  test.setTimeout(240_000);
  await createCase(page, 'Operation Segments', [join(corpusPath('video'), 'reference', SAMPLE)]);
  const grid = page.getByRole('grid', { name: 'Images' });
  await grid.focus();
  await page.keyboard.press('Home');
  await page.keyboard.press('2');
  await expect(grid.getByRole('gridcell').first()).toHaveAccessibleName(/Child exploitive/);

  const view = await openFullView(page);
  const video = view.locator('video');
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.readyState)).toBeGreaterThanOrEqual(2);
  const marking = view.getByRole('group', { name: 'Segment marking' });
  await expect(marking.locator('output')).toHaveText('No segment yet');
  await page.keyboard.press('i');
  await expect(marking.locator('output')).toHaveText(/^Start marked at 0:00\.0: press O at the end$/);
  for (let i = 0; i < 20; i++) await page.keyboard.press('.');
  await page.keyboard.press('o');
  const segments = view.getByRole('list', { name: 'Segments' }).getByRole('listitem');
  await expect(segments).toHaveCount(1);
  await expect(segments.first()).toContainText(/^0:00\.0–0:00\.\d: Uncategorized/);
  await page.keyboard.press('1');
  await expect(segments.first()).toContainText(/^0:00\.0–0:00\.\d: Child abuse material/);
  await page.keyboard.press('Escape');

  // After a reload: the segment and both categories are still there.
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Operation Segments', level: 1 })).toBeVisible();
  await expect(grid.getByRole('gridcell').first()).toHaveAccessibleName(/Child exploitive/);
  const again = await openFullView(page);
  const kept = again.getByRole('list', { name: 'Segments' }).getByRole('listitem');
  await expect(kept).toHaveCount(1);
  await expect(kept.first()).toContainText(/: Child abuse material/);
  // Without the original (not opened again after the reload) the review is readable and removable.
  await kept
    .first()
    .getByRole('button', { name: /^Remove segment 0:00\.0–/ })
    .click();
  await expect(kept).toHaveCount(0);
});
