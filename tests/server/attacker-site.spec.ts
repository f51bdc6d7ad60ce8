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
