import { join } from 'node:path';

import { expect, test, type Locator, type Page } from '@playwright/test';

import { corpusPath } from '../test/corpus';
import { addUser } from './support/team-server';

// An analyst who works without a mouse: every step below is a key press (Tab, Enter, arrows, digits,
// typing). Locators only *check* where the focus is and what the screen says; nothing is clicked.
const dataDir = process.env.E2E_DATA_DIR;
const username = `keys-${Date.now().toString(36)}`;
const password = 'a long e2e passphrase';
const imagesDir = corpusPath('images');
const FILES = ['7a689f0e75905c67.jpg', 'a00d4decd8de2e03.jpg', '3c7401b7b2d44950.jpg'].map((f) =>
  join(imagesDir, f),
);

test.beforeAll(() => {
  if (!dataDir) throw new Error('E2E_DATA_DIR is not set (playwright.config.ts sets it)');
  addUser(dataDir, {
    username,
    password,
    displayName: 'Kim Tab',
    organization: 'Unit K',
    contact: 'k@unit.example',
  });
});

/** Presses Tab (or Shift+Tab) until `target` has the focus, as a keyboard user would; fails if it never does. */
async function tabTo(page: Page, target: Locator, { backwards = false, max = 60 } = {}) {
  const handle = await target.elementHandle();
  if (!handle) throw new Error('tabTo: the target is not on the page');
  for (let i = 0; i < max; i++) {
    if (await handle.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`tabTo: ${String(target)} never received the focus after ${max} presses`);
}

test('an analyst creates a case, adds images, categorizes, marks a clue and signs out without the mouse', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await page.goto('/sign-in');

  // Sign in: the username field has the focus.
  await expect(page.getByLabel('Username')).toBeFocused();
  await page.keyboard.type(username);
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Password')).toBeFocused();
  await page.keyboard.type(password);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Cases', level: 1 })).toBeVisible();

  // A new case: the dialog opens on its name field; Enter creates.
  await tabTo(page, page.getByRole('button', { name: 'New case' }).first());
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'New case' });
  await expect(dialog.getByLabel('Case name')).toBeFocused();
  await page.keyboard.type('Operation Keys');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Operation Keys', level: 1 })).toBeVisible();

  // Add images: the file picker opens from the keyboard (Space on the focused file control).
  await tabTo(page, page.getByLabel('Add images'));
  // The input itself is hidden behind its label: the label must show where the focus is.
  await expect(page.locator('label', { hasText: 'Add images' })).toHaveCSS('outline-style', 'solid');
  const chooser = page.waitForEvent('filechooser');
  await page.keyboard.press('Space');
  await (await chooser).setFiles(FILES);
  await expect(page.getByRole('status').filter({ hasText: /^Done:/ })).toBeVisible({ timeout: 120_000 });

  // Categorize: into the grid, first image, digit 1 sets the category and moves on.
  const grid = page.getByRole('grid', { name: 'Images' });
  await tabTo(page, grid);
  await page.keyboard.press('Home');
  await page.keyboard.press('1');
  await expect(grid.getByRole('gridcell', { name: /^Image 1 of 3: .*, Child abuse material$/ })).toHaveCount(
    1,
  );
  await page.keyboard.press('u');
  await expect(grid.getByRole('gridcell', { name: /^Image 1 of 3: .*, Uncategorized$/ })).toHaveCount(1);
  await page.keyboard.press('Home');
  await page.keyboard.press('0');
  await expect(grid.getByRole('gridcell', { name: /^Image 1 of 3: .*, Non-pertinent$/ })).toHaveCount(1);

  // A series' leads: choose the first series in the list, then its "Leads and clues" link.
  const seriesButton = page
    .getByRole('list', { name: 'Series' })
    .getByRole('button', { name: /^Series \d+/ })
    .first();
  await expect(seriesButton).toBeVisible({ timeout: 30_000 });
  await tabTo(page, seriesButton, { backwards: true });
  await page.keyboard.press('Enter');
  const leadsLink = page.getByRole('link', { name: 'Leads and clues' });
  await tabTo(page, leadsLink);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: /^Leads and clues: Series \d+$/ })).toBeVisible();

  // The name recorded with changes, then a clue for the whole image, adjusted and saved.
  await tabTo(page, page.getByLabel('Your name or call sign'));
  await page.keyboard.type('Officer Keys');
  await page.keyboard.press('Enter');
  await expect(page.getByText('Changes are recorded as “Officer Keys”.')).toBeVisible();
  await tabTo(page, page.getByRole('button', { name: 'Add clue for whole image' }).first());
  await page.keyboard.press('Enter');
  const form = page.getByRole('form', { name: /^New clue on/ });
  await expect(form).toBeVisible();
  await tabTo(page, form.getByLabel('Note'));
  await page.keyboard.type('Striped curtain, left window');
  await tabTo(page, form.getByRole('button', { name: 'Save' }));
  await page.keyboard.press('Enter');
  const clues = page.getByRole('list', { name: 'Clues' });
  await expect(clues.getByRole('listitem', { name: /^Clue 1: / })).toContainText(
    'Striped curtain, left window',
  );

  // Sign out from the account menu.
  await tabTo(page, page.getByRole('button', { name: 'Account: Kim Tab' }), { backwards: true });
  await page.keyboard.press('Enter');
  await tabTo(page, page.getByRole('button', { name: 'Sign out', exact: true }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('link', { name: 'Sign in', exact: true })).toBeVisible();
});
