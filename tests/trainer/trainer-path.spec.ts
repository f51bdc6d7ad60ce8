// The trainer's path through the bank's pages, in a real browser: log in, open the lab
// control, switch the configuration and read its headers, watch an attack land in the live
// ledger, reset. Screenshots of each page go to reports/screens/.
import { attackerOrigin, partnerOrigin } from '../../catalog/index.js';
import { expectAccessible } from '../a11y.js';
import { expect, logInAtBank, test } from '../fixtures.js';

test('log in, switch the configuration, watch the seed attack land live, reset', async ({ browserWithPolicy, labBrowserName }) => {
  const shot = (name: string) => `reports/screens/${labBrowserName}-${name}.png`;
  const context = await browserWithPolicy('third-party-allowed');
  const login = await context.newPage();
  await login.goto('http://bank.localhost:4000/login');
  await expectAccessible(login);
  await login.close();
  const bank = await logInAtBank(context, 'alice', 'alice-loves-cats');
  await expect(bank.locator('html[data-ledger-live]')).toBeAttached();
  await bank.screenshot({ path: shot('1-account') });
  await expectAccessible(bank);

  await bank.getByRole('link', { name: 'Lab control' }).click();
  await expect(bank.getByRole('heading', { name: 'Lab control' })).toBeVisible();
  await bank.getByLabel('Active configuration').selectOption('allowlist');
  await bank.getByRole('button', { name: 'Switch' }).click();
  await expect(bank.locator('#active-title')).toHaveText(/^allowlist: /);
  await expect(bank.locator('#cors-options')).toContainText(`origin: ['${partnerOrigin}']`);
  // @fastify/cors answers the exact partner, and nobody else.
  await expect(bank.locator('tr[data-origin="partner"] td').first()).toHaveText(partnerOrigin);
  await expect(bank.locator('tr[data-origin="attacker"] td').first()).toHaveText('(absent: reading refused)');
  await bank.screenshot({ path: shot('2-lab-control'), fullPage: true });
  await expectAccessible(bank);

  // The movie page aims at the active configuration; the account page shows it land.
  await bank.getByRole('link', { name: 'Back to the account' }).click();
  await expect(bank.locator('html[data-ledger-live]')).toBeAttached();
  const movies = await context.newPage();
  await movies.goto(`${attackerOrigin('attacker.localhost')}/movies.html`);
  await expect(movies.locator('body')).toHaveAttribute('data-done', 'true');
  // Under allowlist the attacker's origin gets no Access-Control-Allow-Origin: no read.
  await expect(movies.locator('body')).toHaveAttribute('data-readable', 'false');
  await movies.screenshot({ path: shot('3-movies') });
  await expectAccessible(movies);
  const landed = bank.locator('#ledger tbody tr', { hasText: 'GET /transfer_to/555/1234/1' }).first();
  await expect(landed).toContainText(attackerOrigin('attacker.localhost'));
  await expect(landed).toContainText('401');
  await bank.screenshot({ path: shot('4-ledger-live') });

  // The attack runner a trainer clicks through, from the attacker's origin: the result, the
  // rules' explanation, and the cookie policy this browser applied.
  const runner = await context.newPage();
  await runner.goto(`${attackerOrigin('attacker.localhost')}/runner/`);
  await expect(runner.locator('html[data-lab-ready]')).toBeAttached();
  await expect(runner.getByRole('button', { name: /^Run / })).toHaveCount(13);
  await runner.getByRole('button', { name: 'Check what my browser does' }).click();
  // This browser was launched with third-party cookies allowed, and alice is logged in.
  await expect(runner.locator('#detected')).toContainText('third-party cookies are allowed');
  await expect(runner.getByLabel(/allowed \(Chrome/)).toBeChecked();
  const readAccount = runner.locator('li', { has: runner.getByRole('button', { name: 'Run fetch-read-account' }) });
  await readAccount.getByRole('button').click();
  // Under `allowlist` the attacker's origin gets no Access-Control-Allow-Origin.
  await expect(readAccount.locator('output')).toContainText('NOT READ');
  await expect(readAccount.locator('ol.why')).toHaveAttribute('aria-label', `Why, by the rules (allowlist, ${labBrowserName}, third-party-allowed)`);
  await expect(readAccount.locator('ol.why')).toContainText('the bank sent no Access-Control-Allow-Origin');
  await expectAccessible(runner);
  await runner.screenshot({ path: shot('5-runner'), fullPage: true });
  await runner.close();

  await bank.getByRole('link', { name: 'Lab control' }).click();
  await bank.getByRole('button', { name: 'Reset the bank' }).click();
  await expect(bank.locator('#active-title')).toHaveText(/^reflect-any-origin: /);
  await bank.screenshot({ path: shot('6-reset') });

  await movies.close();
  await bank.close();
});
