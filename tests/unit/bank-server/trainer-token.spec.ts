// Who may steer the lab: on loopback anyone who reaches the port; once the lab is shared
// with the network, another machine needs the trainer token to switch, reset or add
// accounts (bank-server/plugins/app/lab-guard.ts).
import { networkInterfaces } from 'node:os';
import { buildBank } from '../../../bank-server/app.js';
import { isLoopback, readSettings, trainerTokenFor } from '../../../runtime/settings.js';
import { expect, TEST_COOKIE_SECRET, test } from './helper.js';

const TOKEN = 'trainer-token-for-the-tests-0123';
const classroomPeer = '192.0.2.7'; // RFC 5737 documentation address: "another machine"

const changes = [
  { desc: 'switch the configuration', method: 'PUT' as const, url: '/lab/config', payload: { id: 'allowlist' }, ok: 200 },
  { desc: 'reset the lab', method: 'POST' as const, url: '/lab/reset', payload: undefined, ok: 200 },
  { desc: 'add an account', method: 'POST' as const, url: '/lab/accounts', payload: { username: 'carol', password: 'long-enough' }, ok: 201 },
];

async function sharedBank() {
  const settings = readSettings({ LAB_BIND: '0.0.0.0', LAB_ALLOW_NETWORK: 'yes', LAB_TRAINER_TOKEN: TOKEN });
  const app = buildBank({ cookieSecret: TEST_COOKIE_SECRET, trainerToken: trainerTokenFor(settings, () => 'unused') });
  await app.ready();
  return app;
}

test('on loopback there is no trainer token: the settings give none', () => {
  expect(trainerTokenFor(readSettings({}), () => 'random')).toBeUndefined();
  expect(trainerTokenFor(readSettings({ LAB_BIND: '127.0.0.2' }), () => 'random')).toBeUndefined();
});

test('sharing the lab gives a trainer token: the one set, or a random one', () => {
  const shared = { LAB_BIND: '0.0.0.0', LAB_ALLOW_NETWORK: 'yes' };
  expect(trainerTokenFor(readSettings(shared), () => 'random-token')).toBe('random-token');
  expect(trainerTokenFor(readSettings({ ...shared, LAB_TRAINER_TOKEN: TOKEN }), () => 'random-token')).toBe(TOKEN);
  expect(() => readSettings({ ...shared, LAB_TRAINER_TOKEN: 'short' })).toThrow(/LAB_TRAINER_TOKEN/);
});

for (const change of changes) {
  test(`on loopback, anyone may ${change.desc} without a token`, async ({ app }) => {
    const res = await app.inject({ method: change.method, url: change.url, payload: change.payload, remoteAddress: classroomPeer });
    expect(res.statusCode).toBe(change.ok);
  });

  test(`shared: another machine may not ${change.desc} without the token, or with a wrong one`, async () => {
    const app = await sharedBank();
    for (const authorization of [undefined, 'Bearer wrong-token-of-some-length', `Basic ${TOKEN}`, TOKEN]) {
      const headers = authorization ? { authorization } : {};
      const res = await app.inject({ method: change.method, url: change.url, payload: change.payload, headers, remoteAddress: classroomPeer });
      expect(res.statusCode).toBe(401);
      expect(res.headers['www-authenticate']).toBe('Bearer realm="lab control"');
      expect(res.json()).toEqual({ error: 'Unauthorized', message: expect.stringContaining('trainer token') });
    }
    expect((await app.inject({ url: '/lab/config' })).json().active).toBe('reflect-any-origin');
    await app.close();
  });

  test(`shared: another machine may ${change.desc} with the token`, async () => {
    const app = await sharedBank();
    const headers = { authorization: `Bearer ${TOKEN}` };
    const res = await app.inject({ method: change.method, url: change.url, payload: change.payload, headers, remoteAddress: classroomPeer });
    expect(res.statusCode).toBe(change.ok);
    await app.close();
  });

  test(`shared: the trainer's own machine (a loopback peer) may ${change.desc} without the token`, async () => {
    const app = await sharedBank();
    for (const remoteAddress of ['127.0.0.1', '::1', '::ffff:127.0.0.1']) {
      const res = await app.inject({
        method: change.method,
        url: change.url,
        payload: change.method === 'POST' && change.payload ? { ...change.payload, username: `u${remoteAddress.replace(/\W/g, '')}` } : change.payload,
        remoteAddress,
      });
      expect(res.statusCode).toBe(change.ok);
    }
    await app.close();
  });
}

test('shared: reading the lab (ledger, configuration, totals) needs no token, so the narrator keeps working', async () => {
  const app = await sharedBank();
  for (const url of ['/lab/ledger', '/lab/config', '/lab/totals']) {
    expect((await app.inject({ url, remoteAddress: classroomPeer })).statusCode).toBe(200);
  }
  await app.close();
});

test('shared: the lab-control page asks another machine for the token and never contains it', async () => {
  const app = await sharedBank();
  const fromClassroom = await app.inject({ url: '/lab/', remoteAddress: classroomPeer });
  expect(fromClassroom.body).toContain('id="trainer-token"');
  expect(fromClassroom.body).not.toContain(TOKEN);
  const fromTrainer = await app.inject({ url: '/lab/' });
  expect(fromTrainer.body).not.toContain('id="trainer-token"');
  await app.close();
});

// A real bind on every interface, reached over this machine's own network address.
const networkAddress = Object.values(networkInterfaces())
  .flat()
  .find((i) => i && i.family === 'IPv4' && !isLoopback(i.address))?.address;

test('shared and listening on 0.0.0.0: a request over the network needs the token, one over loopback does not', async () => {
  test.skip(!networkAddress, 'this machine has no non-loopback IPv4 address to connect from');
  const app = await sharedBank();
  await app.listen({ host: '0.0.0.0', port: 0 });
  const { port } = app.server.address() as { port: number };
  const reset = (host: string, headers: Record<string, string> = {}) =>
    fetch(`http://${host}:${port}/lab/reset`, { method: 'POST', headers }).then((r) => r.status);
  expect(await reset(networkAddress!)).toBe(401);
  expect(await reset(networkAddress!, { authorization: `Bearer ${TOKEN}` })).toBe(200);
  expect(await reset('127.0.0.1')).toBe(200);
  await app.close();
});
