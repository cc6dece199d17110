import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { expect, test, type Page } from '@playwright/test';

import type { MessageKey } from '../src/client/i18n/catalog';
import { corpusPath } from '../test/corpus';
import { createCase } from './support/app';

test('switching to Arabic mirrors the layout, translates the text, and persists', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');

  await page.getByLabel('Language').selectOption('ar');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
  await expect(page.getByRole('heading', { name: 'القضايا', level: 1 })).toBeVisible();
  await expect(page.getByRole('button', { name: 'قضية جديدة' })).toBeVisible();

  // Mirrored: the brand sits at the right edge and the language menu at the left.
  const brand = await page.locator('.brand').boundingBox();
  const menu = await page.getByLabel('اللغة').boundingBox();
  expect(brand && menu && brand.x > menu.x).toBe(true);

  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByRole('heading', { name: 'القضايا', level: 1 })).toBeVisible();

  await page.getByLabel('اللغة').selectOption('en');
  await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
  await expect(page.getByRole('heading', { name: 'Cases', level: 1 })).toBeVisible();
});

test('the language menu names each language in itself; French and Spanish translate and stay left-to-right', async ({
  page,
}) => {
  await page.goto('/');
  const menu = page.getByLabel('Language');
  await expect(menu.locator('option')).toHaveText(['English', 'العربية', 'Français', 'Español']);

  await menu.selectOption('fr');
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
  await expect(page.getByRole('heading', { name: 'Affaires', level: 1 })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Nouvelle affaire' })).toBeVisible();

  await page.getByLabel('Langue').selectOption('es');
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
  await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
  await expect(page.getByRole('heading', { name: 'Casos', level: 1 })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Nuevo caso' })).toBeVisible();

  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
  await expect(page.getByRole('heading', { name: 'Casos', level: 1 })).toBeVisible();
  await page.getByLabel('Idioma').selectOption('en');
  await expect(page.getByRole('heading', { name: 'Cases', level: 1 })).toBeVisible();
});

// Every screen in every language: the <html> element says which language and direction, and each
// screen shows its catalog's words (read from the catalog files themselves, so this follows them).
const catalog = (code: string) =>
  JSON.parse(
    readFileSync(new URL(`../src/client/i18n/catalogs/${code}.json`, import.meta.url), 'utf8'),
  ) as Readonly<Record<MessageKey, string>>;
const LANGUAGES = [
  { code: 'fr', dir: 'ltr', m: catalog('fr') },
  { code: 'es', dir: 'ltr', m: catalog('es') },
  { code: 'ar', dir: 'rtl', m: catalog('ar') },
  { code: 'en', dir: 'ltr', m: catalog('en') },
] as const;

async function heading(page: Page, name: string) {
  await expect(page.getByRole('heading', { level: 1, name, exact: true })).toBeVisible();
}

test('each language translates every screen and sets lang and dir', async ({ page }) => {
  test.setTimeout(180_000);
  await createCase(page, 'Operation Babel', [join(corpusPath('images'), '7a689f0e75905c67.jpg')]);
  const caseUrl = page.url();
  for (const { code, dir, m } of LANGUAGES) {
    await page.goto('/');
    await page.locator('.language-menu select').selectOption(code);
    await expect(page.locator('html')).toHaveAttribute('lang', code);
    await expect(page.locator('html')).toHaveAttribute('dir', dir);
    await heading(page, m['cases.title']);
    await expect(page.getByRole('button', { name: m['cases.new'] })).toBeVisible();

    await page.goto(caseUrl);
    await heading(page, 'Operation Babel');
    await expect(page.getByLabel(m['ingest.addImages'])).toBeAttached();
    await expect(page.getByRole('region', { name: m['workbench.rail'] })).toBeVisible();
    await expect(page.getByRole('grid', { name: m['triage.grid'] })).toBeVisible();
    await expect(page.getByRole('region', { name: m['details.title'] })).toBeVisible();

    await page
      .getByRole('navigation', { name: m['nav.main'] })
      .getByRole('link', { name: m['nav.lists'] })
      .click();
    await heading(page, m['lists.title']);
    await page.getByRole('link', { name: m['nav.search'] }).click();
    await heading(page, m['search.title']);
    await page.getByRole('link', { name: m['nav.hashTool'] }).click();
    await heading(page, m['hashTool.title']);
    await page.goto('/sign-in');
    await heading(page, m['account.signIn.title']);
    await expect(page.locator('html')).toHaveAttribute('dir', dir);
  }
});
