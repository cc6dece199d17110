import { join } from 'node:path';

import { expect, test } from '@playwright/test';

import { corpusPath } from '../test/corpus';
import { createCase } from './support/app';

const imagesDir = corpusPath('images');
const FILES = ['7a689f0e75905c67.jpg', 'a00d4decd8de2e03.jpg', '3c7401b7b2d44950.jpg'].map((f) =>
  join(imagesDir, f),
);

test('the workspace is three resizable panes on a wide screen and tabs on a narrow one', async ({ page }) => {
  await page.setViewportSize({ width: 1400, height: 900 });
  await createCase(page, 'Operation Panes', FILES);

  // Done: the ingest panel folds to one line (buttons and outcome; no drop hint, no progress bar).
  await expect(page.getByText('Or drop files, folders or ZIP archives here.')).toHaveCount(0);
  await expect(page.getByRole('progressbar', { name: 'Adding images' })).toHaveCount(0);
  await expect(page.getByLabel('Add images')).toBeAttached();

  const rail = page.getByRole('region', { name: 'Series and filters' });
  const inspector = page.getByRole('region', { name: 'Inspector' });
  const grid = page.getByRole('grid', { name: 'Images' });
  await expect(rail.getByRole('list', { name: 'Series' })).toBeVisible();
  await expect(inspector.getByRole('region', { name: 'Image details' })).toBeVisible();
  const [railBox, gridBox, inspectorBox] = await Promise.all([
    rail.boundingBox(),
    grid.boundingBox(),
    inspector.boundingBox(),
  ]);
  expect(railBox!.x + railBox!.width).toBeLessThanOrEqual(gridBox!.x);
  expect(gridBox!.x + gridBox!.width).toBeLessThanOrEqual(inspectorBox!.x);
  // The grid takes the width between the panes: at least half of this 1400-pixel window.
  expect(gridBox!.width).toBeGreaterThan(700);

  // The separator is a keyboard control: arrows widen and narrow the pane beside it.
  const separator = page.getByRole('separator', { name: 'Resize the series and filters pane' });
  const before = Number(await separator.getAttribute('aria-valuenow'));
  await separator.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(separator).toHaveAttribute('aria-valuenow', String(before + 32));
  await expect.poll(async () => (await rail.boundingBox())!.width).toBeGreaterThan(railBox!.width + 20);
  // Mirrored in Arabic: the rail is on the right, so ArrowLeft widens it.
  await page.locator('.language-menu select').selectOption('ar');
  const railAr = page.getByRole('region', { name: 'السلاسل والمرشّحات' });
  expect((await railAr.boundingBox())!.x).toBeGreaterThan((await page.getByRole('grid').boundingBox())!.x);
  const separatorAr = page.getByRole('separator', { name: 'تغيير عرض جزء السلاسل والمرشّحات' });
  await separatorAr.focus();
  await page.keyboard.press('ArrowLeft');
  await expect(separatorAr).toHaveAttribute('aria-valuenow', String(before + 48));
  await page.locator('.language-menu select').selectOption('en');

  // Kept across a reload.
  await page.reload();
  await expect(page.getByRole('separator', { name: 'Resize the series and filters pane' })).toHaveAttribute(
    'aria-valuenow',
    String(before + 48),
  );

  // Narrow: one pane at a time, chosen by tabs; the grid first.
  await page.setViewportSize({ width: 760, height: 900 });
  const tabs = page.getByRole('tablist', { name: 'Workspace panes' });
  await expect(tabs.getByRole('tab')).toHaveText(['Images', 'Series and filters', 'Inspector']);
  await expect(grid).toBeVisible();
  await expect(page.getByRole('list', { name: 'Series' })).toBeHidden();
  await tabs.getByRole('tab', { name: 'Images' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(tabs.getByRole('tab', { name: 'Series and filters' })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  await expect(page.getByRole('list', { name: 'Series' })).toBeVisible();
  await expect(grid).toBeHidden();
  await page.keyboard.press('ArrowRight');
  await expect(
    page.getByRole('tabpanel', { name: 'Inspector' }).getByRole('region', { name: 'Image details' }),
  ).toBeVisible();
});
