// The probe tests' Express API, asked directly over HTTP (no browser): at the root as before,
// and with two CORS setups side by side under prefixes behind one login. The expectations come
// from the `cors` package's documented options, by hand: `origin: true` reflects the request's
// Origin, an array allows only its members, `credentials: true` adds
// Access-Control-Allow-Credentials; the session cookie is the one login's, good for every setup.
import { expect, test } from '@playwright/test';
import { PROBE_APP_USER, startProbeApp } from '../../probe-app/app.js';

const trusted = 'https://www.example.com';

async function logIn(url: string): Promise<string> {
  const res = await fetch(`${url}/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(PROBE_APP_USER) });
  expect(res.status).toBe(200);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .join('; ');
}

/** The Access-Control-Allow-Origin a preflight of `method` to `path` from `origin` gets, or null. */
async function allowedOrigin(url: string, path: string, origin: string, method = 'GET'): Promise<string | null> {
  const res = await fetch(`${url}${path}`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': method } });
  return res.headers.get('access-control-allow-origin');
}

test('two CORS setups side by side: each prefix answers with its own options, one login serves both, each transfer names its setup', async () => {
  const app = await startProbeApp({
    mounts: { '/reflect': { origin: true, credentials: true }, '/allowlist': { origin: [trusted], credentials: true } },
    sameSite: 'None',
  });
  try {
    const cookie = await logIn(app.url);
    expect(cookie).toMatch(/^sid=[0-9a-f]+$/);
    expect({
      reflect: await allowedOrigin(app.url, '/reflect/me', 'https://evil.test'),
      allowlistEvil: await allowedOrigin(app.url, '/allowlist/me', 'https://evil.test'),
      allowlistTrusted: await allowedOrigin(app.url, '/allowlist/transfer', trusted, 'POST'),
    }).toEqual({ reflect: 'https://evil.test', allowlistEvil: null, allowlistTrusted: trusted });
    for (const prefix of ['/reflect', '/allowlist']) {
      expect((await fetch(`${app.url}${prefix}/me`)).status, `${prefix}/me without the session`).toBe(401);
      const me = await fetch(`${app.url}${prefix}/me`, { headers: { cookie } });
      expect({ prefix, status: me.status, user: (await me.json()).user }).toEqual({ prefix, status: 200, user: 'alice' });
    }
    // A form post's body and a JSON body are both parsed under a prefix.
    await fetch(`${app.url}/allowlist/transfer`, { method: 'POST', headers: { cookie }, body: new URLSearchParams({ to: 'mallory', amount: '1' }) });
    await fetch(`${app.url}/reflect/transfer`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: '{"to":"mallory","amount":2}',
    });
    expect(app.transfers).toEqual([
      { mount: '/allowlist', user: 'alice', to: 'mallory', amount: '1' },
      { mount: '/reflect', user: 'alice', to: 'mallory', amount: '2' },
    ]);
    // Nothing is served at the root but the login.
    expect((await fetch(`${app.url}/me`, { headers: { cookie } })).status).toBe(404);
  } finally {
    await app.close();
  }
});

test('one CORS setup at the root: its options answer for /me, /transfer and the login alike', async () => {
  const app = await startProbeApp({ cors: { origin: [trusted], credentials: true }, sameSite: 'Lax' });
  try {
    const cookie = await logIn(app.url);
    expect({
      me: await allowedOrigin(app.url, '/me', trusted),
      session: await allowedOrigin(app.url, '/session', trusted, 'POST'),
      evil: await allowedOrigin(app.url, '/me', 'https://evil.test'),
    }).toEqual({ me: trusted, session: trusted, evil: null });
    const me = await fetch(`${app.url}/me`, { headers: { cookie } });
    expect(me.status).toBe(200);
    await fetch(`${app.url}/transfer`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: '{"to":"mallory","amount":1}' });
    expect(app.transfers).toEqual([{ mount: '', user: 'alice', to: 'mallory', amount: '1' }]);
  } finally {
    await app.close();
  }
});
