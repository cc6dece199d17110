import { expect, test } from '@playwright/test';

import { signIn } from './support/app';
import { addUser } from './support/team-server';

// Users are made with the real CLI against the e2e server's storage. playwright.config.ts passes
// DATA_DIR to the server from E2E_DATA_DIR; the same folder is read here.
const dataDir = process.env.E2E_DATA_DIR;
const suffix = Date.now().toString(36);
const username = `amira-${suffix}`;
const password = 'a long e2e passphrase';

test.beforeAll(() => {
  if (!dataDir)
    throw new Error(
      'E2E_DATA_DIR is not set: playwright.config.ts must export the data folder it gives the server',
    );
  addUser(dataDir, {
    username,
    password,
    displayName: 'Amira Haddad',
    organization: 'Unit A',
    contact: 'amira@unit-a.example',
  });
});

test('an analyst signs in, stays signed in across a reload, and signs out', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('link', { name: 'Sign in', exact: true }).click();
  await expect(page).toHaveURL(/\/sign-in\?next=%2F$/);
  await expect(page.getByRole('heading', { name: 'Sign in to the team server', level: 1 })).toBeVisible();

  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toHaveText('Enter your username and password.');

  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill('not the password at all');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toHaveText('The username or password is wrong.');
  await expect(page.getByLabel('Password')).toHaveValue('');

  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/$/);
  const account = page.getByRole('button', { name: 'Account: Amira Haddad' });
  await expect(account).toBeVisible();

  // The session is an HttpOnly cookie: scripts cannot read it, the browser still sends it.
  expect(await page.evaluate(() => document.cookie)).not.toContain('waymark_session');
  await page.reload();
  await expect(account).toBeVisible();

  await account.click();
  await expect(account).toHaveAttribute('aria-expanded', 'true');
  await expect(page.getByText(`Signed in as ${username}`)).toBeVisible();
  await expect(page.getByText('Unit A')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(account).toHaveAttribute('aria-expanded', 'false');
  await expect(account).toBeFocused();

  await account.click();
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await expect(page.getByRole('link', { name: 'Sign in', exact: true })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('link', { name: 'Sign in', exact: true })).toBeVisible();
});

test('the app runs under the strict Content-Security-Policy without violations', async ({ page }) => {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
  const response = await page.goto('/');
  const csp = response?.headers()['content-security-policy'] ?? '';
  expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
  expect(csp).toContain("frame-ancestors 'none'");

  await page.getByRole('button', { name: 'New case' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'New case' });
  await dialog.getByLabel('Case name').fill('Operation CSP');
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(page.getByRole('heading', { name: 'Operation CSP', level: 1 })).toBeVisible();
  await page.goto('/sign-in');
  await expect(page.getByRole('heading', { name: 'Sign in to the team server' })).toBeVisible();
  expect(violations).toEqual([]);
});

test('an analyst changes their password in the account menu, and their other sessions end', async ({
  browser,
}) => {
  const omar = `omar-${suffix}`;
  const first = 'omar first passphrase';
  const second = 'omar second passphrase';
  addUser(dataDir!, {
    username: omar,
    password: first,
    displayName: 'Omar Saleh',
    organization: 'Unit O',
    contact: 'omar@unit-o.example',
  });
  const here = await (await browser.newContext()).newPage();
  const elsewhere = await (await browser.newContext()).newPage();
  await signIn(here, omar, first);
  await signIn(elsewhere, omar, first);

  const account = here.getByRole('button', { name: 'Account: Omar Saleh' });
  await account.click();
  await here.getByRole('button', { name: 'Change password' }).click();
  const dialog = here.getByRole('dialog', { name: 'Change your password' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel('Current password')).toBeFocused();

  // Typed twice, and checked in the browser before anything is sent…
  await dialog.getByLabel('Current password').fill(first);
  await dialog.getByLabel('New password', { exact: true }).fill(second);
  await dialog.getByLabel('Repeat the new password').fill('something else entirely');
  await dialog.getByRole('button', { name: 'Change password' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('The two new passwords differ.');
  // …and the current password is checked by the server.
  await dialog.getByLabel('Current password').fill('not my password at all');
  await dialog.getByLabel('Repeat the new password').fill(second);
  await dialog.getByRole('button', { name: 'Change password' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('The current password is wrong.');
  await expect(dialog.getByLabel('Current password')).toHaveValue('');

  await dialog.getByLabel('Current password').fill(first);
  await dialog.getByRole('button', { name: 'Change password' }).click();
  await expect(dialog.getByRole('status')).toHaveText(
    'Your password was changed. Your other sessions were signed out.',
  );
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
  await expect(account).toBeFocused();

  // This browser stays signed in (a new session); the other one was signed out.
  await here.reload();
  await expect(account).toBeVisible();
  await elsewhere.reload();
  await expect(elsewhere.getByRole('link', { name: 'Sign in', exact: true })).toBeVisible();

  // Only the new password opens the account now.
  await elsewhere.goto('/sign-in');
  await elsewhere.getByLabel('Username').fill(omar);
  await elsewhere.getByLabel('Password').fill(first);
  await elsewhere.getByRole('button', { name: 'Sign in' }).click();
  await expect(elsewhere.getByRole('alert')).toHaveText('The username or password is wrong.');
  await signIn(elsewhere, omar, second);
  await expect(elsewhere.getByRole('button', { name: 'Account: Omar Saleh' })).toBeVisible();
});
