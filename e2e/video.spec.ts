import { join } from 'node:path';

import { expect, test, type Page } from '@playwright/test';

import { corpusPath } from '../test/corpus';
import { countInBrowser, createCase, seriesOf } from './support/app';

// An analyst adds a synthetic video (../shared/corpus/video: still-zoom-pub-b001.mp4 is the still
// 7a689f0e75905c67.jpg of series pub-s001, pillarboxed to 16:9 then zoomed) beside stills of its series
// and three bad files: the video lands in the stills' series, its card shows its length and key frames
// under the wellness filter, the full view plays the original blurred until revealed and steps frame
// by frame, the key frames are chapters; each bad file gets its own error; all of it after a reload.
const VIDEO = corpusPath('video');
const STILL_VIDEO = 'still-zoom-pub-b001.mp4';
const ORIGINAL = '7a689f0e75905c67.jpg';
const RESIZED = 'a00d4decd8de2e03.jpg';
const files = [
  join(VIDEO, 'synthetic', STILL_VIDEO),
  join(corpusPath('images'), ORIGINAL),
  join(corpusPath('images'), RESIZED),
  join(VIDEO, 'bad', 'audio-only.m4a'),
  join(VIDEO, 'bad', 'hevc-unsupported-in-browser.mp4'),
  join(VIDEO, 'bad', 'empty.mp4'),
];

test.use({ actionTimeout: 20_000 });

const filterOf = (page: Page) =>
  page
    .getByRole('dialog')
    .locator('video')
    .evaluate((v) => getComputedStyle(v).filter);

test('an analyst adds a video beside its stills: it joins their series, plays blurred, steps frames', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await createCase(page, 'Operation Video', files);
  await expect(page.getByRole('status').filter({ hasText: /^Done:/ })).toContainText('3 new images');

  // Each bad file has its own error; the run went on.
  const errors = page.getByRole('list', { name: 'Errors' });
  await expect(errors.getByRole('listitem')).toHaveCount(3);
  await expect(errors.getByText(/audio-only\.m4a: This file has no video picture/)).toBeVisible();
  await expect(
    errors.getByText(
      /hevc-unsupported-in-browser\.mp4: This video is \u2068?H\.265 \(HEVC\)\u2069?, which this browser/,
    ),
  ).toBeVisible();
  await expect(errors.getByText(/empty\.mp4: /)).toBeVisible();

  // The video card: its length, its key frames, concealed like the images.
  const grid = page.getByRole('grid', { name: 'Images' });
  const card = grid.getByRole('gridcell', { name: new RegExp(`^Video \\d of 3: ${STILL_VIDEO}, 0:0\\d`) });
  await expect(card).toBeVisible();
  await expect(card.locator('.grid-video-badge')).toHaveText(/▶ 0:0\d/);
  await expect(card.locator('img')).toHaveAttribute('style', /blur/);
  await expect(card.locator('img')).toHaveAttribute('style', /grayscale/);
  await card.screenshot({ path: test.info().outputPath('video-card.png') });
  expect(await countInBrowser(page, 'videoFrames')).toBeGreaterThan(0);

  // In the stills' series (a click reveals a cell: the still is clicked last, so the video is concealed).
  const seriesOfVideo = await seriesOf(page, STILL_VIDEO);
  const seriesOfStill = await seriesOf(page, ORIGINAL);
  expect(seriesOfStill).toMatch(/^Series \d+$/);
  expect(seriesOfVideo).toBe(seriesOfStill);

  // The full view: the original plays, blurred and grayscale until revealed; frame stepping; chapters.
  await page.getByLabel('File name or path').fill(STILL_VIDEO);
  await expect(grid.getByRole('gridcell')).toHaveCount(1);
  await grid.focus();
  await page.keyboard.press('Home');
  await page.keyboard.press('v');
  const view = page.getByRole('dialog', { name: `Full view: ${STILL_VIDEO}` });
  await expect(view).toBeVisible();
  const video = view.locator('video');
  await expect(video).toHaveAttribute('data-source', 'original');
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.readyState)).toBeGreaterThanOrEqual(2);
  expect(await filterOf(page)).toContain('blur');
  expect(await filterOf(page)).toContain('grayscale');
  const position = view.getByRole('group', { name: 'Video controls' }).locator('output');
  await expect(position).toHaveText('Frame 0 · 0:00.0');
  await page.keyboard.press('.');
  await page.keyboard.press('.');
  await expect(position).toHaveText(/^Frame 2 · 0:00\.\d$/);
  await view.getByRole('button', { name: 'Previous frame' }).click();
  await expect(position).toHaveText(/^Frame 1 · /);
  const chapters = view.getByRole('navigation', { name: 'Key frames' }).getByRole('button');
  expect(await chapters.count()).toBeGreaterThan(1);
  await chapters.last().click();
  await expect(position).not.toHaveText(/^Frame 1 · /);
  await expect(chapters.last()).toHaveAttribute('aria-current', 'step');
  await page.keyboard.press('r');
  await expect.poll(() => filterOf(page)).toBe('none');
  await view.screenshot({ path: test.info().outputPath('video-full-view.png') });
  await page.keyboard.press('Escape');

  // After a reload: still in the stills' series, still a video card.
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Operation Video', level: 1 })).toBeVisible();
  expect(await seriesOf(page, STILL_VIDEO)).toBe(seriesOfStill);
});
