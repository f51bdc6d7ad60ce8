// The ledger records every request — preflights included — with what a test needs to find
// exactly its own requests, and the lab control answers only the bank's own pages.
import { cookieVariants } from '../../../catalog/index.js';
import { expect, logIn, test } from './helper.js';

const attacker = 'http://attacker.localhost:4100';

test('a credentialed transfer is recorded with its cookies, user, configuration and effect', async ({ app }) => {
  const cookie = await logIn(app);
  const res = await app.inject({
    url: '/c/reflect-any-origin/transfer_to/555/1234/2.50?probe=t-ledger-1',
    headers: { cookie, origin: attacker, 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'cors', 'sec-fetch-dest': 'empty' },
  });
  expect(res.statusCode).toBe(200);
  const { entries } = (await app.inject({ url: '/lab/ledger?probe=t-ledger-1' })).json();
  expect(entries).toHaveLength(1);
  expect(entries[0]).toMatchObject({
    method: 'GET',
    path: '/c/reflect-any-origin/transfer_to/555/1234/2.50',
    probe: 't-ledger-1',
    config: 'reflect-any-origin',
    origin: attacker,
    secFetchSite: 'cross-site',
    secFetchMode: 'cors',
    secFetchDest: 'empty',
    cookiesSent: cookieVariants.map((v) => v.id),
    user: 'alice',
    stateChanged: true,
    refusedBy: null,
    status: 200,
    corsHeaders: { 'access-control-allow-origin': attacker, 'access-control-allow-credentials': 'true' },
  });
});

test('a preflight is recorded, with what it asked for', async ({ app }) => {
  await app.inject({
    method: 'OPTIONS',
    url: '/c/allowlist/transfer?probe=t-ledger-2',
    headers: { origin: attacker, 'access-control-request-method': 'PUT', 'access-control-request-headers': 'content-type' },
  });
  const { entries } = (await app.inject({ url: '/lab/ledger?probe=t-ledger-2' })).json();
  expect(entries).toEqual([
    expect.objectContaining({ method: 'OPTIONS', requestedMethod: 'PUT', requestedHeaders: 'content-type', cookiesSent: [], status: 204 }),
  ]);
});

test('the probe id also travels in a form field', async ({ app }) => {
  const cookie = await logIn(app);
  await app.inject({
    method: 'POST',
    url: '/c/none/transfer',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: 'routing=555&account=1234&amount=1&probe=t-ledger-form',
  });
  const { entries } = (await app.inject({ url: '/lab/ledger?probe=t-ledger-form' })).json();
  expect(entries).toEqual([expect.objectContaining({ method: 'POST', stateChanged: true, user: 'alice' })]);
});

test('a refused write is recorded with the defense that refused it', async ({ app }) => {
  const cookie = await logIn(app);
  const res = await app.inject({
    method: 'POST',
    url: '/c/origin-check/transfer?probe=t-ledger-refused',
    headers: { cookie, origin: attacker },
    payload: { routing: '555', account: '1234', amount: '1' },
  });
  expect(res.statusCode).toBe(403);
  const { entries } = (await app.inject({ url: '/lab/ledger?probe=t-ledger-refused' })).json();
  expect(entries).toEqual([expect.objectContaining({ refusedBy: 'origin-check', stateChanged: false, user: 'alice' })]);
});

test('ledger queries match a probe prefix, so a test finds exactly its own requests', async ({ app }) => {
  for (const probe of ['run1-a', 'run1-b', 'run2-a']) await app.inject({ url: `/c/none/rates?probe=${probe}` });
  const { entries } = (await app.inject({ url: '/lab/ledger?probe=run1-' })).json();
  expect(entries.map((e: { probe: string }) => e.probe)).toEqual(['run1-a', 'run1-b']);
});

test('a query after the latest sequence number finds only what the bank records next', async ({ app }) => {
  await app.inject({ url: '/c/none/rates?probe=before' });
  const since = app.lab.ledger.lastSeq;
  expect(app.lab.ledger.query({ afterSeq: since })).toEqual([]);
  await app.inject({ url: '/c/none/rates?probe=after' });
  expect(app.lab.ledger.query({ afterSeq: since }).map((e) => e.probe)).toEqual(['after']);
  expect(app.lab.ledger.lastSeq).toBe(since + 1);
});

const foreignCallers = [
  { desc: 'a cross-site page', headers: { origin: attacker, 'sec-fetch-site': 'cross-site' } },
  { desc: 'a same-site sibling', headers: { origin: 'http://something.bank.localhost:4100', 'sec-fetch-site': 'same-site' } },
  { desc: 'a sandboxed frame', headers: { origin: 'null', 'sec-fetch-site': 'cross-site' } },
  { desc: 'a cross-site no-cors GET', headers: { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'no-cors' } },
];

for (const { desc, headers } of foreignCallers) {
  for (const [method, url] of [
    ['GET', '/lab/ledger'],
    ['PUT', '/lab/config'],
    ['POST', '/lab/reset'],
  ] as const) {
    test(`lab control refuses ${method} ${url} from ${desc}`, async ({ sharedApp: app }) => {
      const res = await app.inject({ method, url, headers, payload: method === 'PUT' ? { id: 'none' } : undefined });
      expect(res.statusCode).toBe(403);
      expect(res.json().message).toMatch(/only the bank’s own pages/);
    });
  }
}

test('lab control answers the bank’s own pages', async ({ app }) => {
  const res = await app.inject({
    url: '/lab/config',
    headers: { host: 'bank.localhost:4000', origin: 'http://bank.localhost:4000', 'sec-fetch-site': 'same-origin' },
  });
  expect(res.statusCode).toBe(200);
  expect(res.json().active).toBe('reflect-any-origin');
});

test('reset restores the seed', async ({ app }) => {
  const cookie = await logIn(app);
  await app.inject({ url: '/c/none/transfer_to/555/1234/100', headers: { cookie } });
  await app.inject({ method: 'PUT', url: '/lab/config', payload: { id: 'none' } });
  const reset = (await app.inject({ method: 'POST', url: '/lab/reset' })).json();
  expect(reset.ok).toBe(true);
  const totals = (await app.inject({ url: '/lab/totals' })).json();
  expect(totals.accounts).toEqual([
    { username: 'alice', balanceCents: 2_500_000 },
    { username: 'bob', balanceCents: 1_000_000 },
    { username: 'mallory', balanceCents: 100 },
  ]);
  expect((await app.inject({ url: '/lab/config' })).json().active).toBe('reflect-any-origin');
  // The reset is recorded when its reply is sent, after the clear: the new ledger starts with it.
  const { entries } = (await app.inject({ url: '/lab/ledger' })).json();
  expect(entries.map((e: { method: string; path: string; stateChanged: boolean }) => [e.method, e.path, e.stateChanged])).toEqual([
    ['POST', '/lab/reset', true],
    ['GET', '/lab/totals', false],
    ['GET', '/lab/config', false],
  ]);
  // The old session is gone.
  expect((await app.inject({ url: '/c/none/account', headers: { cookie } })).statusCode).toBe(401);
});
