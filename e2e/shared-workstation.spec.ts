import { join } from 'node:path';

import { expect, test, type Page } from '@playwright/test';

import { corpusPath } from '../test/corpus';
import { countInBrowser, createCase, signIn } from './support/app';
import { TeamServer } from './support/team-server';

// One browser, two analysts taking turns (a shared workstation). The browser syncs for one analyst at
// a time: when Carol signs in after Alice, Alice's team case leaves this browser (Carol is not a member
// and must not read it), unless Alice left changes unsent (her session ended without a sign-out), which
// hold the switch until Carol discards them.
const IMAGE = join(corpusPath('images'), '3c7401b7b2d44950.jpg');
const PASSWORD = 'a long e2e passphrase';
const server = new TeamServer(Number(process.env.E2E_PORT ?? 8181) + 18);
const suffix = Date.now().toString(36);
const alice = { username: `alice-${suffix}`, name: 'Alice Moreau' };
const carol = { username: `carol-${suffix}`, name: 'Carol Haddad' };

test.use({ actionTimeout: 20_000 });
test.beforeAll(async () => {
  server.addUser(alice.username, PASSWORD, alice.name, 'Unit Harbour', 'alice@harbour.example');
  server.addUser(carol.username, PASSWORD, carol.name, 'Unit Dock', 'carol@dock.example');
  await server.start();
});
test.afterAll(() => server.stop());

const syncStatus = (page: Page) => page.getByRole('status', { name: 'Sync status' });

async function signOut(page: Page, name: string) {
  await page.getByRole('button', { name: `Account: ${name}` }).click();
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await expect(page.getByRole('button', { name: `Account: ${name}` })).toBeHidden();
}

const caseLink = (page: Page, name: string) =>
  page.getByRole('link').filter({ has: page.locator('.case-name', { hasText: new RegExp(`^${name}$`) }) });

test('another analyst signing in on the same browser does not see the previous analyst’s team case', async ({
  browser,
}) => {
  const context = await browser.newContext({ baseURL: server.url });
  const page = await context.newPage();

  await signIn(page, alice.username, PASSWORD);
  await createCase(page, 'Browser notes', []); // a local case: it belongs to the browser
  await createCase(page, 'Harbour', [IMAGE]);
  await page.getByRole('button', { name: 'Share with team' }).click();
  await expect(page.getByText('The case is shared with your team.')).toBeVisible({ timeout: 60_000 });
  await expect(syncStatus(page)).toHaveText(/^Synced at [^·]*$/, { timeout: 60_000 }); // nothing waiting
  // Alice categorizes the image while her pushes do not get through: her changes stay unsent.
  await page.route('**/api/sync/push', (route) => route.abort());
  await page.getByRole('grid', { name: 'Images' }).focus();
  await page.keyboard.press('Home');
  await page.keyboard.press('1');
  await expect(syncStatus(page)).toContainText(/\d+ changes? waiting/, { timeout: 30_000 });
  // Her session ends without her signing out (idle timeout): signing out would have sent her changes,
  // or asked her to discard them (e2e/sign-out.spec.ts).
  await context.clearCookies();
  await page.unroute('**/api/sync/push');
  await page.reload();
  await expect(page.getByRole('link', { name: 'Sign in', exact: true })).toBeVisible();

  await signIn(page, carol.username, PASSWORD);
  // Alice's unsent changes hold the switch: Carol is told, and Alice's case is still there.
  await expect(syncStatus(page)).toContainText(
    /This browser holds \d+ unsent changes? by the analyst who synced here before you/,
    { timeout: 30_000 },
  );
  expect(await countInBrowser(page, 'media')).toBe(1);
  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByRole('button', { name: 'Discard their changes' }).click();
  await expect(syncStatus(page)).toContainText(/Synced at/, { timeout: 60_000 });
  await page.goto('/');
  await expect(caseLink(page, 'Browser notes')).toBeVisible();
  await expect(caseLink(page, 'Harbour')).toBeHidden();
  expect(await countInBrowser(page, 'media')).toBe(0);

  // Alice comes back: her case downloads again, as the server has it (without the discarded category).
  await signOut(page, carol.name);
  await signIn(page, alice.username, PASSWORD);
  await expect(caseLink(page, 'Harbour')).toBeVisible({ timeout: 60_000 });
  await caseLink(page, 'Harbour').click();
  await expect(page.locator('.screen-header').getByText('1 image', { exact: true })).toBeVisible({
    timeout: 60_000,
  });
  await context.close();
});
