import { expect, test } from '@playwright/test';

import { createCase, signIn } from './support/app';
import { addUser } from './support/team-server';

// A case's owner chooses what other cases' deconfliction notices show of it: by default the unit and a
// contact, not the case name (issue 15, deconfliction without an oracle).
const PASSWORD = 'a long e2e passphrase';
const dataDir = process.env.E2E_DATA_DIR;
const username = `leila-${Date.now().toString(36)}`;

test.beforeAll(() => {
  if (!dataDir) throw new Error('E2E_DATA_DIR is not set: playwright.config.ts must export it');
  addUser(dataDir, {
    username,
    password: PASSWORD,
    displayName: 'Leila Haddad',
    organization: 'Unit Cove',
    contact: 'leila@cove.example',
  });
});

test('an owner chooses whether deconfliction notices show the case name', async ({ page }) => {
  await signIn(page, username, PASSWORD);
  await createCase(page, 'Lighthouse', []);
  await page.getByRole('button', { name: 'Share with team' }).click();
  await expect(page.getByText('The case is shared with your team.')).toBeVisible({ timeout: 60_000 });
  const choice = page.getByLabel('What deconfliction notices show other cases');
  await expect(choice).toHaveValue('unit');
  await expect(choice.locator('option:checked')).toHaveText('Your unit and contact');
  await choice.selectOption({ label: 'Your unit, contact and this case’s name' });
  await expect(choice).toBeEnabled();
  await choice.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/notice-disclosure.png' });
  await page.reload();
  await expect(page.getByLabel('What deconfliction notices show other cases')).toHaveValue('unit-and-case');
});
