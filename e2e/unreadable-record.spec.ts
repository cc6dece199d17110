import { join } from 'node:path';

import { expect, test, type Browser } from '@playwright/test';
import Database from 'better-sqlite3';

import { corpusPath } from '../test/corpus';
import { createCase, inviteMember, signIn } from './support/app';
import { TeamServer } from './support/team-server';

// Defence in depth: a record that does not parse (written straight into the server's database, as
// damage or tampering would) reaches a colleague's browser. The browser sets it aside, still shows the
// analyst's cases, and names the broken records; nothing else of the sync is held up.
const imagesDir = corpusPath('images');
const HARBOUR = join(imagesDir, '7a689f0e75905c67.jpg');
const PIER = join(imagesDir, '3c7401b7b2d44950.jpg');
const PASSWORD = 'a long e2e passphrase';

const server = new TeamServer(Number(process.env.E2E_PORT ?? 8181) + 23);
const suffix = Date.now().toString(36);
const olga = {
  username: `olga-${suffix}`,
  name: 'Olga Petrova',
  org: 'Unit North',
  contact: 'olga@north.example',
};
const ines = {
  username: `ines-${suffix}`,
  name: 'Inès Duval',
  org: 'Unit South',
  contact: 'ines@south.example',
};

test.use({ actionTimeout: 20_000 });
test.beforeAll(async () => {
  server.addUser(olga.username, PASSWORD, olga.name, olga.org, olga.contact);
  server.addUser(ines.username, PASSWORD, ines.name, ines.org, ines.contact);
  await server.start();
});
test.afterAll(() => server.stop());

async function signedIn(browser: Browser, username: string) {
  const context = await browser.newContext({ baseURL: server.url });
  const page = await context.newPage();
  await signIn(page, username, PASSWORD);
  return page;
}

test('a malformed record from the server is set aside and named; the colleague still sees the cases', async ({
  browser,
}) => {
  test.setTimeout(300_000);
  const olgaPage = await signedIn(browser, olga.username);
  for (const [name, file] of [
    ['Op Harbour', HARBOUR],
    ['Op Pier', PIER],
  ] as const) {
    await createCase(olgaPage, name, [file]);
    await olgaPage.getByRole('button', { name: 'Share with team' }).click();
    await expect(olgaPage.getByText('The case is shared with your team.')).toBeVisible({ timeout: 60_000 });
    await inviteMember(olgaPage, ines.username, 'analyst');
  }

  // Damage two records of Op Pier in the server's own database: the case's name becomes an object, and
  // its image's PDQ is no longer a hash.
  const db = new Database(join(server.dataDir, 'waymark.sqlite'));
  let pierCase: string;
  let pierImage: string;
  try {
    db.pragma('busy_timeout = 5000');
    const rows = db
      .prepare("select case_id, entity, id, data from sync_entities where entity in ('cases', 'media')")
      .all() as { case_id: string; entity: string; id: string; data: string }[];
    const caseRow = rows.find(
      (r) => r.entity === 'cases' && (JSON.parse(r.data) as { name?: unknown }).name === 'Op Pier',
    );
    const imageRow = rows.find((r) => r.entity === 'media' && r.case_id === caseRow?.case_id);
    if (!caseRow || !imageRow) throw new Error('the shared records are not on the server');
    pierCase = caseRow.case_id;
    pierImage = imageRow.id;
    const update = db.prepare(
      'update sync_entities set data = ? where case_id = ? and entity = ? and id = ?',
    );
    update.run(JSON.stringify({ ...JSON.parse(caseRow.data), name: { x: 1 } }), pierCase, 'cases', pierCase);
    update.run(JSON.stringify({ ...JSON.parse(imageRow.data), pdq: 'zz' }), pierCase, 'media', pierImage);
  } finally {
    db.close();
  }

  // Inès signs in and accepts both invitations: her browser downloads both cases.
  const inesPage = await signedIn(browser, ines.username);
  for (const name of ['Op Harbour', 'Op Pier'])
    await inesPage
      .getByRole('button', { name: `Accept the invitation to ${name}` })
      .click({ timeout: 60_000 });
  const banner = inesPage.getByRole('alert').filter({ hasText: 'could not be read' });
  await expect(banner).toContainText('2 records from the team server could not be read', { timeout: 60_000 });
  // Ids and field names are isolated (U+2068…U+2069), so they keep their direction inside Arabic text.
  const iso = (text: string) => `\u2068${text}\u2069`;
  await expect(banner).toContainText(
    `The case ${iso(pierCase)} in case ${iso(pierCase)}: field ${iso('name')}`,
  );
  await expect(banner).toContainText(
    `An image ${iso(pierImage)} in case ${iso(pierCase)}: field ${iso('pdq')}`,
  );
  // The app is whole: the cases screen lists the readable case and opens it.
  await expect(inesPage.getByRole('heading', { name: 'Cases', level: 1 })).toBeVisible();
  const cases = inesPage.getByRole('list', { name: 'Your cases' });
  await expect(cases.getByRole('link', { name: /Op Harbour/ })).toBeVisible();
  await cases.getByRole('link', { name: /Op Harbour/ }).click();
  await expect(inesPage.getByRole('heading', { name: 'Op Harbour', level: 1 })).toBeVisible();
  await expect(inesPage.locator('.screen-header').getByText('1 image', { exact: true })).toBeVisible();
});
