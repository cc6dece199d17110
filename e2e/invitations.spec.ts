import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Page } from '@playwright/test';

import { createCase, inviteMember, signIn } from './support/app';
import { TeamServer } from './support/team-server';

// Members by invitation (issue 15), two accounts in two browser contexts: an owner invites a colleague
// and a username nobody has, and the panel says the same for both; the case reaches the colleague's
// case list only after they press Accept (by keyboard), and a declined invitation leaves nothing.
const PASSWORD = 'a long e2e passphrase';
const server = new TeamServer(Number(process.env.E2E_PORT ?? 8181) + 19);
const suffix = Date.now().toString(36);
const olga = { username: `olga-${suffix}`, name: 'Olga Petrova' };
const nadia = { username: `nadia-${suffix}`, name: 'Nadia Benali' };

test.use({ actionTimeout: 20_000 });
test.beforeAll(async () => {
  server.addUser(olga.username, PASSWORD, olga.name, 'Unit Quay', 'olga@quay.example');
  server.addUser(nadia.username, PASSWORD, nadia.name, 'Unit Dune', 'nadia@dune.example');
  await server.start();
});
test.afterAll(() => server.stop());

async function signedIn(browser: Browser, username: string): Promise<Page> {
  const context = await browser.newContext({ baseURL: server.url });
  const page = await context.newPage();
  await signIn(page, username, PASSWORD);
  return page;
}

async function shareNewCase(page: Page, name: string) {
  await createCase(page, name);
  await page.getByRole('button', { name: 'Share with team' }).click();
  await expect(page.getByText('The case is shared with your team.')).toBeVisible({ timeout: 60_000 });
}

const caseList = (page: Page) => page.getByRole('list', { name: 'Your cases' });

test('a case appears for an invitee only after they accept; unknown usernames look the same', async ({
  browser,
}) => {
  test.setTimeout(300_000);
  const owner = await signedIn(browser, olga.username);
  const invitee = await signedIn(browser, nadia.username);

  await shareNewCase(owner, 'Op Lantern');
  await inviteMember(owner, nadia.username, 'analyst');
  const members = owner.getByRole('table', { name: 'Members of this case' });
  await expect(members).not.toContainText(nadia.name);
  // The panel shows neither her name nor her unit: only what the owner typed.
  await expect(owner.getByRole('table', { name: 'Pending invitations' })).not.toContainText('Unit Dune');
  await inviteMember(owner, `nobody-${suffix}`, 'viewer');

  // Before accepting, the invitee has the invitation and not the case.
  await invitee.goto('/');
  await invitee.reload();
  const invitations = invitee.getByRole('region', { name: 'Invitations to cases' });
  await expect(invitations).toContainText(`${olga.name} invites you to “Op Lantern” as Analyst`);
  await expect(invitee.getByRole('link', { name: /Op Lantern/ })).toHaveCount(0);
  const { violations } = await new AxeBuilder({ page: invitee }).include('.invitations-panel').analyze();
  expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);

  // Accept, by keyboard: the case arrives in her list and opens.
  await invitations.getByRole('button', { name: 'Accept the invitation to Op Lantern' }).focus();
  await invitee.keyboard.press('Enter');
  await expect(caseList(invitee).getByRole('link', { name: /Op Lantern/ })).toBeVisible({ timeout: 60_000 });
  await expect(invitations).toHaveCount(0);
  await caseList(invitee)
    .getByRole('link', { name: /Op Lantern/ })
    .click();
  await expect(invitee.getByRole('heading', { name: 'Op Lantern', level: 1 })).toBeVisible();
  await expect(invitee.getByRole('table', { name: 'Members of this case' })).toContainText(nadia.name);

  // The owner sees her as a member now; the unknown username stays pending until withdrawn.
  await owner.reload();
  await expect(members).toContainText(nadia.name, { timeout: 30_000 });
  const pending = owner.getByRole('table', { name: 'Pending invitations' });
  await expect(pending).toContainText(`nobody-${suffix}`);
  await pending.getByRole('button', { name: `Withdraw the invitation of nobody-${suffix}` }).click();
  await expect(pending).toHaveCount(0);

  // A declined invitation leaves nothing behind.
  await shareNewCase(owner, 'Op Ember');
  await inviteMember(owner, nadia.username, 'viewer');
  await invitee.goto('/');
  await invitee.reload();
  await invitee.getByRole('button', { name: 'Decline the invitation to Op Ember' }).click();
  await expect(invitee.getByRole('region', { name: 'Invitations to cases' })).toHaveCount(0);
  await invitee.reload();
  await expect(caseList(invitee).getByRole('link', { name: /Op Lantern/ })).toBeVisible();
  await expect(invitee.getByRole('link', { name: /Op Ember/ })).toHaveCount(0);
});
