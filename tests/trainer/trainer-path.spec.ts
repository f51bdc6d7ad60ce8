// The trainer's path, in a real browser whose pop-up blocker is on: log in, switch the
// configuration and read its headers, watch an attack land in the live ledger, run the
// attack dashboard, answer the quiz, reset. Screenshots of each page go to reports/screens/.
import { attackerOrigin, attacks, configuration, onDashboardByDefault, origins, partnerOrigin, type OriginId } from '../../catalog/index.js';
import { BankOracle } from '../../rules/bank-oracle.js';
import { predictCell } from '../../rules/predict.js';
import { expectAccessible } from '../a11y.js';
import { expect, logInAtBank, test } from '../fixtures.js';
import { runDashboard } from './dashboard-driver.js';
import { bankView } from '../../engine/observe.js';
import { expectDrawnEvidence, readDrawn } from '../drawn-sequence.js';

/**
 * Five rows of the dashboard's run under `allowlist` (third-party cookies allowed), chosen by the
 * rules, with what each picture shows by hand besides what the run's evidence says.
 */
const DASHBOARD_PICTURES: { name: string; origin: OriginId; attack: (typeof attacks)[number]['id']; shows: RegExp[]; notes: string[] }[] = [
  // PUT and a JSON body are not CORS-safelisted (Fetch §4.1): a preflight, answered without Access-Control-Allow-Origin for the attacker.
  {
    name: 'refused-put',
    origin: 'attacker',
    attack: 'fetch-put',
    shows: [/^preflight OPTIONS \/transfer \(asks for PUT\)$/, / to the preflight: it fails$/],
    notes: ['PUT /transfer: never sent'],
  },
  // A navigation is never preflighted and no CORS check reads its answer: the allowlist has no say, and money moves.
  { name: 'form-post', origin: 'attacker', attack: 'form-post', shows: [/, as the victim: moved money$/], notes: ['no preflight'] },
  // The partner is the allowlist's one trusted origin: the credentialed read passes the CORS check (Fetch §4.9).
  {
    name: 'partner-read',
    origin: 'partner',
    attack: 'fetch-read-account',
    shows: [/, as the victim: sent the victim’s account$/, /^the answer is handed to the script$/],
    notes: [],
  },
  // A cross-site fetch leaves the Lax cookie home (RFC 6265bis §5.8.3), and the Partitioned one in the bank's own partition (CHIPS §2.1).
  {
    name: 'cookies-home',
    origin: 'attacker',
    attack: 'fetch-read-account',
    shows: [/^the answer is withheld from the script$/],
    notes: ['cookie bank_session_lax: stayed home', 'cookie bank_session_partitioned: stayed home'],
  },
  // No CORS check stands before a WebSocket (Fetch §7.1): the allowlist does not stop the hijack.
  {
    name: 'websocket-hijack',
    origin: 'attacker',
    attack: 'websocket-transfer',
    shows: [/^101, as the victim: opened the socket$/, /^moved money$/],
    notes: [],
  },
];

