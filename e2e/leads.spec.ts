import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { expect, test, type Download, type Page } from '@playwright/test';

import { PNG_METADATA_CHUNKS, readPngChunks } from '../src/domain/leads/png-chunks';
import { corpusPath } from '../test/corpus';

const imagesDir = corpusPath('images');
// From manifest.jsonl: pub-b001's original (1024×640, EXIF serial SYN7781280) and its 0.44× resize
// (same series), and pub-b002's original (another scene).
const ORIGINAL = '7a689f0e75905c67.jpg';
const RESIZED = 'a00d4decd8de2e03.jpg';
const OTHER = '3c7401b7b2d44950.jpg';
const CASE = 'Operation Lantern';
const NOTE = 'Blue shop bag with a fox logo';

async function pngOf(download: Download) {
  const path = await download.path();
  const bytes = new Uint8Array(readFileSync(path));
  const chunks = readPngChunks(bytes);
  expect(chunks, 'a well-formed PNG').not.toBeNull();
  const ihdr = chunks![0]!;
  expect(ihdr.type).toBe('IHDR');
  const view = new DataView(bytes.buffer, bytes.byteOffset);
  return {
    types: chunks!.map((c) => c.type),
    width: view.getUint32(ihdr.offset + 8),
    height: view.getUint32(ihdr.offset + 12),
  };
}

