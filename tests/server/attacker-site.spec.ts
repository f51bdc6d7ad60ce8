// The attacker site: it shares its runner with everyone (the sandboxed `null` frame loads it
// through CORS), and its narrator answers only about the movie page's own probes.
import { test, expect } from '@playwright/test';
import { attacks } from '../../catalog/index.js';
import { buildAttackerSite } from '../../attacker-site/app.js';

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
    url: '/narrator/explain?config=allowlist&origin=attacker&attack=fetch-put&browser=firefox&policy=third-party-blocked&cookieAgeSeconds=0',
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
    const good = new URLSearchParams({ config: 'none', origin: 'attacker', attack: 'img-get', browser: 'chromium', policy: 'third-party-allowed', cookieAgeSeconds: '0' });
    const [key, value] = bad.split('=');
    good.set(key!, value!);
    const res = await app.inject({ url: `/narrator/explain?${good}` });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain(key);
    await app.close();
  });
}

test('the explainer says so when it can’t ask the bank which configuration is active', async () => {
  const app = buildAttackerSite({ bankInternalUrl: 'http://127.0.0.1:9' });
  const res = await app.inject({
    url: '/narrator/explain?config=active&origin=attacker&attack=img-get&browser=chromium&policy=third-party-allowed&cookieAgeSeconds=0',
  });
  expect(res.statusCode).toBe(502);
  await app.close();
});
