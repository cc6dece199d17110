import { join } from 'node:path';

import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';

import { corpusPath } from '../test/corpus';
import { acceptInvitation, countInBrowser, createCase, inviteMember, signIn } from './support/app';
import { TeamServer } from './support/team-server';

// Two analysts, two browser contexts (two IndexedDBs), one team server that this spec owns so it can
// restart it mid-sync. From manifest.jsonl: pub-b001's original and its 0.44× resize (one series), its
// horizontal flip (a near-duplicate under a dihedral PDQ), and pub-b002's original (another scene).
const imagesDir = corpusPath('images');
const ORIGINAL = join(imagesDir, '7a689f0e75905c67.jpg');
const RESIZED = join(imagesDir, 'a00d4decd8de2e03.jpg');
const FLIPPED = join(imagesDir, '234f2e9c84c12e68.jpg');
const OTHER = join(imagesDir, '3c7401b7b2d44950.jpg');
const PASSWORD = 'a long e2e passphrase';

const server = new TeamServer(Number(process.env.E2E_PORT ?? 8181) + 17);
const suffix = Date.now().toString(36);
const alice = {
  username: `alice-${suffix}`,
  name: 'Alice Moreau',
  org: 'Unit Harbour',
  contact: 'alice@harbour.example',
};
const bashir = {
  username: `bashir-${suffix}`,
  name: 'Bashir Okafor',
  org: 'Unit Dock',
  contact: 'bashir@dock.example',
};

test.use({ actionTimeout: 20_000 });
test.beforeAll(async () => {
  server.addUser(alice.username, PASSWORD, alice.name, alice.org, alice.contact);
  server.addUser(bashir.username, PASSWORD, bashir.name, bashir.org, bashir.contact);
  await server.start();
});
test.afterAll(() => server.stop());

async function signedIn(
  browser: Browser,
  user: { username: string },
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: server.url });
  const page = await context.newPage();
  await signIn(page, user.username, PASSWORD);
  return { context, page };
}

async function createCaseWith(page: Page, name: string, files: string[]) {
  await createCase(page, name, files);
  await expect(imagesCount(page, files.length)).toBeVisible();
}

const imagesCount = (page: Page, n: number) =>
  page.locator('.screen-header').getByText(n === 1 ? '1 image' : `${n} images`, { exact: true });
/** Changes this browser has not yet had acknowledged by the server (its outbox in IndexedDB). */
const pendingChanges = (page: Page) => countInBrowser(page, 'outbox');

const syncStatus = (page: Page) => page.getByRole('status', { name: 'Sync status' });
const cells = (page: Page) => page.getByRole('grid', { name: 'Images' }).getByRole('gridcell');

async function categorizeFirst(page: Page, nth: number, key: string) {
  const grid = page.getByRole('grid', { name: 'Images' });
  await grid.focus();
  await page.keyboard.press('Home');
  for (let i = 0; i < nth; i++) await page.keyboard.press('ArrowRight');
  await page.keyboard.press(key);
}

async function share(page: Page) {
  await page.getByRole('button', { name: 'Share with team' }).click();
  // "Synced at" alone may be the sign-in sync's: wait for the share itself and an empty outbox.
  await expect(page.getByText('The case is shared with your team.')).toBeVisible({ timeout: 60_000 });
  await expect(syncStatus(page)).toHaveText(/^Synced at [^·]*$/, { timeout: 60_000 });
}

