import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { expect, test } from '@playwright/test';

import { corpusPath } from '../test/corpus';
import { createCase } from './support/app';

// Known videos as vPDQ hash lists: the reference implementation's hash files
// (../shared/corpus/video/reference-hashes, one file per sample video) imported as a folder; a sample
// video added to a case matches its entries, and the match detail says which frames matched at what
// time; the full view saves the video's own vPDQ in the same format, which imports as a list again.
const VIDEO = corpusPath('video');
const SAMPLE = 'pattern-sd-grey-bar.mp4';
const FRAME_LINE = /^\d+,\d{1,3},[0-9a-f]{64},\d+\.\d{3}$/;

test.use({ actionTimeout: 20_000 });

test('a folder of vPDQ hash files is a list of known videos; a case video matches it frame by frame', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await page.goto('/');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Lists' }).click();
  await page.getByLabel('List kind').selectOption({ label: 'Known material' });
  await page.getByLabel('Import a folder of vPDQ files').setInputFiles(join(VIDEO, 'reference-hashes'));
  // 17 files: the upstream README and the one empty hash file are left out, each with its problem.
  await expect(page.getByRole('status').filter({ hasText: 'Imported' })).toHaveText(
    'Imported "reference-hashes": 15 entries.',
    { timeout: 60_000 },
  );
  const leftOut = page.getByRole('group').filter({ hasText: /files? left out/ });
  await expect(leftOut.getByText(/test-padded-dimensions-128x128\.txt\u2069?, line 1: /)).toBeVisible();
  const table = page.getByRole('table', { name: 'Imported lists' });
  await expect(table.getByRole('row', { name: /reference-hashes/ })).toContainText(/vPDQ.*Known.*15/);

  await createCase(page, 'Operation Known Video', [join(VIDEO, 'reference', SAMPLE)]);
  await page.getByRole('checkbox', { name: 'Hide known images' }).uncheck();
  const grid = page.getByRole('grid', { name: 'Images' });
  await grid.getByRole('gridcell', { name: new RegExp(SAMPLE) }).click();
  const matches = page.getByRole('region', { name: 'List matches' });
  await expect(matches.getByText(/Known video: \u2068?pattern-sd-grey-bar\u2069?$/).first()).toBeVisible();
  await expect(matches.getByText(/^vPDQ match: \d+ % of this video's frames/).first()).toBeVisible();
  const frames = matches.getByRole('list', { name: 'Matched frames' }).first().getByRole('listitem');
  await expect(frames.first()).toHaveText(
    /^0:0\d\.\d–0:0\d\.\d \(frames \d+–\d+, \d+ matched\) is 0:0\d\.\d–0:0\d\.\d of the known video, closest distance \d+$/,
  );

  // The video's own vPDQ, saved from the full view in the reference format.
  await grid.focus();
  await page.keyboard.press('Home');
  await page.keyboard.press('v');
  const view = page.getByRole('dialog', { name: `Full view: ${SAMPLE}` });
  const download = page.waitForEvent('download');
  await view.getByRole('button', { name: 'Save vPDQ hashes' }).click();
  const saved = await download;
  expect(saved.suggestedFilename()).toBe(`${SAMPLE}.txt`);
  const text = readFileSync(await saved.path(), 'utf8');
  const lines = text.trimEnd().split('\n');
  expect(lines.length).toBeGreaterThan(3);
  for (const line of lines) expect(line).toMatch(FRAME_LINE);
  await page.keyboard.press('Escape');

  // ... which imports as a list of one video, named after it.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Lists' }).click();
  await page.getByLabel('Import hash list').setInputFiles(
    await saved.path().then((p) => ({
      name: `${SAMPLE}.txt`,
      mimeType: 'text/plain',
      buffer: readFileSync(p),
    })),
  );
  await expect(page.getByRole('status').filter({ hasText: 'Imported' })).toHaveText(
    `Imported "${SAMPLE}.txt": 1 entry.`,
  );
});
