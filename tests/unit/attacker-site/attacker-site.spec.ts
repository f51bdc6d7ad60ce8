// The attacker site: it shares its runner with everyone (the sandboxed `null` frame loads it
// through CORS), and its narrator answers only about the lab pages' own probes.
import { test, expect } from '@playwright/test';
import Fastify, { type FastifyReply } from 'fastify';
import { attacks, configurations, probeId } from '../../../catalog/index.js';
import { buildAttackerSite } from '../../../attacker-site/app.js';
import { buildBank } from '../../../bank-server/app.js';
import { logIn, TEST_COOKIE_SECRET } from '../bank-server/helper.js';

test('the runner’s catalog carries every attack’s code, readable from an opaque origin', async () => {
  const app = buildAttackerSite();
  const res = await app.inject({ url: '/runner/catalog.json', headers: { origin: 'null' } });
  expect(res.statusCode).toBe(200);
  expect(res.headers['access-control-allow-origin']).toBe('*');
  expect(res.json().attacks.map((a: { id: string; code: string }) => [a.id, a.code])).toEqual(attacks.map((a) => [a.id, a.code]));
  await app.close();
});

for (const probe of ['', 'manual-abc-def', 'movies-x', 'movies-abcd-efgh&probe=other']) {
  test(`the narrator refuses probe "${probe}" with 400`, async () => {
    const app = buildAttackerSite();
    const res = await app.inject({ url: `/narrator/ledger?probe=${encodeURIComponent(probe)}` });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toMatch(/only answers about a probe the movie page made/);
    await app.close();
  });
}

test('the narrator says so when the bank is unreachable', async () => {
  const app = buildAttackerSite({ bankInternalUrl: 'http://127.0.0.1:9' });
  const res = await app.inject({ url: '/narrator/ledger?probe=movies-abcd-efgh' });
  expect(res.statusCode).toBe(502);
  expect(res.json().message).toMatch(/could not reach the bank/);
  await app.close();
});

test('the explainer gives the rules’ prediction and its steps for one cell', async () => {
  const app = buildAttackerSite();
  const res = await app.inject({
    url: '/explainer/cell?config=allowlist&origin=attacker&attack=fetch-put&browser=firefox&policy=third-party-blocked&cookieAgeSeconds=0',
  });
  expect(res.statusCode).toBe(200);
  const body = res.json();
  expect(body.predicted).toMatchObject({ preflightSent: true, preflightPassed: false, requestReached: false });
  expect(body.explanation.map((s: { says: string }) => s.says).join('\n')).toMatch(/The preflight fails/);
  await app.close();
});

for (const bad of ['config=everything', 'origin=mars', 'attack=sql-injection', 'browser=lynx', 'policy=maybe', 'cookieAgeSeconds=-1']) {
  test(`the explainer refuses ${bad} with 400`, async () => {
    const app = buildAttackerSite();
    const good = new URLSearchParams({
      config: 'none',
      origin: 'attacker',
      attack: 'img-get',
      browser: 'chromium',
      policy: 'third-party-allowed',
      cookieAgeSeconds: '0',
    });
    const [key, value] = bad.split('=');
    good.set(key!, value!);
    const res = await app.inject({ url: `/explainer/cell?${good}` });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain(key);
    await app.close();
  });
}

test('the explainer says so when it can’t ask the bank which configuration is active', async () => {
  const app = buildAttackerSite({ bankInternalUrl: 'http://127.0.0.1:9' });
  const res = await app.inject({
    url: '/explainer/cell?config=active&origin=attacker&attack=img-get&browser=chromium&policy=third-party-allowed&cookieAgeSeconds=0',
  });
  expect(res.statusCode).toBe(502);
  await app.close();
});

for (const bad of [
  'run=AB',
  'run=abcd&origin=mars',
  'run=abcd&origin=partner&extra=1',
  'origin=partner',
  'run=abcd-efgh&origin=partner',
  'run=abcd&origin=partner&config=everything',
  'run=abcd&origin=partner&config=',
]) {
  test(`the dashboard's narrator refuses "${bad}" with 400`, async () => {
    const app = buildAttackerSite();
    const res = await app.inject({ url: `/narrator/dashboard-ledger?${bad}` });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toMatch(/querystring/);
    await app.close();
  });
}