test('two analysts share a case, edit offline and together, survive a server restart, and deconflict', async ({
  browser,
}) => {
  test.setTimeout(600_000);
  const a = await signedIn(browser, alice);
  const b = await signedIn(browser, bashir);

  // Alice builds a case locally, shares it with the team, and adds Bashir.
  await createCaseWith(a.page, 'Harbour', [ORIGINAL, RESIZED, OTHER]);
  await share(a.page);
  await inviteMember(a.page, bashir.username, 'analyst');

  // Bashir accepts; his browser learns of the case (poke, then bootstrap) and shows its records, not
  // its pixels.
  await acceptInvitation(b.page, 'Harbour');
  await b.page.getByRole('link', { name: /Harbour/ }).click({ timeout: 60_000 });
  await expect(imagesCount(b.page, 3)).toBeVisible({ timeout: 60_000 });
  const firstName = await cells(a.page).nth(0).getAttribute('aria-label');
  await expect(cells(b.page).nth(0)).toHaveAttribute('aria-label', firstName!);

  // Alice goes offline and categorizes the first image; Bashir, online, categorizes it differently.
  await a.context.setOffline(true);
  await categorizeFirst(a.page, 0, '1');
  await expect(syncStatus(a.page)).toContainText(/Offline/, { timeout: 30_000 });
  await expect(syncStatus(a.page)).toContainText(/1 change/);
  await categorizeFirst(b.page, 0, '2');
  await expect(cells(b.page).nth(0)).toHaveAccessibleName(/, Child exploitive \/ age difficult$/);
  await expect.poll(() => pendingChanges(b.page), { timeout: 30_000 }).toBe(0);

  // Back online, Alice's change was based on a version the server has moved past: a conflict, shown
  // side by side; she keeps hers, and Bashir's browser follows.
  await a.context.setOffline(false);
  const conflicts = a.page.getByRole('region', { name: 'Sync conflicts' });
  await expect(conflicts).toContainText('Child exploitive / age difficult', { timeout: 60_000 });
  await expect(conflicts).toContainText('Child abuse material');
  await conflicts.getByRole('button', { name: 'Keep mine' }).click();
  await expect(cells(b.page).nth(0)).toHaveAccessibleName(/, Child abuse material$/, { timeout: 60_000 });
  await expect(cells(a.page).nth(0)).toHaveAccessibleName(/, Child abuse material$/);

  // Both edit the same series at once: Alice renames it while Bashir categorizes one of its images.
  // (Renaming is last-writer-wins in server order; categories carry their base version.)
  // …and the server restarts in the middle: Alice's change waits and goes through after.
  await server.stop();
  await categorizeFirst(a.page, 1, '4');
  await expect(syncStatus(a.page)).toContainText(/could not be reached|Offline|waiting/, { timeout: 30_000 });
  await categorizeFirst(b.page, 2, '0');
  await server.start();
  await expect(cells(b.page).nth(1)).toHaveAccessibleName(/, Comparison images$/, { timeout: 90_000 });
  await expect(cells(a.page).nth(2)).toHaveAccessibleName(/, Non-pertinent$/, { timeout: 90_000 });
  for (const page of [a.page, b.page])
    await expect(syncStatus(page)).toContainText(/Synced at/, { timeout: 60_000 });
  const namesA = await cells(a.page).evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
  const namesB = await cells(b.page).evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
  expect(namesB).toEqual(namesA);

  // Deconfliction: Bashir opens his own case with a flipped copy of Alice's series and shares it.
  await b.page.goto('/');
  await createCaseWith(b.page, 'Dock', [FLIPPED]);
  await share(b.page);
  const bNotices = b.page.getByRole('region', { name: 'Deconfliction notices' });
  await expect(bNotices).toContainText('Harbour', { timeout: 60_000 });
  await expect(bNotices).toContainText(alice.name);
  await expect(bNotices).toContainText(alice.contact);
  // Alice is told in her case, without seeing anything of Bashir's.
  const aNotices = a.page.getByRole('region', { name: 'Deconfliction notices' });
  await expect(aNotices).toContainText('Dock', { timeout: 60_000 });
  await expect(aNotices).toContainText(bashir.name);
  await aNotices.getByRole('button', { name: 'Acknowledge' }).first().click();
  await expect(aNotices.getByRole('button', { name: 'Acknowledge' })).toHaveCount(0);

  await a.context.close();
  await b.context.close();
});
