import { expect, type Page } from '@playwright/test';

/** The analyst's steps every spec takes, the way an analyst takes them (roles and labels). */

/** Signs in on the sign-in screen and waits for the cases list. */
export async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/$/);
}

/** Creates a case from the cases list; with files, adds them through "Add images" and waits until done. */
export async function createCase(page: Page, name: string, files: readonly string[] = []): Promise<void> {
  await page.goto('/');
  await page.getByRole('button', { name: 'New case' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'New case' });
  await dialog.getByLabel('Case name').fill(name);
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
  if (files.length === 0) return;
  await page.getByLabel('Add images').setInputFiles([...files]);
  await expect(page.getByRole('status').filter({ hasText: /^Done:/ })).toBeVisible({ timeout: 120_000 });
}

/** Rows of one table of this browser's IndexedDB, whatever the screens show. */
export function countInBrowser(page: Page, store: string): Promise<number> {
  return page.evaluate(
    (name) =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('waymark');
        open.onerror = () => reject(new Error(String(open.error)));
        open.onsuccess = () => {
          const count = open.result.transaction(name).objectStore(name).count();
          count.onsuccess = () => {
            resolve(count.result);
            open.result.close();
          };
        };
      }),
    store,
  );
}

/**
 * On an open team case's members panel, invites `username`: the panel says the invitation was sent
 * (the same words whether or not the username exists) and lists it as pending.
 */
export async function inviteMember(page: Page, username: string, role: string): Promise<void> {
  const form = page.getByRole('form', { name: 'Invite a member' });
  await form.getByLabel('Username').fill(username);
  await form.getByLabel('Role').selectOption(role);
  await form.getByRole('button', { name: 'Send invitation' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Invitation sent to ${username}.` })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Pending invitations' })).toContainText(username);
}

/** On the cases list, accepts the invitation to `caseName`; the case then arrives through sync. */
export async function acceptInvitation(page: Page, caseName: string): Promise<void> {
  await page.goto('/');
  await page.getByRole('button', { name: `Accept the invitation to ${caseName}` }).click({ timeout: 60_000 });
  await expect(
    page.getByRole('list', { name: 'Your cases' }).getByRole('link', { name: caseName }),
  ).toBeVisible({ timeout: 60_000 });
}

/** The series the grid's details panel names for a file (found by the file-name filter, then cleared). */
export async function seriesOf(page: Page, fileName: string): Promise<string> {
  await page.getByLabel('File name or path').fill(fileName);
  await page
    .getByRole('grid', { name: 'Images' })
    .getByRole('gridcell', { name: new RegExp(fileName) })
    .click();
  const details = page.getByRole('region', { name: 'Image details' });
  await expect(details.getByText(fileName)).toBeVisible();
  const series = (await details.locator('dt', { hasText: 'Series' }).locator('+ dd').textContent()) ?? '';
  await page.getByLabel('File name or path').fill('');
  return series;
}