test('the dashboard’s narrator tells, per attack, what the bank recorded for one run and one origin only', async () => {
  // A real bank on an ephemeral port: the narrator asks it over HTTP, as in the lab.
  const bank = buildBank({ cookieSecret: TEST_COOKIE_SECRET });
  const bankUrl = await bank.listen({ host: '127.0.0.1', port: 0 });
  const app = buildAttackerSite({ bankInternalUrl: bankUrl });
  const cookie = await logIn(bank);
  const partner = 'http://partner.localhost:4100';
  await bank.inject({
    method: 'OPTIONS',
    url: '/c/allowlist/transfer?probe=dash-run1-partner-fetch-put',
    headers: { origin: partner, 'access-control-request-method': 'PUT' },
  });
  await bank.inject({ url: '/c/allowlist/transfer_to/555/1234/1?probe=dash-run1-partner-img-get', headers: { origin: partner, cookie } });
  // Another origin of the same run, and the same origin of another run: not this answer's.
  await bank.inject({ url: '/c/allowlist/account?probe=dash-run1-attacker-fetch-read-account', headers: { cookie } });
  await bank.inject({ url: '/c/allowlist/account?probe=dash-run2-partner-fetch-read-account', headers: { cookie } });

  const res = await app.inject({ url: '/narrator/dashboard-ledger?run=run1&origin=partner' });
  expect(res.statusCode).toBe(200);
  const { byAttack } = res.json();
  expect(Object.keys(byAttack).sort()).toEqual(attacks.map((a) => a.id).sort());
  expect(byAttack['fetch-put']).toMatchObject([{ method: 'OPTIONS', origin: partner, config: 'allowlist' }]);
  expect(byAttack['img-get']).toMatchObject([{ method: 'GET', user: 'alice', stateChanged: true, status: 200 }]);
  expect(byAttack['fetch-read-account']).toEqual([]);
  await app.close();
  await bank.close();
});

test('for “Run everything”, the dashboard’s narrator tells what the bank recorded for one run, one configuration and one origin only', async () => {
  const bank = buildBank({ cookieSecret: TEST_COOKIE_SECRET });
  const bankUrl = await bank.listen({ host: '127.0.0.1', port: 0 });
  const app = buildAttackerSite({ bankInternalUrl: bankUrl });
  const cookie = await logIn(bank);
  const probe = (config: string, origin: string, attack: string) => probeId('everything', { run: 'run1', config, origin, attack });
  await bank.inject({
    url: `/c/none/transfer_to/555/1234/1?probe=${probe('none', 'partner', 'img-get')}`,
    headers: { origin: 'http://partner.localhost:4100', cookie },
  });
  // Another configuration, another origin and the active-configuration run: not this answer's.
  await bank.inject({ url: `/c/allowlist/transfer_to/555/1234/1?probe=${probe('allowlist', 'partner', 'img-get')}`, headers: { cookie } });
  await bank.inject({ url: `/c/none/account?probe=${probe('none', 'attacker', 'fetch-read-account')}`, headers: { cookie } });
  await bank.inject({
    url: `/c/none/account?probe=${probeId('dashboard', { run: 'run1', origin: 'partner', attack: 'fetch-read-account' })}`,
    headers: { cookie },
  });

  const res = await app.inject({ url: '/narrator/dashboard-ledger?run=run1&origin=partner&config=none' });
  expect(res.statusCode).toBe(200);
  const { config, byAttack, bankFacts } = res.json();
  expect(config).toBe('none');
  expect(byAttack['img-get']).toMatchObject([{ method: 'GET', config: 'none', user: 'alice', stateChanged: true }]);
  expect(bankFacts['img-get']).toEqual({ privateAnswer: false, reached: true, moneyMoved: true });
  expect(byAttack['fetch-read-account']).toEqual([]);
  await app.close();
  await bank.close();
});

test('the narrator names the bank’s active configuration, and says so when the bank is unreachable', async () => {
  const bank = buildBank({ cookieSecret: TEST_COOKIE_SECRET });
  const app = buildAttackerSite({ bankInternalUrl: await bank.listen({ host: '127.0.0.1', port: 0 }) });
  const res = await app.inject({ url: '/narrator/active' });
  expect(res.statusCode).toBe(200);
  const active = configurations.find((c) => c.id === 'reflect-any-origin')!;
  expect(active.unsafe).not.toBeNull();
  expect(res.json()).toEqual({ active: active.id, title: active.title, unsafe: active.unsafe });
  await app.close();
  await bank.close();
  const cut = buildAttackerSite({ bankInternalUrl: 'http://127.0.0.1:9' });
  const down = await cut.inject({ url: '/narrator/active' });
  expect(down.statusCode).toBe(502);
  expect(down.json().message).toMatch(/could not reach the bank/);
  await cut.close();
});

for (const [what, send] of [
  ['no JSON', (reply: FastifyReply) => reply.type('text/plain').send('nope')],
  ['JSON of another shape', (reply: FastifyReply) => reply.send({ rows: [] })],
] as const) {
  test(`the narrator answers 502, not 500, when the bank answers ${what}`, async () => {
    const fakeBank = Fastify();
    fakeBank.get('/lab/*', async (_req, reply) => send(reply));
    const app = buildAttackerSite({ bankInternalUrl: await fakeBank.listen({ host: '127.0.0.1', port: 0 }) });
    for (const url of ['/narrator/ledger?probe=movies-abcd-efgh', '/narrator/dashboard-ledger?run=abcd&origin=null', '/narrator/active']) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBe(502);
      expect(res.json().message, url).toMatch(/the bank's lab control answered/);
    }
    await app.close();
    await fakeBank.close();
  });
}
