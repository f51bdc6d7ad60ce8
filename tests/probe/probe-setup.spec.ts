// The bad inputs only a browser's login can reveal: each is one line and exit 2, and no attack
// is sent. One browser is enough: the setup is the same in both.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { EXIT } from '../../cli/command-core.js';
import { PROBE_APP_USER, startProbeApp } from '../probe-app/app.js';
import { api, probe } from './run-probe.js';

const endpoints = ['--read', 'GET /me', '--write', 'POST /transfer', '--browser', 'chromium'];

test('probe says so when the login sets no cookie: one line, exit 2, no attack sent', async () => {
  const app = await startProbeApp({ cors: { origin: true, credentials: true }, sameSite: 'None', noCookie: true });
  const run = await probe(['--api', api, '--upstream', app.url, '--login', 'POST /session', '--login-body', JSON.stringify(PROBE_APP_USER), ...endpoints]);
  await app.close();
  expect(run.err).toEqual(['cors-lab probe: the login POST /session set no cookie the browser keeps for api.example.com: this tool probes cookie sessions']);
  expect(run.code).toBe(EXIT.badInput);
  expect(app.requests.filter((r) => r.startsWith('POST /transfer'))).toEqual([]);
});

test('probe says the session is stale when --read answers 401 with it: one line, exit 2, no attack sent', async () => {
  const app = await startProbeApp({ cors: { origin: true, credentials: true }, sameSite: 'None' });
  const state = join(mkdtempSync(join(tmpdir(), 'cors-lab-probe-state-')), 'auth.json');
  // A storage state whose session the app no longer knows, as after a logout or a restart.
  writeFileSync(
    state,
    JSON.stringify({
      cookies: [{ name: 'sid', value: 'expired-session', domain: 'api.example.com', path: '/', expires: -1, httpOnly: true, secure: true, sameSite: 'None' }],
      origins: [],
    }),
  );
  const run = await probe(['--api', api, '--upstream', app.url, '--storage-state', state, ...endpoints]);
  await app.close();
  expect(run.err).toEqual(['cors-lab probe: --read GET /me answered 401 with the session: the login is stale (log in again, or save a new storage state)']);
  expect(run.code).toBe(EXIT.badInput);
  expect(app.requests.filter((r) => r.startsWith('POST /transfer'))).toEqual([]);
});
