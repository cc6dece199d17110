import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { expect, test, type Page } from '@playwright/test';

import { CORPUS_DIR, corpusPath } from '../test/corpus';
import { createCase } from './support/app';

interface ManifestRow {
  file: string;
  base_id: string;
  role: string;
  transform: string;
}
const manifest = readFileSync(join(CORPUS_DIR, 'manifest.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l) as ManifestRow);
const original = (base: string) => manifest.find((r) => r.base_id === base && r.role === 'original')!;
const fileName = (row: ManifestRow) => row.file.slice(row.file.lastIndexOf('/') + 1);

// pub-b001: its original is on the PDQ list; its mirrored copy must match through a dihedral hash.
const PDQ_ORIGINAL = original('pub-b001');
const PDQ_MIRRORED = manifest.find((r) => r.base_id === 'pub-b001' && r.transform === 'hflip')!;
// pub-b002's original is on the MD5 list (with a category and a series name).
const MD5_ITEM = original('pub-b002');
// An unrelated original: matches nothing.
const UNRELATED = manifest.find(
  (r) => r.role === 'original' && !['pub-b001', 'pub-b002'].includes(r.base_id),
)!;
const added = [PDQ_ORIGINAL, PDQ_MIRRORED, MD5_ITEM, UNRELATED];

const md5Of = (path: string) => createHash('md5').update(readFileSync(path)).digest('hex');

function pdqOf(path: string): string {
  // The CLI's hashing core (the same domain code as the browser's), as a partner would compute it.
  const out = execFileSync('npm', ['run', '-s', 'waymark', '--', 'hash', '--json', path], {
    encoding: 'utf8',
  });
  return (JSON.parse(out.trim().split('\n')[0]!) as { pdq: string }).pdq;
}

async function select(page: Page, name: string) {
  await page
    .getByRole('grid', { name: 'Images' })
    .getByRole('gridcell', { name: new RegExp(name) })
    .click();
  await expect(page.getByRole('region', { name: 'Image details' }).getByText(name)).toBeVisible();
  return page.getByRole('region', { name: 'List matches' });
}

let dir = '';
test.beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'waymark-lists-'));
});
test.afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('known-material lists: import, match on ingest and on demand, provenance, hide known, export', async ({
  page,
}) => {
  test.setTimeout(300_000);
  // The MD5 list: one real entry (category 1, a series) among 60,000 unrelated ones, and one bad line.
  const md5List = join(dir, 'md5-known.csv');
  const lines = ['md5,category,series', 'not-a-hash,1,broken'];
  for (let i = 0; i < 30_000; i++) lines.push(`${randomBytes(16).toString('hex')},3,`);
  lines.push(`${md5Of(corpusPath(MD5_ITEM.file))},1,Known series K`);
  for (let i = 0; i < 30_000; i++) lines.push(`${randomBytes(16).toString('hex')},3,`);
  writeFileSync(md5List, `${lines.join('\n')}\n`);
  const pdqList = join(dir, 'pdq-known.txt');
  writeFileSync(pdqList, `${pdqOf(corpusPath(PDQ_ORIGINAL.file))},100,reference b001\n`);

  // The Lists screen: empty, then two imports with progress and a skipped line named by its position.
  await page.goto('/');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Lists' }).click();
  await expect(page.getByRole('heading', { name: 'Hash lists', level: 1 })).toBeVisible();
  await expect(page.getByRole('region', { name: 'No lists yet' })).toBeVisible();
  await page.getByLabel('List kind').selectOption({ label: 'Known material' });
  await page.getByLabel('Import hash list').setInputFiles(md5List);
  await expect(page.getByRole('progressbar', { name: 'Reading the list' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Imported' })).toHaveText(
    /^Imported "md5-known.csv": 60,001 entries\. \d+ problems?: /,
    { timeout: 60_000 },
  );
  await expect(page.getByText(/^Line 2, entry 1: /).first()).toBeVisible();
  await page.getByLabel('Import hash list').setInputFiles(pdqList);
  await expect(page.getByRole('status').filter({ hasText: 'Imported' })).toHaveText(
    'Imported "pdq-known.txt": 1 entry.',
  );
  const table = page.getByRole('table', { name: 'Imported lists' });
  await expect(table.getByRole('row', { name: /md5-known/ })).toContainText(/CSV.*Known.*60,001/);
  await expect(table.getByRole('row', { name: /pdq-known/ })).toContainText(/PDQ.*Known.*1/);
  await expect(table.getByRole('checkbox', { name: 'Use list md5-known' })).toBeChecked();

  // A case: the images are matched as they arrive.
  await createCase(page, 'Operation Lists');
  await page.getByLabel('Add images').setInputFiles(added.map((r) => corpusPath(r.file)));
  await expect(page.getByRole('status').filter({ hasText: /^Done:/ })).toContainText('4 new images', {
    timeout: 180_000,
  });
  const hideKnown = page.getByRole('checkbox', { name: 'Hide known images' });
  // Wellness: known material is hidden by default once anything matched.
  await expect(hideKnown).toBeChecked();
  await expect(page.getByText('3 known images')).toBeVisible();
  const grid = page.getByRole('grid', { name: 'Images' });
  await expect(grid.getByRole('gridcell')).toHaveCount(1);
  await expect(grid.getByRole('gridcell').first()).toHaveAccessibleName(new RegExp(fileName(UNRELATED)));

  // On demand, with the same result.
  await page.getByRole('button', { name: 'Match against lists' }).click();
  await expect(page.getByRole('status').filter({ hasText: /^Matched 4 images/ })).toHaveText(
    'Matched 4 images: 3 known, 1 pre-categorized, 0 with conflicting categories.',
  );

  await hideKnown.uncheck();
  await expect(grid.getByRole('gridcell')).toHaveCount(4);

  // Provenance on each item.
  let badges = await select(page, fileName(MD5_ITEM));
  await expect(badges).toContainText('md5-known (Known), entry 30,002');
  await expect(badges).toContainText('Exact MD5 match');
  await expect(badges).toContainText('List category: Child abuse material');
  await expect(badges).toContainText('Pre-categorized by md5-known');
  await expect(
    page
      .getByRole('region', { name: 'Image details' })
      .locator('dt', { hasText: 'Category' })
      .locator('+ dd'),
  ).toHaveText('Child abuse material');
  badges = await select(page, fileName(PDQ_ORIGINAL));
  await expect(badges).toContainText('pdq-known (Known), entry 1');
  await expect(badges).toContainText('PDQ match, distance 0');
  await expect(badges).not.toContainText('flipped/rotated');
  badges = await select(page, fileName(PDQ_MIRRORED));
  await expect(badges).toContainText('pdq-known (Known), entry 1');
  await expect(badges).toContainText(/PDQ match, distance \d+, flipped\/rotated/);
  badges = await select(page, fileName(UNRELATED));
  await expect(badges).toContainText('No list match.');

  await hideKnown.check();
  await expect(grid.getByRole('gridcell')).toHaveCount(1);

  // Exports: the case as VICS 2.0 (paths, categories, PDQ), the signatures without names or paths.
  const [vicsDownload] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export VICS 2.0' }).click(),
  ]);
  expect(vicsDownload.suggestedFilename()).toBe('Operation-Lists-vics.json');
  const vicsPath = await vicsDownload.path();
  const vics = JSON.parse(readFileSync(vicsPath, 'utf8')) as {
    value: { Media: Record<string, unknown>[]; TotalMediaFiles: number }[];
  };
  const media = vics.value[0]!.Media;
  expect(media).toHaveLength(4);
  expect(vics.value[0]!.TotalMediaFiles).toBe(4);
  const byName = (name: string) =>
    media.find((m) =>
      (m.MediaFiles as { FileName: string; FilePath: string }[]).some(
        (f) => f.FileName === name && f.FilePath.endsWith(name),
      ),
    );
  for (const row of added) expect(byName(fileName(row))).toBeDefined();
  expect(byName(fileName(MD5_ITEM))).toMatchObject({
    Category: 1,
    IsPrecategorized: true,
    PrecategorizationSource: 'md5-known',
  });
  expect(byName(fileName(UNRELATED))).toMatchObject({ Category: null, IsPrecategorized: false });
  expect(byName(fileName(PDQ_ORIGINAL))?.AlternativeHashes).toEqual(
    expect.arrayContaining([expect.objectContaining({ HashName: 'PDQ' })]),
  );
  expect(media.some((m) => typeof m.Series === 'string' && /^Series \d+$/.test(m.Series))).toBe(true);
  expect(byName(fileName(PDQ_ORIGINAL))?.Exifs).toEqual(
    expect.arrayContaining([{ PropertyName: 'Make', PropertyValue: 'Example Optics' }]),
  );

  const [csvDownload] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export signatures (CSV)' }).click(),
  ]);
  const csv = readFileSync(await csvDownload.path(), 'utf8');
  const rows = csv.trim().split('\n');
  expect(rows[0]).toBe('md5,sha1,sha256,pdq,category');
  expect(rows).toHaveLength(5);
  expect(csv).toContain(`${md5Of(corpusPath(MD5_ITEM.file))},`);
  for (const row of added) expect(csv).not.toContain(fileName(row));
  expect(csv).not.toMatch(/[/\\]|\.jpe?g|\.png|Series|Operation/i);
  for (const line of rows.slice(1))
    expect(line).toMatch(/^[0-9a-f]{32},[0-9a-f]{40},[0-9a-f]{64},[0-9a-f]{64},\d*$/);

  const [setDownload] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export signatures (VICS hash set)' }).click(),
  ]);
  const hashSet = readFileSync(await setDownload.path(), 'utf8');
  expect((JSON.parse(hashSet) as { value: unknown[] }).value).toHaveLength(4);
  expect(hashSet).not.toMatch(/MediaFiles|FileName|FilePath|Series|\.jpe?g/);

  // Switching a list off and matching again: its matches go, the item is no longer known.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Lists' }).click();
  await page.getByRole('checkbox', { name: 'Use list pdq-known' }).uncheck();
  await page.goBack();
  await page.getByRole('button', { name: 'Match against lists' }).click();
  await expect(page.getByRole('status').filter({ hasText: /^Matched 4 images/ })).toHaveText(
    'Matched 4 images: 1 known, 1 pre-categorized, 0 with conflicting categories.',
  );
  await expect(page.getByText('1 known image', { exact: true })).toBeVisible();
  await expect(grid.getByRole('gridcell')).toHaveCount(3);

  // Per entry: the list back on, its one entry off: still nothing matches through it.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Lists' }).click();
  await page.getByRole('checkbox', { name: 'Use list pdq-known' }).check();
  await page.getByRole('button', { name: 'Entries of pdq-known' }).click();
  const entries = page.getByRole('table', { name: 'Entries of pdq-known' });
  await expect(entries.getByRole('row')).toHaveCount(2);
  await expect(entries).toContainText('reference b001');
  await entries.getByRole('checkbox', { name: 'Use entry 1' }).uncheck();
  await page.goBack();
  await page.getByRole('button', { name: 'Match against lists' }).click();
  await expect(page.getByRole('status').filter({ hasText: /^Matched 4 images/ })).toHaveText(
    'Matched 4 images: 1 known, 1 pre-categorized, 0 with conflicting categories.',
  );

  // Round trip in the app: the VICS export, imported into an empty case, gives the same media,
  // categories, series and flags, and exports to the same records.
  await createCase(page, 'Operation Round Trip');
  await page.getByLabel('Import VICS case file').setInputFiles(vicsPath);
  await expect(
    page.getByRole('status').filter({ hasText: /^Imported 4 images from the VICS file/ }),
  ).toBeVisible();
  await expect(page.locator('.screen-header').getByText('4 images', { exact: true })).toBeVisible();
  const seriesList = page.getByRole('list', { name: 'Series' });
  for (const name of new Set(media.map((m) => m.Series).filter((v): v is string => typeof v === 'string')))
    await expect(seriesList).toContainText(name);
  await expect(grid.getByRole('gridcell', { name: new RegExp(fileName(MD5_ITEM)) })).toHaveAccessibleName(
    /, Child abuse material$/,
  );
  badges = await select(page, fileName(MD5_ITEM));
  await expect(badges).toContainText('Pre-categorized by md5-known');
  const [again] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export VICS 2.0' }).click(),
  ]);
  const strip = (text: string) =>
    (JSON.parse(text) as { value: { Media: Record<string, unknown>[] }[] }).value[0]!.Media.map(
      ({ MediaID: _id, DateUpdated: _at, ...rest }) => rest,
    ).sort((a, b) => String(a.MD5).localeCompare(String(b.MD5)));
  expect(strip(readFileSync(await again.path(), 'utf8'))).toEqual(strip(readFileSync(vicsPath, 'utf8')));
});

test('the Lists screen in Arabic: translated, mirrored, and the import controls labelled', async ({
  page,
}) => {
  await page.goto('/');
  await page.getByLabel('Language').selectOption('ar');
  await page.getByRole('navigation').getByRole('link', { name: 'القوائم' }).click();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByRole('heading', { name: 'قوائم البصمات', level: 1 })).toBeVisible();
  await expect(page.getByRole('region', { name: 'لا قوائم بعد' })).toBeVisible();
  await expect(page.getByLabel('نوع القائمة')).toBeVisible();
  await expect(page.getByLabel('استيراد قائمة بصمات')).toBeAttached();
  // A file that is not a list: nothing is imported, and the reason names the line.
  await page.getByLabel('استيراد قائمة بصمات').setInputFiles({
    name: 'notes.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('name,comment\nfoo,bar\n'),
  });
  await expect(page.getByRole('alert')).toContainText('لم يُستورد شيء من «notes.csv»');
  await expect(page.getByRole('alert')).toContainText('(السطر 1)');
  await expect(page.getByRole('region', { name: 'لا قوائم بعد' })).toBeVisible();
  await page.getByLabel('اللغة').selectOption('en');
});
