import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { expect, test, type Page } from '@playwright/test';
import { zipSync } from 'fflate';

import { corpusPath } from '../test/corpus';
import { createCase } from './support/app';

const imagesDir = corpusPath('images');
const images = readdirSync(imagesDir)
  .sort()
  .map((name) => join(imagesDir, name));

test.use({ actionTimeout: 20_000 });

const header = (page: Page) => page.locator('.screen-header');
const doneStatus = (page: Page) => page.getByRole('status').filter({ hasText: /^Done:/ });

test('a ZIP archive is streamed in with the paths inside it kept, and a corrupt entry fails alone', async ({
  page,
}) => {
  test.setTimeout(240_000);
  // Built at test time from the benign corpus (never stored in the repo): 20 images in nested folders,
  // one entry that is not an image.
  const picked = images.slice(0, 20);
  const entries: Record<string, Uint8Array> = {};
  picked.forEach((file, i) => {
    const folder = i % 2 === 0 ? 'phone-1/DCIM/100CAM' : 'phone-1/Downloads';
    entries[`${folder}/${file.split('/').pop()}`] = readFileSync(file);
  });
  entries['phone-1/Downloads/notes.jpg'] = new TextEncoder().encode('not an image, just text');
  const zipPath = join(mkdtempSync(join(tmpdir(), 'waymark-e2e-')), 'seized-phone.zip');
  writeFileSync(zipPath, zipSync(entries, { level: 1 }));

  await createCase(page, 'Archive intake');
  await page.getByLabel('Add images').setInputFiles(zipPath);
  await expect(doneStatus(page)).toContainText('20 new images', { timeout: 180_000 });
  await expect(doneStatus(page)).toContainText('1 could not be read');
  await expect(header(page).getByText('20 images', { exact: true })).toBeVisible();
  const errors = page.getByRole('list', { name: 'Errors' });
  await expect(errors.getByRole('listitem')).toHaveCount(1);
  await expect(errors.getByRole('listitem')).toContainText('phone-1/Downloads/notes.jpg');

  // The path inside the archive is what the analyst filters by.
  await page.getByLabel('File name or path').fill('DCIM/100CAM');
  await expect(page.getByRole('grid', { name: 'Images' }).getByRole('gridcell')).toHaveCount(10);
  await page.getByLabel('File name or path').fill('');

  // The same archive again adds nothing twice; the entry that failed is remembered with its error.
  await page.getByLabel('Add images').setInputFiles(zipPath);
  await expect(doneStatus(page)).toContainText('0 new images', { timeout: 120_000 });
  await expect(doneStatus(page)).toContainText('21 already in the case');
  await expect(errors.getByRole('listitem')).toHaveCount(1);
  await expect(header(page).getByText('20 images', { exact: true })).toBeVisible();
});

test('pause holds the work, cancel keeps what was saved, and adding the same files again finishes the rest', async ({
  page,
}) => {
  test.setTimeout(600_000);
  await createCase(page, 'Pause and resume');
  await page.getByLabel('Add images').setInputFiles(images);
  const progress = page.getByRole('progressbar', { name: 'Adding images' });
  await expect(progress).toBeVisible();
  await expect
    .poll(async () => Number(await progress.getAttribute('aria-valuenow')), { timeout: 120_000 })
    .toBeGreaterThan(10);

  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Paused.' })).toBeVisible();
  // Work in flight finishes; after that nothing moves while paused.
  await page.waitForTimeout(1500);
  const held = await progress.getAttribute('aria-valuenow');
  await page.waitForTimeout(2000);
  expect(await progress.getAttribute('aria-valuenow')).toBe(held);

  await page.getByRole('button', { name: 'Resume' }).click();
  await expect
    .poll(async () => Number(await progress.getAttribute('aria-valuenow')), { timeout: 120_000 })
    .toBeGreaterThan(Number(held));
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('status').filter({ hasText: /^Stopped\./ })).toBeVisible();

  const savedText =
    (await header(page)
      .getByText(/^\d+ images?$/)
      .textContent()) ?? '';
  const saved = Number(savedText.replace(/\D/g, ''));
  expect(saved).toBeGreaterThan(0);
  expect(saved).toBeLessThan(images.length);

  // A reload in between changes nothing: what was saved is in IndexedDB.
  await page.reload();
  await expect(header(page).getByText(savedText, { exact: true })).toBeVisible();
  await page.getByLabel('Add images').setInputFiles(images);
  await expect(doneStatus(page)).toContainText(`${saved} already in the case`, { timeout: 480_000 });
  await expect(header(page).getByText('294 images', { exact: true })).toBeVisible();
});

test('files dropped on the image sources are added', async ({ page }) => {
  test.setTimeout(180_000);
  await createCase(page, 'Dropped files');
  const picked = images.slice(40, 45).map((path) => ({
    name: path.split('/').pop()!,
    base64: readFileSync(path).toString('base64'),
  }));
  const dataTransfer = await page.evaluateHandle((files) => {
    const dt = new DataTransfer();
    for (const f of files) {
      const bytes = Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0));
      dt.items.add(new File([bytes], f.name, { type: 'image/jpeg' }));
    }
    return dt;
  }, picked);
  const zone = page.getByRole('region', { name: 'Image sources' });
  await zone.dispatchEvent('dragover', { dataTransfer });
  await zone.dispatchEvent('drop', { dataTransfer });
  await expect(doneStatus(page)).toContainText('5 new images', { timeout: 120_000 });
  await expect(header(page).getByText('5 images', { exact: true })).toBeVisible();
});
