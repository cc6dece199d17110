import { expect, test } from '@playwright/test';

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
