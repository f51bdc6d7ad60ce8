// The bank's WebSocket (routes/socket.ts), through @fastify/websocket's injectWS: the
// session the handshake's cookies carry, the account and the transfer on a message, the
// ledger's record of both, and how each defense applies to a socket. No CORS option appears
// here on purpose: none of them takes part in a WebSocket (Fetch §7.1).
import type { WebSocket } from 'ws';
import { buildBank } from '../../../bank-server/app.js';
import { configuration, cookieVariant, TRANSFER } from '../../../catalog/index.js';
import { expect, logIn, test, TEST_COOKIE_SECRET, type Bank } from './helper.js';

const attacker = 'http://attacker.localhost:4100';
const crossSite = { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'websocket', 'sec-fetch-dest': 'empty' };

async function open(app: Bank, config: string, probe: string, headers: Record<string, string>): Promise<WebSocket> {
  return app.injectWS(`/c/${config}/socket?probe=${probe}`, { headers });
}

/** Sends one message and resolves with the bank's answer, parsed. */
async function ask(ws: WebSocket, message: unknown): Promise<Record<string, unknown>> {
  const answer = new Promise<string>((done) => ws.once('message', (data: Buffer) => done(data.toString('utf8'))));
  ws.send(typeof message === 'string' ? message : JSON.stringify(message));
  return JSON.parse(await answer) as Record<string, unknown>;
}

const ledger = (app: Bank, probe: string) => app.lab.ledger.query({ probePrefix: probe });

test('A cross-site page reads the account and moves money over a socket that reflects no origin at all', async ({ app }) => {
  const cookie = await logIn(app);
  const ws = await open(app, 'none', 'ws-open', { origin: attacker, cookie, ...crossSite });
  const account = await ask(ws, { type: 'account' });
  expect(account).toMatchObject({ type: 'account', username: 'alice' });
  expect(typeof account.balanceCents).toBe('number');
  const moved = await ask(ws, { type: 'transfer', ...TRANSFER });
  expect(moved).toMatchObject({ type: 'transfer', ok: true });
  ws.terminate();
  const [handshake, read, transfer] = ledger(app, 'ws-open');
  expect(handshake).toMatchObject({
    method: 'GET',
    path: '/c/none/socket',
    status: 101,
    origin: attacker,
    secFetchMode: 'websocket',
    user: 'alice',
    stateChanged: false,
    socketMessage: null,
    corsHeaders: {},
  });
  expect(handshake!.headerNames).toContain('sec-websocket-key');
  expect(read).toMatchObject({ method: 'MESSAGE', path: '/c/none/socket', status: 200, user: 'alice', stateChanged: false, socketMessage: 'account' });
  expect(transfer).toMatchObject({ method: 'MESSAGE', status: 200, user: 'alice', stateChanged: true, socketMessage: 'transfer' });
});

test('Without the configuration’s session cookie the socket opens, and every message is answered 401', async ({ app }) => {
  const ws = await open(app, 'samesite-strict', 'ws-stranger', { origin: attacker, ...crossSite });
  expect(await ask(ws, { type: 'account' })).toEqual({
    type: 'error',
    status: 401,
    message: `not logged in: no valid ${cookieVariant('strict').cookieName} cookie arrived with the handshake`,
  });
  expect(await ask(ws, { type: 'transfer', ...TRANSFER })).toMatchObject({ type: 'error', status: 401 });
  ws.terminate();
  expect(ledger(app, 'ws-stranger').map((e) => [e.method, e.status, e.stateChanged])).toEqual([
    ['GET', 101, false],
    ['MESSAGE', 401, false],
    ['MESSAGE', 401, false],
  ]);
});

test('origin-check refuses the handshake from a foreign Origin, and accepts the bank’s own', async ({ app }) => {
  const cookie = await logIn(app);
  await expect(open(app, 'origin-check', 'ws-oc-attacker', { origin: attacker, cookie, ...crossSite })).rejects.toThrow('Unexpected server response: 403');
  const ws = await open(app, 'origin-check', 'ws-oc-bank', {
    origin: 'http://bank.localhost:4000',
    cookie,
    'sec-fetch-site': 'same-origin',
    'sec-fetch-mode': 'websocket',
  });
  expect(await ask(ws, { type: 'transfer', ...TRANSFER })).toMatchObject({ ok: true });
  ws.terminate();
});

test('fetch-metadata refuses a handshake labelled cross-site, and lets through one that carries no Sec-Fetch-* (Chromium sends none)', async ({ app }) => {
  const cookie = await logIn(app);
  await expect(open(app, 'fetch-metadata', 'ws-fm-firefox', { origin: attacker, cookie, ...crossSite })).rejects.toThrow('Unexpected server response: 403');
  const ws = await open(app, 'fetch-metadata', 'ws-fm-chromium', { origin: attacker, cookie });
  expect(await ask(ws, { type: 'transfer', ...TRANSFER })).toMatchObject({ ok: true });
  ws.terminate();
});

test('csrf-token refuses a transfer message without the token, and accepts one with the token the bank’s page gets', async ({ app }) => {
  const cookie = await logIn(app);
  const ws = await open(app, 'csrf-token', 'ws-csrf-none', { origin: attacker, cookie, ...crossSite });
  expect(await ask(ws, { type: 'transfer', ...TRANSFER })).toMatchObject({ type: 'error', status: 403 });
  expect(await ask(ws, { type: 'account' })).toMatchObject({ type: 'account' }); // reads need no token
  ws.terminate();
  expect(ledger(app, 'ws-csrf-none')[1]).toMatchObject({ status: 403, refusedBy: 'csrf-token', stateChanged: false });

  const issued = await app.inject({ url: '/c/csrf-token/csrf-token', headers: { cookie } });
  const withSecret = [cookie, ...issued.cookies.map((c) => `${c.name}=${c.value}`)].join('; ');
  const own = await open(app, 'csrf-token', 'ws-csrf-token', { origin: 'http://bank.localhost:4000', cookie: withSecret });
  expect(await ask(own, { type: 'transfer', ...TRANSFER, _csrf: issued.json().token })).toMatchObject({ ok: true });
  own.terminate();
});

test('A message that is not one of the two shapes gets 400 and moves nothing', async ({ app }) => {
  const cookie = await logIn(app);
  const ws = await open(app, 'none', 'ws-bad', { origin: attacker, cookie });
  for (const bad of ['not json', { type: 'transfer', routing: '555' }, { type: 'account', extra: 1 }, { type: 'withdraw' }]) {
    expect(await ask(ws, bad)).toMatchObject({ type: 'error', status: 400 });
  }
  ws.terminate();
  expect(ledger(app, 'ws-bad').filter((e) => e.stateChanged)).toHaveLength(0);
});

test('A plain GET of the socket’s path answers 426 Upgrade Required', async ({ sharedApp: app }) => {
  const res = await app.inject({ url: '/c/none/socket' });
  expect(res.statusCode).toBe(426);
  expect(res.headers.upgrade).toBe('websocket');
});

test('An app without the socket (cors-lab check’s, unless asked) answers its handshake 404', async () => {
  const app = buildBank({ cookieSecret: TEST_COOKIE_SECRET, rootConfiguration: { ...configuration('allowlist'), id: 'yours', websocket: false } });
  await app.ready();
  await expect(app.injectWS('/socket?probe=ws-none', { headers: { origin: attacker } })).rejects.toThrow('Unexpected server response: 404');
  expect((await app.inject({ url: '/socket' })).statusCode).toBe(404);
  await app.close();
});
