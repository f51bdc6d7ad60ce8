// The matrix report, checked as a reader uses it: in a real browser, after the matrix ran.
import { test, expect } from '@playwright/test';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { configuration } from '../../catalog/index.js';
import { collectReport, writeReport } from '../../report/index.js';
import { expectAccessible } from '../a11y.js';

test('reports/matrix.html shows every cell, explains one on click, and filters', async ({ page }) => {
  // 7,140 cells in one page: on two cores shared with check-vs-matrix's four browsers, the
  // first click alone has taken over a minute (it takes about 15 s on a quiet machine).
  test.setTimeout(180_000);
  const report = collectReport();
  expect(report, 'the matrix projects wrote their cells to reports/cells').not.toBeNull();
  const { html } = await writeReport(report!);
  await page.goto(pathToFileURL(resolve(html)).href);

  await expect(page.getByRole('heading', { name: 'CORS Lab — the matrix' })).toBeVisible();
  await expect(page.locator('#grids > section')).toHaveCount(report!.browsers.length);
  await expect(page.locator('button.cell')).toHaveCount(report!.cells.length);

  // One cell, explained: the credentialed read of the account from the attacker's site.
  const first = report!.browsers[0]!;
  const cell = page
    .locator('#grids > section')
    .first()
    .getByRole('button', { name: /^reflect-any-origin, attacker, fetch-read-account:/ });
  await cell.click();
  const details = page.locator('#details');
  await expect(details.getByRole('heading', { level: 2 })).toContainText(
    `reflect-any-origin × attacker × fetch-read-account (${first.name}, ${first.cookiePolicy})`,
  );
  await expect(details.getByRole('heading', { name: 'Why' })).toBeVisible();
  // "unsafe: <why>" from the catalog's `unsafe`, beside the name in each grid and in the details.
  const unsafe = `unsafe: ${configuration('reflect-any-origin').unsafe}`;
  await expect(details.locator('p.unsafe')).toHaveText(`reflect-any-origin is ${unsafe}`);
  await expect(page.locator('tr[data-config="reflect-any-origin"] th.config .unsafe')).toHaveText(Array(report!.browsers.length).fill(unsafe));
  await expect(page.locator('tr[data-config="allowlist"] th.config .unsafe')).toHaveCount(0);
  await expect(details.locator('ol.steps li').first()).toContainText('attacker.localhost');
  await expect(details.locator('pre code')).toContainText("fetch(bank + '/account?probe=' + probe, { credentials: 'include' })");
  await expect(details.getByRole('heading', { name: 'Actual request' })).toBeVisible();

  // Filters narrow the grid.
  await page.locator('#f-config').selectOption('allowlist');
  await expect(page.locator('tr[data-config]:not([hidden])')).toHaveCount(report!.browsers.length);
  await page.locator('#f-origin').selectOption('partner');
  const perGrid = report!.cells.filter((c) => c.config === 'allowlist' && c.origin === 'partner').length;
  await expect(page.locator('#shown')).toHaveText(`${perGrid} cells match`);
  const disagreements = report!.cells.filter((c) => !c.agree && c.config === 'allowlist' && c.origin === 'partner').length;
  await page.locator('#f-outcome').selectOption('disagree');
  await expect(page.locator('#shown')).toHaveText(`${disagreements} cells match`);

  // R! marks a theft: the credentialed read of the account where the bank reflects the partner.
  await page.locator('#f-outcome').selectOption('');
  const theft = report!.cells.find((c) => c.config === 'allowlist' && c.origin === 'partner' && c.attack === 'fetch-read-account' && c.observed.authenticated);
  if (theft) {
    await expect(
      page.getByRole('button', { name: 'allowlist, partner, fetch-read-account: read the victim’s private data, arrived, no money moved' }).first(),
    ).toHaveText('R!→');
  }
  await page.locator('#f-config').selectOption('');
  await page.locator('#f-origin').selectOption('attacker');
  await page.locator('#grids').scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'reports/matrix.png', fullPage: false });
  await expectAccessible(page);
  await cell.click();
  await page.screenshot({ path: 'reports/matrix-cell.png', fullPage: false });
});
