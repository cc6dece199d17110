import { join } from 'node:path';

import { expect, test, type Browser, type Page } from '@playwright/test';

import { corpusPath } from '../test/corpus';
import { acceptInvitation, countInBrowser, createCase, inviteMember, seriesOf, signIn } from './support/app';
import { TeamServer } from './support/team-server';

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

// The same video in a team case: the link to the second series syncs (a videoSeriesLinks record), so a
// colleague who opens the case sees the video in both series, marked as linked in the second.
const server = new TeamServer(Number(process.env.E2E_PORT ?? 8181) + 24);
const PASSWORD = 'a long e2e passphrase';
const suffix = Date.now().toString(36);
const alice = { username: `alice-${suffix}`, name: 'Alice Moreau' };
const bashir = { username: `bashir-${suffix}`, name: 'Bashir Okafor' };

async function signedIn(browser: Browser, username: string): Promise<Page> {
  const context = await browser.newContext({ baseURL: server.url });
  const page = await context.newPage();
  await signIn(page, username, PASSWORD);
  return page;
}

test.describe('in a team case', () => {
  test.beforeAll(async () => {
    server.addUser(alice.username, PASSWORD, alice.name, 'Unit Harbour', 'alice@harbour.example');
    server.addUser(bashir.username, PASSWORD, bashir.name, 'Unit Dock', 'bashir@dock.example');
    await server.start();
  });
  test.afterAll(() => server.stop());

  test('a colleague sees the video in both series after sync', async ({ browser }) => {
    test.setTimeout(400_000);
    const a = await signedIn(browser, alice.username);
    const b = await signedIn(browser, bashir.username);
    const files = [
      join(corpusPath('video'), 'synthetic', VIDEO),
      ...[...S003, ...S002].map((f) => join(corpusPath('images'), f)),
    ];
    await createCase(a, 'Operation Two Series Team', files);
    await a.getByRole('button', { name: 'Share with team' }).click();
    await expect(a.getByText('The case is shared with your team.')).toBeVisible({ timeout: 60_000 });
    await expect.poll(() => countInBrowser(a, 'outbox'), { timeout: 60_000 }).toBe(0);
    expect(await countInBrowser(a, 'videoSeriesLinks')).toBe(1);
    const own = await seriesOf(a, VIDEO);
    const s3 = await seriesOf(a, S003[0]!);
    const s2 = await seriesOf(a, S002[0]!);
    expect([s3, s2]).toContain(own);
    const other = own === s3 ? s2 : s3;
    expect(other).not.toBe(own);
    await inviteMember(a, bashir.username, 'analyst');

    await acceptInvitation(b, 'Operation Two Series Team');
    await b.getByRole('link', { name: /Operation Two Series Team/ }).click({ timeout: 60_000 });
    await expect(b.locator('.screen-header .badge')).toHaveText('4 images, 1 video', { timeout: 60_000 });
    await expect.poll(() => countInBrowser(b, 'videoSeriesLinks'), { timeout: 60_000 }).toBe(1);
    expect(await seriesOf(b, VIDEO)).toBe(own);
    const list = b.getByRole('navigation', { name: 'Series' }).getByRole('list', { name: 'Series' });
    const grid = b.getByRole('grid', { name: 'Images' });
    await list.getByRole('button', { name: new RegExp(`^${other}\\b`) }).click();
    const linked = grid.getByRole('gridcell', { name: new RegExp(VIDEO) });
    await expect(linked).toHaveAttribute('data-linked', 'true');
    await expect(grid.getByRole('gridcell')).toHaveCount(3);
    await expect(list.getByRole('button', { name: new RegExp(`^${other}\\b`) })).toHaveAccessibleName(
      new RegExp(`^${other}\\s*2 images, 1 linked video$`),
    );
    await list.getByRole('button', { name: new RegExp(`^${own}\\b`) }).click();
    await expect(grid.getByRole('gridcell', { name: new RegExp(VIDEO) })).not.toHaveAttribute(
      'data-linked',
      'true',
    );
    await a.context().close();
    await b.context().close();
  });
});