test('log in, switch the configuration, watch attacks land, run the dashboard, answer the quiz, reset', async ({
  bank: lab,
  browserWithPolicy,
  labBrowserName,
}) => {
  test.setTimeout(300_000);
  // A fresh bank, whatever ran before (the other browser's trainer path included).
  await lab.reset();
  const shot = (name: string) => `reports/screens/${labBrowserName}-${name}.png`;
  const context = await browserWithPolicy('third-party-allowed');
  const login = await context.newPage();
  await login.goto('http://bank.localhost:4000/login');
  await expectAccessible(login);
  await login.getByLabel('User name').fill('alice');
  await login.screenshot({ path: shot('1-log-in') });
  await login.close();
  const loggedInAt = Date.now();
  const bank = await logInAtBank(context, 'alice', 'alice-loves-cats');
  await expect(bank.locator('html[data-ledger-live]')).toBeAttached();
  await bank.screenshot({ path: shot('1-account') });
  await expectAccessible(bank);

  await bank.getByRole('link', { name: 'Lab control' }).click();
  await expect(bank.getByRole('heading', { name: 'Lab control' })).toBeVisible();
  await expect(bank.locator('html[data-lab-control-ready]')).toBeAttached();
  await bank.getByLabel('Active configuration').selectOption('allowlist');
  await bank.getByRole('button', { name: 'Switch' }).click();
  await expect(bank.locator('#active-title')).toHaveText(/^allowlist: /);
  await expect(bank.locator('#active-unsafe')).toHaveCount(0); // allowlist's `unsafe` is null
  await expect(bank.locator('#cors-options')).toContainText(`origin: ['${partnerOrigin}']`);
  // @fastify/cors answers the exact partner, and nobody else.
  await expect(bank.locator('tr[data-origin="partner"] td').first()).toHaveText(partnerOrigin);
  await expect(bank.locator('tr[data-origin="attacker"] td').first()).toHaveText('(absent: reading refused)');
  await bank.screenshot({ path: shot('2-switch-configuration'), fullPage: true });
  await expectAccessible(bank);

  // The movie page aims at the active configuration; the account page shows it land.
  await bank.getByRole('link', { name: 'Back to the account' }).click();
  await expect(bank.locator('html[data-ledger-live]')).toBeAttached();
  const movies = await context.newPage();
  await movies.goto(`${attackerOrigin('attacker.localhost')}/movies.html`);
  await expect(movies.locator('body')).toHaveAttribute('data-done', 'true');
  // Under allowlist the attacker's origin gets no Access-Control-Allow-Origin: no read.
  await expect(movies.locator('body')).toHaveAttribute('data-readable', 'false');
  await movies.screenshot({ path: shot('extra-movies') });
  await expectAccessible(movies);
  const landed = bank.locator('#ledger tbody tr', { hasText: 'GET /transfer_to/555/1234/1' }).first();
  await expect(landed).toContainText(attackerOrigin('attacker.localhost'));
  await expect(landed).toContainText('401');
  await bank.screenshot({ path: shot('extra-ledger-live') });

  const oracle = await BankOracle.open();
  // The attack runner a trainer clicks through, from the attacker's origin: the result, the
  // rules' explanation, and the cookie policy this browser applied.
  const runner = await context.newPage();
  await runner.goto(`${attackerOrigin('attacker.localhost')}/runner/`);
  await expect(runner.locator('html[data-lab-ready]')).toBeAttached();
  await expect(runner.getByRole('button', { name: /^Run / })).toHaveCount(attacks.length);
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
  // The run's picture, drawn from its own probe's ledger entries and what the script held. A
  // GET carries no Lax + POST exception, so the page's assumed cookie age changes nothing:
  // nothing differs from the rules.
  const runnerPicture = readAccount.locator('details.run-picture');
  await runnerPicture.locator('summary').click();
  const runnerDrawn = await readDrawn(runnerPicture.locator('figure.sequence-picture'));
  const runnerProbe = (await runnerPicture.getAttribute('data-probe'))!;
  const runnerLedger = bankView((await lab.ledger(runnerProbe)).filter((e) => e.probe === runnerProbe));
  expectDrawnEvidence(runnerDrawn, { preflight: runnerLedger.preflight, actual: runnerLedger.actual, readable: false, differs: false });
  await runnerPicture.screenshot({ path: shot('extra-runner-picture') });
  await expectAccessible(runner);
  await runner.screenshot({ path: shot('extra-runner'), fullPage: true });
  await runner.close();

  // The dashboard: every attack from every attacker host name against `allowlist`. What
  // each row shows must be what the rules predict for this browser — computed here, apart
  // from the page.
  const predict = (origin: OriginId, attack: (typeof attacks)[number]['id']) =>
    predictCell(
      { browser: labBrowserName, cookiePolicy: 'third-party-allowed', config: 'allowlist', origin, attack },
      oracle,
      (Date.now() - loggedInAt) / 1000,
    );
  const writeOf = (o: { effect: string; requestReached: boolean }) => (o.effect === 'transfer' ? 'moved' : o.requestReached ? 'arrived' : 'blocked');
  const dashboard = await context.newPage();
  await dashboard.goto(`${attackerOrigin('attacker.localhost')}/dashboard/`);
  await expect(dashboard.locator('html[data-run-state=idle]')).toBeAttached();
  await expect(dashboard.locator('#active')).toHaveText(/^allowlist — /);
  await expect(dashboard.locator('#active-unsafe')).toHaveText(''); // allowlist's `unsafe` is null
  // The page checked this browser's policy on load: third-party cookies allowed here.
  await expect(dashboard.getByLabel(/allowed \(Chrome/)).toBeChecked();
  await expectAccessible(dashboard);
  const clicks = await runDashboard(context, dashboard, 'Run every attack', (attackWindow) => attackWindow.screenshot({ path: shot('3-attack-window') }));
  test.info().annotations.push({ type: 'dashboard', description: `${labBrowserName}: the pop-up blocker asked for ${clicks} clicks` });
  // The public pages are offered, not driven, until the trainer ticks them in.
  await expect(dashboard.getByLabel(/Also attack from the two public websites/)).not.toBeChecked();
  const attackerPages = origins.filter(onDashboardByDefault);
  await expect(dashboard.locator('tr[data-attack]')).toHaveCount(attackerPages.length * attacks.length);
  await expect(dashboard.locator('tr[data-state=done]')).toHaveCount(attackerPages.length * attacks.length);
  for (const origin of attackerPages) {
    for (const attack of attacks) {
      const row = dashboard.locator(`tr[data-origin="${origin.id}"][data-attack="${attack.id}"]`);
      const { outcome } = await predict(origin.id, attack.id);
      await expect(row, `${origin.id} × ${attack.id}`).toHaveAttribute('data-read', outcome.responseReadable ? 'yes' : 'no');
      await expect(row, `${origin.id} × ${attack.id}`).toHaveAttribute('data-write', writeOf(outcome));
      expect(await row.locator('th pre').textContent(), 'the code, exactly as it ran').toBe(attack.code);
      if (outcome.requestReached) await expect(row.locator('.ledger')).toContainText(`Origin: ${outcome.originHeader ?? '(none)'}`);
    }
  }
  await expect(dashboard.locator('tr[data-agrees=false]')).toHaveCount(0);
  await dashboard.screenshot({ path: shot('3-run-dashboard') });
  await expectAccessible(dashboard);

  // Five rows' pictures, each drawn from its own run: the bank's ledger of the row's probe, and
  // what the row says the script read. The page explains as if the learner logged in an hour
  // ago (runner/this-browser.js), so a difference is expected exactly where this run's
  // evidence differs from the rules at that age — in Chromium, a form's POST inside the
  // 2-minute Lax + POST window carries the cookie without SameSite (RFC 6265bis §5.6.7.1 note).
  for (const { name, origin, attack, shows, notes } of DASHBOARD_PICTURES) {
    const row = dashboard.locator(`tr[data-origin="${origin}"][data-attack="${attack}"]`);
    const picture = row.locator('details.run-picture');
    await picture.locator('summary').click();
    const drawn = await readDrawn(picture.locator('figure.sequence-picture'));
    const probe = (await picture.getAttribute('data-probe'))!;
    const { preflight, actual } = bankView((await lab.ledger(probe)).filter((e) => e.probe === probe));
    const readable = (await row.getAttribute('data-read')) === 'yes';
    const assumed = (await predictCell({ browser: labBrowserName, cookiePolicy: 'third-party-allowed', config: 'allowlist', origin, attack }, oracle, 3600))
      .outcome;
    const differs =
      (preflight !== null) !== assumed.preflightSent ||
      (actual !== null) !== assumed.requestReached ||
      JSON.stringify(actual?.cookiesSent ?? []) !== JSON.stringify(assumed.cookiesSent) ||
      readable !== assumed.responseReadable;
    expectDrawnEvidence(drawn, { preflight, actual, readable, differs });
    for (const words of shows) expect(drawn.messages, `${origin} × ${attack}: ${words}`).toContainEqual(expect.stringMatching(words));
    for (const line of notes) expect(drawn.notes, `${origin} × ${attack}`).toContain(line);
    await picture.screenshot({ path: shot(`3-picture-${name}`) });
  }
  await expectAccessible(dashboard);

  // The quiz, from the partner the allowlist trusts: the learner guesses that every fetch()
  // reads and that nothing writes. The score must match the rules' answers.
  await dashboard.getByLabel('Predict first (quiz): mark each attack, then run it').check();
  await dashboard.getByLabel('Quiz host name').selectOption('partner');
  await expect(dashboard.locator('tr[data-attack]')).toHaveCount(attacks.length);
  let right = 0;
  for (const attack of attacks) {
    const guessRead = attack.request.api === 'fetch';
    if (guessRead) await dashboard.locator(`tr[data-attack="${attack.id}"]`).getByLabel('read?').check();
    const { outcome } = await predict('partner', attack.id);
    right += Number(guessRead === outcome.responseReadable) + Number(outcome.effect !== 'transfer');
  }
  expect(right, 'the guesses are meant to miss some').toBeLessThan(attacks.length * 2);
  await runDashboard(context, dashboard, 'Lock in my predictions and run');
  const score = dashboard.locator('#score');
  await expect(score).toBeVisible();
  await expect(score).toHaveAttribute('data-right', String(right));
  await expect(score.locator('#score-text')).toContainText(`${right} of ${attacks.length * 2} predictions right`);
  await expect(score.locator('li.miss')).toHaveCount(attacks.length * 2 - right);
  for (const miss of await score.locator('li.miss').all()) expect(await miss.locator('ol li').count()).toBeGreaterThan(0);
  // The score takes the focus when it appears, before the learner opens anything in it.
  await expect(dashboard.locator('#score-heading')).toBeFocused();
  // Once answered, a miss shows the picture of its run. "Nothing writes" misses the partner's
  // PUT: the allowlist passes its preflight (Fetch §4.8) and the PUT moves money.
  const miss = score.locator('li.miss').filter({ has: dashboard.locator('details.run-picture[data-probe$="-partner-fetch-put"]') });
  await expect(miss).toHaveCount(1);
  const missPicture = miss.locator('details.run-picture');
  await missPicture.locator('summary').click();
  const missDrawn = await readDrawn(missPicture.locator('figure.sequence-picture'));
  const missProbe = (await missPicture.getAttribute('data-probe'))!;
  const missLedger = bankView((await lab.ledger(missProbe)).filter((e) => e.probe === missProbe));
  expect(
    missDrawn.messages.filter((m) => m.startsWith('preflight OPTIONS ')),
    'the ledger has the preflight',
  ).toHaveLength(missLedger.preflight ? 1 : 0);
  expect(missDrawn.rode).toEqual(missLedger.actual?.cookiesSent ?? []);
  await missPicture.screenshot({ path: shot('4-quiz-miss-picture') });
  await dashboard.screenshot({ path: shot('4-answer-quiz') });
  await expectAccessible(dashboard);

  // A trainer who closes the attack window mid-run gets a stopped run, not a stuck page.
  await dashboard.getByLabel('Run everything: every attack from every attacker host name').check();
  await dashboard.getByRole('button', { name: 'Run every attack' }).click();
  await expect(dashboard.locator('tr[data-state=running], tr[data-state=needs-click]').first()).toBeAttached();
  // The attack window is the one the quiz used, reused by name and now on a runner again.
  const attackWindow = context.pages().find((page) => page.url().includes('?dashboard='));
  expect(attackWindow, 'the attack window').toBeDefined();
  await attackWindow!.close();
  await expect(dashboard.locator('html')).toHaveAttribute('data-run-state', 'stopped');
  await expect(dashboard.locator('#status')).toContainText('Stopped: the attack window was closed.');
  await expect(dashboard.getByRole('button', { name: 'Run every attack' })).toBeEnabled();
  await dashboard.close();
  await oracle.close();

  await bank.getByRole('link', { name: 'Lab control' }).click();
  await expect(bank.locator('html[data-lab-control-ready]')).toBeAttached();
  await bank.getByRole('button', { name: 'Reset the bank' }).click();
  await expect(bank.locator('#active-title')).toHaveText(/^reflect-any-origin: /);
  await expect(bank.locator('#active-unsafe')).toHaveText(`unsafe: ${configuration('reflect-any-origin').unsafe}`);
  await bank.screenshot({ path: shot('5-reset') });

  await movies.close();
  await bank.close();
});
