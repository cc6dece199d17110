import { join } from 'node:path';

import { expect, test, type Page } from '@playwright/test';

import { corpusPath } from '../test/corpus';
import { countInBrowser, createCase, signIn } from './support/app';
import { addUser } from './support/team-server';

// Signing out on a shared workstation takes the analyst's team cases out of the browser (after sending
// what is unsent, or after the analyst explicitly discards it); the browser's local cases stay.
const IMAGE = join(corpusPath('images'), '3c7401b7b2d44950.jpg');
const PASSWORD = 'a long e2e passphrase';
const dataDir = process.env.E2E_DATA_DIR;
const suffix = Date.now().toString(36);
const nadia = { username: `nadia-${suffix}`, name: 'Nadia Benali' };

test.use({ actionTimeout: 20_000 });
test.beforeAll(() => {
  if (!dataDir) throw new Error('E2E_DATA_DIR is not set: playwright.config.ts must export it');
  addUser(dataDir, {
    username: nadia.username,
    password: PASSWORD,
    displayName: nadia.name,
    organization: 'Unit Quay',
    contact: 'nadia@quay.example',
  });
});

const syncStatus = (page: Page) => page.getByRole('status', { name: 'Sync status' });
const caseLink = (page: Page, name: string) =>
  page.getByRole('link').filter({ has: page.locator('.case-name', { hasText: new RegExp(`^${name}$`) }) });

async function openAccountMenu(page: Page) {
  await page.getByRole('button', { name: `Account: ${nadia.name}` }).click();
}

test('signing out removes the team case and its images from the browser; the local case stays', async ({
  page,
}) => {
  await signIn(page, nadia.username, PASSWORD);
  await createCase(page, 'Desk notes', []);
  await createCase(page, 'Quayside', [IMAGE]);
  await page.getByRole('button', { name: 'Share with team' }).click();
  await expect(page.getByText('The case is shared with your team.')).toBeVisible({ timeout: 60_000 });
  await expect(syncStatus(page)).toHaveText(/^Synced at [^·]*$/, { timeout: 60_000 });

  // Offline for a moment: the category she gives the image cannot be sent.
  await page.route('**/api/sync/push', (route) => route.abort());
  await page.getByRole('grid', { name: 'Images' }).focus();
  await page.keyboard.press('Home');
  await page.keyboard.press('1');
  await expect(syncStatus(page)).toContainText(/1 change waiting/, { timeout: 30_000 });

  await openAccountMenu(page);
  await expect(
    page.getByText('Signing out removes your team cases from this browser. Local cases stay.'),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Changes not sent' });
  await expect(dialog).toContainText('1 change in your team cases has not reached the team server.');
  await expect(dialog.getByRole('button', { name: 'Stay signed in' })).toBeFocused();
  await page.screenshot({ path: 'test-results/sign-out-unsent.png' });
  await dialog.getByRole('button', { name: 'Stay signed in' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('button', { name: `Account: ${nadia.name}` })).toBeFocused();
  expect(await countInBrowser(page, 'media')).toBe(1);

  // Back online: signing out sends the change first, then the case leaves the browser.
  await page.unroute('**/api/sync/push');
  await openAccountMenu(page);
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await expect(page.getByRole('link', { name: 'Sign in', exact: true })).toBeVisible({ timeout: 30_000 });
  await expect(page).toHaveURL(/\/$/); // the case on screen left with the sign-out
  await expect(caseLink(page, 'Quayside')).toBeHidden();
  await page.reload();
  await page.goto('/');
  await expect(caseLink(page, 'Desk notes')).toBeVisible();
  await expect(caseLink(page, 'Quayside')).toBeHidden();
  expect(await countInBrowser(page, 'media')).toBe(0);
  expect(await countInBrowser(page, 'thumbnails')).toBe(0);
  expect(await countInBrowser(page, 'outbox')).toBe(0);

  // She comes back: the case downloads again, with the category that was sent at sign-out.
  await signIn(page, nadia.username, PASSWORD);
  await expect(caseLink(page, 'Quayside')).toBeVisible({ timeout: 60_000 });
  expect(await countInBrowser(page, 'outbox')).toBe(0);
});

test('an analyst who cannot send her changes may discard them to sign out', async ({ page }) => {
  await signIn(page, nadia.username, PASSWORD);
  await createCase(page, 'Scratch pad', []);
  await createCase(page, 'Breakwater', [IMAGE]);
  await page.getByRole('button', { name: 'Share with team' }).click();
  await expect(page.getByText('The case is shared with your team.')).toBeVisible({ timeout: 60_000 });
  await expect(syncStatus(page)).toHaveText(/^Synced at [^·]*$/, { timeout: 60_000 });
  await page.route('**/api/sync/push', (route) => route.abort());
  await page.getByRole('grid', { name: 'Images' }).focus();
  await page.keyboard.press('Home');
  await page.keyboard.press('2');
  await expect(syncStatus(page)).toContainText(/1 change waiting/, { timeout: 30_000 });

  await openAccountMenu(page);
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Changes not sent' });
  await dialog.getByRole('button', { name: 'Discard 1 change and sign out' }).click();
  await expect(page.getByRole('link', { name: 'Sign in', exact: true })).toBeVisible({ timeout: 30_000 });
  await page.goto('/');
  await expect(caseLink(page, 'Scratch pad')).toBeVisible();
  await expect(caseLink(page, 'Breakwater')).toBeHidden();
  expect(await countInBrowser(page, 'media')).toBe(0);
  expect(await countInBrowser(page, 'outbox')).toBe(0);
});