async function openSeriesOf(page: Page, fileName: string) {
  await page
    .getByRole('grid', { name: 'Images' })
    .getByRole('gridcell', { name: new RegExp(fileName) })
    .click();
  const details = page.getByRole('region', { name: 'Image details' });
  await expect(details.getByText(fileName)).toBeVisible();
  // The series builder runs after each batch: wait until it has put the image in a series.
  const seriesCell = details.locator('dt', { hasText: 'Series' }).locator('+ dd');
  await expect(seriesCell).toHaveText(/^Series \d+$/, { timeout: 30_000 });
  const series = (await seriesCell.textContent()) ?? '';
  await page
    .getByRole('list', { name: 'Series' })
    .getByRole('button', { name: new RegExp(`^${series}\\b`) })
    .click();
  await page.getByRole('link', { name: 'Leads and clues' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Leads and clues: ${series}` })).toBeVisible();
  return series;
}

test('an officer marks a clue, records the lead, finds it again, exports it clean and prints the report', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await page.goto('/');
  await page.getByRole('button', { name: 'New case' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'New case' });
  await dialog.getByLabel('Case name').fill(CASE);
  await dialog.getByRole('button', { name: 'Create' }).click();
  // One file at a time: each batch is awaited, so this spec does not depend on hashing concurrency.
  const files = [ORIGINAL, RESIZED, OTHER];
  for (const [i, name] of files.entries()) {
    await page.getByLabel('Add images').setInputFiles(join(imagesDir, name));
    await expect(
      page.locator('.screen-header').getByText(i === 0 ? '1 image' : `${i + 1} images`, { exact: true }),
    ).toBeVisible({
      timeout: 60_000,
    });
  }
  await expect(page.getByRole('list', { name: 'Errors' })).toHaveCount(0);

  const series = await openSeriesOf(page, ORIGINAL);
  const leadsUrl = page.url();
  expect(leadsUrl).toMatch(/\/cases\/[0-9A-Z]{26}\/series\/[0-9A-Z]{26}\/leads$/);

  // Asked once: the name recorded with every change.
  await page.getByLabel('Your name or call sign').fill('Officer K');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('Changes are recorded as “Officer K”.')).toBeVisible();
  await expect(page.getByLabel('Your name or call sign')).toHaveCount(0);

  // The chosen image is blurred and grayscale until revealed.
  await page
    .getByRole('list', { name: 'Images of the series' })
    .getByRole('button', { name: new RegExp(ORIGINAL) })
    .click();
  const stage = page.getByRole('img', { name: new RegExp(`Draw a clue on Image \\d: ${ORIGINAL}`) });
  const picture = stage.locator('img');
  await expect(picture).toHaveCSS('filter', /blur\(.+\) grayscale\(1\)/);
  await page.getByRole('button', { name: 'Reveal image' }).click();
  await expect(picture).toHaveCSS('filter', 'none');
  // …and blurs again on its own when the reveal time (4 s by default) is over.
  await expect(picture).toHaveCSS('filter', /blur\(.+\) grayscale\(1\)/, { timeout: 10_000 });

  // Draw with the mouse: from 20%,20% to 60%,70% of the image.
  await expect(picture).toHaveJSProperty('complete', true);
  const box = (await picture.boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.2, box.y + box.height * 0.2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.45, box.y + box.height * 0.5, { steps: 4 });
  await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.7, { steps: 4 });
  await page.mouse.up();
  const form = page.getByRole('form', { name: new RegExp(`New clue on Image \\d: ${ORIGINAL}`) });
  await expect(form.getByLabel('Left')).toHaveValue(/^(19\.\d|20(\.\d)?)$/);
  await expect(form.getByLabel('Width')).toHaveValue(/^(39\.\d|40(\.\d)?)$/);
  await form.getByLabel('Clue type').selectOption({ label: 'Logo' });
  await form.getByLabel('Note').fill(NOTE);
  await form.getByRole('button', { name: 'Save' }).click();
  const clues = page.getByRole('list', { name: 'Clues' });
  await expect(clues.getByRole('listitem', { name: 'Clue 1: Logo' })).toContainText(NOTE);
  await expect(clues.locator('img.clue-crop')).toHaveCSS('filter', /blur/);

  // The keyboard way: a clue for the whole image, adjusted in numbers; then edited and deleted.
  await page.getByRole('button', { name: 'Add clue for whole image' }).click();
  const wholeForm = page.getByRole('form', { name: /^New clue on/ });
  await wholeForm.getByLabel('Height').fill('50');
  await wholeForm.getByLabel('Clue type').selectOption({ label: 'Landmark' });
  await wholeForm.getByLabel('Note').fill('Church spire through the window');
  await wholeForm.getByRole('button', { name: 'Save' }).click();
  const second = clues.getByRole('listitem', { name: 'Clue 2: Landmark' });
  await expect(second).toContainText('Church spire through the window');
  await second.getByRole('button', { name: 'Edit' }).click();
  const editForm = page.getByRole('form', { name: 'Edit clue' });
  await expect(editForm.getByLabel('Height')).toHaveValue('50');
  await expect(editForm.getByLabel('Width')).toHaveValue('100');
  await editForm.getByLabel('Note').fill('Church spire seen from a window');
  await editForm.getByRole('button', { name: 'Save' }).click();
  await expect(second).toContainText('Church spire seen from a window');
  // A note-only edit keeps the crop.
  await expect(second.locator('img.clue-crop')).toBeVisible();
  await second.getByRole('button', { name: 'Delete' }).click();
  await expect(clues.getByRole('listitem')).toHaveCount(1);

  // The status workflow: "Victim identified" needs the profile to say so.
  const status = page.getByLabel('Lead status');
  await expect(status.locator('option[value="lead-sent"]')).toBeDisabled();
  await status.selectOption({ label: 'In review' });
  await expect(status).toHaveValue('in-review');
  await expect(status.locator('option[value="victim-identified"]')).toBeDisabled();
  await expect(
    page.getByText('“Victim identified” needs the victim profile to say “Identified” first.'),
  ).toBeVisible();

  const identifiedOn = new Date(Date.now() - 3 * 86_400_000).toISOString().slice(0, 10);
  await page.getByLabel('Apparent age from').fill('8');
  await page.getByLabel('Apparent age to').fill('11');
  await page.getByLabel('Sex').selectOption({ label: 'Female' });
  await page.getByLabel('Identification status').selectOption({ label: 'Identified' });
  await page.getByLabel('Identified on').fill(identifiedOn);
  await page.getByRole('button', { name: 'Save victim profile' }).click();
  await expect(status.locator('option[value="victim-identified"]')).toBeEnabled();
  await status.selectOption({ label: 'Victim identified' });
  await expect(status).toHaveValue('victim-identified');

  // A refused change is explained in words (ages out of order).
  await page.getByLabel('Apparent age from').fill('12');
  await page.getByRole('button', { name: 'Save victim profile' }).click();
  await expect(page.getByRole('alert')).toContainText('Ages are whole years from 0 to 99');

  await page.getByLabel('Tags').fill('school uniform, fox');
  await page.getByRole('button', { name: 'Save tags' }).click();
  // The saved lead re-renders its forms: type the next entry once the save is in the history.
  await expect(page.getByText(/tags set to school uniform, fox/).first()).toBeAttached();
  await page.getByLabel('Location hypothesis').fill('Flat near a harbour');
  await page.getByRole('checkbox', { name: /^#1 Logo/ }).check();
  await page.getByRole('button', { name: 'Add hypothesis' }).click();
  await expect(page.getByRole('region', { name: 'Location hypotheses' })).toContainText(
    `Flat near a harbour — supported by #1 Logo: ${NOTE}`,
  );
  await page.getByLabel('New note').fill('Bag seen in two shots');
  await page.getByRole('button', { name: 'Add note' }).click();
  await expect(page.getByRole('list', { name: 'Notes' })).toContainText('Officer K');

  // Reload: everything is still there.
  await page.reload();
  await expect(page.getByLabel('Lead status')).toHaveValue('victim-identified');
  await expect(page.getByLabel('Apparent age from')).toHaveValue('8');
  await expect(page.getByLabel('Identification status')).toHaveValue('identified');
  await expect(page.getByLabel('Identified on')).toHaveValue(identifiedOn);
  await expect(page.getByLabel('Tags')).toHaveValue('school uniform, fox');
  await expect(page.getByRole('list', { name: 'Clues' }).getByRole('listitem')).toHaveCount(1);
  await page.getByText(/Lead history \(\d+ changes\)/).click();
  await expect(page.getByRole('list', { name: 'Lead history' })).toContainText('Officer K');

  // Search across cases by the clue's note, and by the camera serial read from the images' EXIF.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Search' }).click();
  await page.getByLabel('Search leads').fill('fox bag');
  const results = page.getByRole('list', { name: 'Search results' });
  await expect(results.getByRole('listitem')).toHaveCount(1);
  await expect(results.getByRole('link')).toHaveText(`${CASE} — ${series}`);
  await page.getByLabel('Search leads').fill('syn7781280');
  await expect(results.getByRole('link')).toHaveText(`${CASE} — ${series}`);
  await page.getByLabel('Search leads').fill('SYN0000000');
  await expect(results.getByRole('listitem')).toHaveCount(0);
  await page.getByLabel('Search leads').fill(NOTE.toUpperCase());
  await results.getByRole('link', { name: `${CASE} — ${series}` }).click();
  await expect(page).toHaveURL(leadsUrl);

  // Export: low resolution from the preview, the wrong original refused, then the real original.
  await page.getByRole('list', { name: 'Clues' }).getByRole('button', { name: 'Export' }).click();
  const exportPanel = page.getByRole('region', { name: 'Trace an Object export' });
  await expect(exportPanel.getByRole('status')).toContainText('Low resolution');
  const [small] = await Promise.all([
    page.waitForEvent('download'),
    exportPanel.getByRole('button', { name: 'Download crop (PNG)' }).click(),
  ]);
  expect(small.suggestedFilename()).toMatch(/^trace-logo-[0-9a-z]{6}\.png$/);
  const smallPng = await pngOf(small);
  expect(smallPng.types.filter((t) => PNG_METADATA_CHUNKS.has(t))).toEqual([]);
  expect(smallPng.width).toBeLessThan(120);

  await exportPanel.getByLabel('Original image file').setInputFiles(join(imagesDir, RESIZED));
  await expect(exportPanel.getByRole('alert')).toHaveText(
    'This file is not the image this clue was drawn on.',
  );
  await exportPanel.getByLabel('Original image file').setInputFiles(join(imagesDir, ORIGINAL));
  await expect(exportPanel.getByRole('status')).toContainText('Full resolution');
  const [full] = await Promise.all([
    page.waitForEvent('download'),
    exportPanel.getByRole('button', { name: 'Download crop (PNG)' }).click(),
  ]);
  const fullPng = await pngOf(full);
  // The source JPEG carries EXIF (camera, serial, GPS); none of it may reach the PNG.
  for (const type of ['eXIf', 'tEXt', 'iTXt', 'zTXt', 'iCCP']) expect(fullPng.types).not.toContain(type);
  expect(fullPng.types[0]).toBe('IHDR');
  expect(fullPng.types.at(-1)).toBe('IEND');
  // 40% × 50% of 1024 × 640.
  expect(Math.abs(fullPng.width - 410)).toBeLessThanOrEqual(8);
  expect(Math.abs(fullPng.height - 320)).toBeLessThanOrEqual(8);
  // The original's EXIF serial appears nowhere in the exported bytes.
  expect(readFileSync(await full.path()).includes(Buffer.from('SYN7781280'))).toBe(false);
  expect(readFileSync(join(imagesDir, ORIGINAL)).includes(Buffer.from('SYN7781280'))).toBe(true);

  const [sheet] = await Promise.all([
    page.waitForEvent('download'),
    exportPanel.getByRole('button', { name: 'Download text sheet' }).click(),
  ]);
  const sheetText = readFileSync(await sheet.path(), 'utf8');
  expect(sheetText).toBe(
    `Clue type: Logo\nQuestion: Do you recognise this logo or brand? Where is it sold?\nCase reference: ${CASE}\n`,
  );

  // The report: counts, cameras, capture times, the lead, and only clue crops (no full image).
  await page.getByRole('link', { name: 'Series report' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Series report: ${series}` })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Print' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Counts' })).toContainText(/Images\s*2/);
  await expect(
    page
      .getByRole('region', { name: 'Cameras' })
      .getByRole('row', { name: 'Example Optics EO-5 SYN7781280 2' }),
  ).toBeVisible();
  await expect(
    page.getByRole('img', { name: '2 capture times from Oct 16, 2016, 11:05:44 to Oct 16, 2016, 11:05:44' }),
  ).toBeVisible();
  await expect(page.getByRole('region', { name: 'Lead' })).toContainText('Victim identified');
  await expect(page.getByRole('region', { name: 'Lead' })).toContainText('Flat near a harbour (clues #1)');
  await expect(page.locator('main img')).toHaveCount(1);
  await expect(page.getByRole('region', { name: 'Clue crops' }).locator('img')).toHaveCSS('filter', /blur/);
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('region', { name: 'Clue crops' }).locator('img')).toHaveCSS('filter', 'none');
  await expect(page.getByRole('button', { name: 'Print' })).toBeHidden();
});
