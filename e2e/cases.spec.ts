import { expect, test } from '@playwright/test';

import { corpusPath } from '../test/corpus';

test('an analyst creates a case, reloads, and finds it again', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Cases', level: 1 })).toBeVisible();
  await expect(page.getByRole('region', { name: 'No cases yet' })).toBeVisible();

  await page.getByRole('button', { name: 'New case' }).click();
  const dialog = page.getByRole('dialog', { name: 'New case' });
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('Enter a name for the case.');

  await dialog.getByLabel('Case name').fill('Operation Lighthouse');
  await dialog.getByRole('button', { name: 'Create' }).click();

  await expect(page).toHaveURL(/\/cases\/[0-9A-HJKMNP-TV-Z]{26}$/);
  await expect(page.getByRole('heading', { name: 'Operation Lighthouse', level: 1 })).toBeVisible();
  await expect(page.getByText('0 images')).toBeVisible();
  const caseUrl = page.url();

  await page.reload();
  expect(page.url()).toBe(caseUrl);
  await expect(page.getByRole('heading', { name: 'Operation Lighthouse', level: 1 })).toBeVisible();

  await page.getByRole('link', { name: 'Cases' }).click();
  await expect(
    page.getByRole('list', { name: 'Your cases' }).getByRole('link', { name: /Operation Lighthouse/ }),
  ).toBeVisible();
});

test('an unknown case address says so and links back', async ({ page }) => {
  await page.goto('/cases/01JDQ7ZK3M8V4N2X9R5T6W7Y8Z');
  await expect(page.getByRole('heading', { name: 'Case not found' })).toBeVisible();
  await page.getByRole('link', { name: 'Back to cases' }).click();
  await expect(page.getByRole('heading', { name: 'Cases', level: 1 })).toBeVisible();
});

test('a case is created under the category scheme the analyst picks', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'New case' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'New case' });
  await expect(dialog.getByLabel('Category scheme')).toHaveValue('vic-us');
  await dialog.getByLabel('Case name').fill('Operation Scheme');
  await dialog.getByLabel('Category scheme').selectOption({ label: 'UK CAID' });
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(page.getByRole('heading', { name: 'Operation Scheme', level: 1 })).toBeVisible();
  await page.getByLabel('Add images').setInputFiles(corpusPath('images/7a689f0e75905c67.jpg'));
  const keys = page.getByRole('region', { name: 'Keys' });
  await expect(keys).toContainText('Category A');
  await expect(keys).not.toContainText('Child abuse material');
  await page.reload();
  await expect(page.getByRole('region', { name: 'Keys' })).toContainText('Category A');
});
