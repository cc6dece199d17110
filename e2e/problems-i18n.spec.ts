// A malformed hash list, a broken VICS file and files that cannot be hashed, with the app in French,
// Arabic and Spanish: every problem reads in the analyst's language (words taken from the catalog files
// themselves), never as the parser's English. Screenshots of each go with the test's output.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { expect, test, type Page } from '@playwright/test';

import type { MessageKey } from '../src/client/i18n/catalog';
import { corpusPath } from '../test/corpus';

type Messages = Readonly<Record<MessageKey, string>>;
const catalog = (code: string) =>
  JSON.parse(
    readFileSync(new URL(`../src/client/i18n/catalogs/${code}.json`, import.meta.url), 'utf8'),
  ) as Messages;
const en = catalog('en');

/** The longest stretch of a message without placeholders: text that must appear wherever it is shown. */
function literal(message: string): string {
  return message
    .split(/\{[^{}]*(?:\{[^{}]*\}[^{}]*)*\}/)
    .map((s) => s.trim())
    .sort((a, b) => b.length - a.length)[0]!;
}

const MD5 = '9e107d9d372bb6826bd81d3542a419d6';
const dir = mkdtempSync(join(tmpdir(), 'waymark-problems-'));
const csv = join(dir, 'liste-abimee.csv');
writeFileSync(csv, `md5,sha1,category\n${MD5},nothex,x\nzz,,\n`);
const vics = join(dir, 'vics-tronque.json');
writeFileSync(vics, `{"value":[{"MD5":"${MD5}","Category":1}`);

async function openLists(page: Page, code: string, m: Messages) {
  await page.goto('/');
  await page.locator('.language-menu select').selectOption(code);
  await expect(page.locator('html')).toHaveAttribute('lang', code);
  await page
    .getByRole('navigation', { name: m['nav.main'] })
    .getByRole('link', { name: m['nav.lists'] })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: m['lists.title'] })).toBeVisible();
}

for (const code of ['fr', 'ar', 'es'] as const) {
  const m = catalog(code);

  test(`list problems read in ${code}`, async ({ page }, testInfo) => {
    await openLists(page, code, m);
    const input = page.getByLabel(m['lists.import.file']);

    // Warnings: entries skipped and fields dropped, each named by line and entry, in this language.
    await input.setInputFiles(csv);
    const warnings = page.locator('.list-warnings li');
    await expect(warnings).toHaveCount(4);
    await expect(warnings.nth(0)).toContainText(literal(m['lists.problem.bad-hash']));
    await expect(warnings.nth(0)).toContainText('SHA-1');
    await expect(warnings.nth(0)).toContainText('nothex');
    await expect(warnings.nth(1)).toContainText(literal(m['lists.problem.bad-category']));
    await expect(warnings.nth(3)).toContainText(literal(m['lists.problem.no-hash']));
    await expect(page.locator('.list-warnings')).not.toContainText(literal(en['lists.problem.bad-hash']));
    await page.locator('.list-import').screenshot({ path: testInfo.outputPath(`list-warnings-${code}.png`) });

    // A fatal problem: nothing imported, and the JSON error in this language with its position.
    await input.setInputFiles(vics);
    const alert = page.getByRole('alert');
    await expect(alert).toContainText(literal(m['lists.problem.not-json']));
    await expect(alert).toContainText(literal(m['lists.problem.json.truncated']));
    await expect(alert).not.toContainText(literal(en['lists.problem.json.truncated']));
    await page.locator('.list-import').screenshot({ path: testInfo.outputPath(`list-fatal-${code}.png`) });
  });

  test(`hashing failures read in ${code}, the decoder's words apart`, async ({ page }, testInfo) => {
    await page.goto('/');
    await page.locator('.language-menu select').selectOption(code);
    await page.getByRole('link', { name: m['nav.hashTool'] }).click();
    await expect(page.getByRole('heading', { level: 1, name: m['hashTool.title'] })).toBeVisible();
    await page
      .getByLabel(m['hashTool.input'])
      .setInputFiles(
        ['png_bomb_declared_50000x50000.png', 'text_renamed.jpg', 'external_ref.svg', 'png_bad_crc.png'].map(
          (f) => corpusPath('bad', f),
        ),
      );
    const table = page.getByRole('table', { name: m['hashTool.table'] });
    const row = (name: string) =>
      table.getByRole('row').filter({ has: page.getByRole('rowheader', { name }) });
    await expect(row('png_bomb_declared_50000x50000.png')).toContainText(
      literal(m['hashing.problem.too-large']),
    );
    await expect(row('text_renamed.jpg')).toContainText(literal(m['hashing.problem.not-media']));
    await expect(row('external_ref.svg')).toContainText(literal(m['hashing.problem.svg-refused']));
    await expect(table).not.toContainText(literal(en['hashing.problem.svg-refused']));
    // What the browser's decoder said is kept, as a detail line under the analyst's words.
    const corrupt = row('png_bad_crc.png');
    await expect(corrupt).toContainText(literal(m['hashing.problem.corrupt-image']));
    await expect(corrupt.locator('.hash-error-detail')).toContainText(literal(m['hashing.problem.detail']));
    await page.getByRole('main').screenshot({ path: testInfo.outputPath(`hash-failures-${code}.png`) });
  });
}
