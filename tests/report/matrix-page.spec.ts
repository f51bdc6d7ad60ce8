// The matrix report, checked as a reader uses it: in a real browser, after the matrix ran.
import { test, expect } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { configuration } from '../../catalog/index.js';
import { collectReport, writeReport } from '../../report/index.js';
import { expectAccessible } from '../a11y.js';
import { expectDrawnEvidence, readDrawn } from '../drawn-sequence.js';

// The second test reads the page the first one writes.
test.describe.configure({ mode: 'serial' });

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

/**
 * Six cells whose pictures a learner should be able to trust, chosen from the catalog by the
 * rules (third-party cookies allowed, so that the victim's SameSite=None cookie can ride):
 * what each picture must show, written by hand, besides what the cell's own evidence says.
 */
const PICTURED = [
  {
    name: 'refused-put',
    config: 'allowlist',
    origin: 'attacker',
    attack: 'fetch-put',
    // PUT and a JSON body are not CORS-safelisted (Fetch §4.1): a preflight, which the allowlist answers without Access-Control-Allow-Origin.
    shows: [/^preflight OPTIONS \/transfer \(asks for PUT\)$/, / to the preflight: it fails$/, /^the answer is withheld from the script$/],
    notes: ['PUT /transfer: never sent'],
  },
  {
    name: 'form-post',
    config: 'none',
    origin: 'attacker',
    attack: 'form-post',
    // A navigation is never preflighted (Fetch §4.1) and no CORS check reads its answer: the form moves money.
    shows: [/^form POST \/transfer submitted into another tab/, /, as the victim: moved money$/],
    notes: ['no preflight'],
  },
  {
    name: 'read-allowed',
    config: 'reflect-any-origin',
    origin: 'attacker',
    attack: 'fetch-read-account',
    // The bank reflects the origin with credentials: the CORS check passes (Fetch §4.9) and the None cookie authenticates.
    shows: [/, as the victim: sent the victim’s account$/, /^the answer is handed to the script$/],
    notes: ['cookie bank_session_none: rode along'],
  },
  {
    name: 'lax-home',
    config: 'samesite-lax',
    origin: 'attacker',
    attack: 'fetch-read-account',
    // A cross-site subresource request leaves SameSite=Lax at home (RFC 6265bis §5.8.3): the bank sees a stranger.
    shows: [/, as a stranger: nothing done$/],
    notes: ['cookie bank_session_lax: stayed home'],
  },
  {
    name: 'partitioned-home',
    config: 'partitioned-session',
    origin: 'attacker',
    attack: 'fetch-read-account',
    // The Partitioned cookie lives in the bank's own top-level partition, not the attacker's (CHIPS §2.1).
    shows: [/, as a stranger: nothing done$/],
    notes: ['cookie bank_session_partitioned: stayed home'],
  },
  {
    name: 'websocket-hijack',
    config: 'allowlist',
    origin: 'attacker',
    attack: 'websocket-transfer',
    // No CORS check stands before a WebSocket (Fetch §7.1): the handshake carries the None cookie, and the message moves money.
    shows: [/^WebSocket handshake GET \/socket$/, /^101, as the victim: opened the socket$/, /^socket message \{ type: transfer \}$/, /^moved money$/],
    notes: ['cookie bank_session_none: rode along'],
  },
] as const;

test('a clicked cell’s picture is drawn from its observed evidence: preflight, cookies, read, differences', async ({ page }) => {
  test.setTimeout(300_000);
  const report = collectReport()!;
  const browser = report.browsers.find((b) => b.cookiePolicy === 'third-party-allowed');
  expect(browser, 'the matrix ran with third-party cookies allowed').toBeDefined();
  await page.goto(pathToFileURL(resolve('reports/matrix.html')).href);
  const grid = page.locator('#grids > section').nth(report.browsers.indexOf(browser!));
  mkdirSync('reports/screens', { recursive: true });
  for (const cell of PICTURED) {
    await test.step(`${cell.config} × ${cell.origin} × ${cell.attack}`, async () => {
      const judged = report.cells.find(
        (c) =>
          c.browser === browser!.name &&
          c.cookiePolicy === browser!.cookiePolicy &&
          c.config === cell.config &&
          c.origin === cell.origin &&
          c.attack === cell.attack,
      );
      expect(judged, 'the matrix observed the cell').toBeDefined();
      await grid.getByRole('button', { name: new RegExp(`^${cell.config}, ${cell.origin}, ${cell.attack}:`) }).click();
      const figure = page.locator('#details figure.sequence-picture');
      const drawn = await readDrawn(figure);
      const differs = !judged!.agree;
      expectDrawnEvidence(drawn, { preflight: judged!.bankSaw.preflight, actual: judged!.bankSaw.actual, readable: judged!.scriptSaw.readable, differs });
      // What the rules say this cell shows, where the run agreed with them.
      if (!differs) {
        for (const words of cell.shows) expect(drawn.messages, String(words)).toContainEqual(expect.stringMatching(words));
        for (const line of cell.notes) expect(drawn.notes).toContain(line);
      }
      await expect(figure.locator('figcaption')).toContainText(`${cell.config} × ${cell.origin} × ${cell.attack} in ${browser!.name}`);
      await figure.screenshot({ path: `reports/screens/report-picture-${cell.name}.png` });
    });
  }
  await expectAccessible(page);
});
