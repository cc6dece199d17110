import { join } from 'node:path';

import { expect, test } from '@playwright/test';

import { corpusPath } from '../test/corpus';
import { createCase, seriesOf } from './support/app';

// A video cut from stills of two series (../shared/corpus/video/synthetic/two-stills-pub-b005-pub-b004.mp4:
// the manifest's "links:pub-s003+pub-s002") joins one series, is shown in the other marked as linked,
// and the two series stay apart.
const VIDEO = 'two-stills-pub-b005-pub-b004.mp4';
const S003 = ['5d22a905ae1fad43.jpg', '945577e7d2230d99.jpg'];
const S002 = ['42be399dc65b121c.jpg', '8f4c7b2376c065d3.jpg'];

test.use({ actionTimeout: 20_000 });

test('a video showing two series joins one, is shown linked in the other, and merges neither', async ({
  page,
}) => {
  test.setTimeout(300_000);
  const files = [
    join(corpusPath('video'), 'synthetic', VIDEO),
    ...[...S003, ...S002].map((f) => join(corpusPath('images'), f)),
  ];
  await createCase(page, 'Operation Two Series', files);
  // The case counts its videos apart from its images.
  await expect(page.locator('.screen-header .badge')).toHaveText('4 images, 1 video');
  const a = await seriesOf(page, S003[0]!);
  const b = await seriesOf(page, S002[0]!);
  expect(a).toMatch(/^Series \d+$/);
  expect(b).toMatch(/^Series \d+$/);
  expect(a).not.toBe(b);
  expect(await seriesOf(page, S003[1]!)).toBe(a);
  expect(await seriesOf(page, S002[1]!)).toBe(b);
  const own = await seriesOf(page, VIDEO);
  expect([a, b]).toContain(own);
  const other = own === a ? b : a;

  const list = page.getByRole('navigation', { name: 'Series' }).getByRole('list', { name: 'Series' });
  const grid = page.getByRole('grid', { name: 'Images' });
  // Its own series: a member, not marked.
  await list.getByRole('button', { name: new RegExp(`^${own}\\b`) }).click();
  const inOwn = grid.getByRole('gridcell', { name: new RegExp(VIDEO) });
  await expect(inOwn).toBeVisible();
  await expect(inOwn).not.toHaveAttribute('data-linked', 'true');
  // The other series: shown, marked as linked; its two stills still there, nothing merged.
  await list.getByRole('button', { name: new RegExp(`^${other}\\b`) }).click();
  const inOther = grid.getByRole('gridcell', { name: new RegExp(VIDEO) });
  await expect(inOther).toHaveAttribute('data-linked', 'true');
  await expect(inOther).toHaveAccessibleName(/also in this series by a link/);
  await expect(grid.getByRole('gridcell')).toHaveCount(3);
  // The series list counts videos apart from images: a member in one, a linked video in the other.
  await expect(list.getByRole('button', { name: new RegExp(`^${other}\\b`) })).toHaveAccessibleName(
    new RegExp(`^${other}\\s*2 images, 1 linked video$`),
  );
  await expect(list.getByRole('button', { name: new RegExp(`^${own}\\b`) })).toHaveAccessibleName(
    new RegExp(`^${own}\\s*2 images, 1 video$`),
  );
});
