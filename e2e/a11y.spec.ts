import { join } from 'node:path';

import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

import { corpusPath } from '../test/corpus';
import { signIn } from './support/app';
import { addUser } from './support/team-server';

// axe-core on every screen, in English and in Arabic (right to left): no serious or critical
// violation. Each screen is checked, then the Language menu switches to Arabic, it is checked again,
// and English comes back: the same state seen in both directions.
const dataDir = process.env.E2E_DATA_DIR;
const username = `axe-${Date.now().toString(36)}`;
const password = 'a long e2e passphrase';
const imagesDir = corpusPath('images');
const FILES = ['7a689f0e75905c67.jpg', 'a00d4decd8de2e03.jpg', '3c7401b7b2d44950.jpg'];

test.beforeAll(() => {
  if (!dataDir) throw new Error('E2E_DATA_DIR is not set (playwright.config.ts sets it)');
  addUser(dataDir, {
    username,
    password,
    displayName: 'Axel Berg',
    organization: 'Unit A11Y',
    contact: 'axel@unit.example',
  });
});

async function setLanguage(page: Page, language: 'en' | 'ar') {
  await page.locator('.language-menu select').selectOption(language);
  await expect(page.locator('html')).toHaveAttribute('lang', language);
}

/** Serious and critical violations on the page as it is now, one readable line each. */
async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) =>
      v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(' ')} — ${n.failureSummary ?? ''}`),
    );
}

/** Checks the screen in English, then in Arabic, then returns to English. */
async function checkBothLanguages(page: Page, screen: string) {
  expect.soft(await seriousViolations(page), `${screen} (en)`).toEqual([]);
  await setLanguage(page, 'ar');
  expect.soft(await seriousViolations(page), `${screen} (ar)`).toEqual([]);
  await setLanguage(page, 'en');
}

test('every screen has no serious or critical axe violation, in English and Arabic', async ({ page }) => {
  test.setTimeout(300_000);

  await page.goto('/sign-in');
  await expect(page.getByRole('heading', { name: 'Sign in to the team server', level: 1 })).toBeVisible();
  await checkBothLanguages(page, 'sign-in');

  await signIn(page, username, password);
  await expect(page.getByRole('heading', { name: 'Cases', level: 1 })).toBeVisible();
  await checkBothLanguages(page, 'cases (empty)');

  const account = page.getByRole('button', { name: 'Account: Axel Berg' });
  await account.click();
  await expect(page.getByText(`Signed in as ${username}`)).toBeVisible();
  await checkBothLanguages(page, 'account menu');
  await page.keyboard.press('Escape');

  await page.getByRole('button', { name: 'New case' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'New case' });
  await expect(dialog).toBeVisible();
  await checkBothLanguages(page, 'new-case dialog');
  await dialog.getByLabel('Case name').fill('Operation Axe');
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(page.getByRole('heading', { name: 'Operation Axe', level: 1 })).toBeVisible();
  await checkBothLanguages(page, 'workspace (empty)');

  await page.getByLabel('Add images').setInputFiles(FILES.map((f) => join(imagesDir, f)));
  await expect(page.getByRole('status').filter({ hasText: /^Done:/ })).toBeVisible({ timeout: 120_000 });
  const grid = page.getByRole('grid', { name: 'Images' });
  await expect(grid.getByRole('gridcell')).toHaveCount(FILES.length);
  await expect(
    page
      .getByRole('list', { name: 'Series' })
      .getByRole('button', { name: /^Series \d+/ })
      .first(),
  ).toBeVisible({
    timeout: 30_000,
  });
  await checkBothLanguages(page, 'workspace with images');

  // The team panels: share the case, then its members.
  await page.getByRole('button', { name: 'Share with team' }).click();
  await expect(page.getByText('The case is shared with your team.')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole('table', { name: 'Members of this case' })).toBeVisible({ timeout: 30_000 });
  await checkBothLanguages(page, 'team sync and members');

  await grid.focus();
  await page.keyboard.press('Home');
  await page.keyboard.press('v');
  const fullView = page.getByRole('dialog', { name: /^Full view: / });
  await expect(fullView).toBeVisible();
  await checkBothLanguages(page, 'full view');
  await page.keyboard.press('Escape');
  await expect(fullView).toHaveCount(0);

  await page
    .getByRole('list', { name: 'Series' })
    .getByRole('button', { name: /^Series \d+/ })
    .first()
    .click();
  await page.getByRole('link', { name: 'Leads and clues' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^Leads and clues: / })).toBeVisible();
  // Signed in, the account names the author: no call sign to type (issue 15).
  await page.getByRole('button', { name: 'Add clue for whole image' }).first().click();
  await page
    .getByRole('form', { name: /^New clue on/ })
    .getByLabel('Note')
    .fill('A red kettle');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('list', { name: 'Clues' }).getByText('A red kettle')).toBeVisible();
  await checkBothLanguages(page, 'leads and clues');

  await page.getByRole('link', { name: 'Series report' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^Series report: / })).toBeVisible();
  await checkBothLanguages(page, 'series report');

  await page.getByRole('link', { name: 'Search' }).click();
  await page.getByLabel('Search leads').fill('kettle');
  await expect(page.getByRole('list', { name: 'Search results' }).getByRole('listitem')).toHaveCount(1);
  await checkBothLanguages(page, 'search');

  await page.getByRole('link', { name: 'Lists' }).click();
  await expect(page.getByRole('heading', { name: 'Hash lists', level: 1 })).toBeVisible();
  await checkBothLanguages(page, 'lists');

  await page.getByRole('link', { name: 'Hash check' }).click();
  await page.getByLabel('Files to hash').setInputFiles(join(imagesDir, FILES[0]!));
  await expect(
    page
      .getByRole('table', { name: 'Hash results' })
      .getByText(/^[0-9a-f]{64}$/)
      .first(),
  ).toBeVisible({
    timeout: 60_000,
  });
  await checkBothLanguages(page, 'hash check');
});
