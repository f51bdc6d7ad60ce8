// The comparison of an attack's description with what the browser sent. Each test records
// the requests a browser sends for `fetch-put` (a preflight, then the PUT) in a real bank's
// ledger, then feeds the comparison the right description and deliberately wrong ones.
import { attack, type Attack, type AttackRequest } from '../../../catalog/index.js';
import { bankView } from '../../../engine/observe.js';
import { describeMismatch, sentRequestMismatches, type SentRequestMismatch } from '../../../engine/sent-request-check.js';
import { expect, logIn, test, type Bank } from '../bank-server/helper.js';

const attacker = 'http://attacker.localhost:4100';
const basePath = '/c/reflect-any-origin';

/** What Chromium and Firefox send for fetch-put from the attacker's page, recorded by the bank. */
async function recordFetchPut(app: Bank, probe: string) {
  const cookie = await logIn(app);
  const fetchMetadata = { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'cors', 'sec-fetch-dest': 'empty' };
  await app.inject({
    method: 'OPTIONS',
    url: `${basePath}/transfer?probe=${probe}`,
    headers: { origin: attacker, 'access-control-request-method': 'PUT', 'access-control-request-headers': 'content-type', ...fetchMetadata },
  });
  await app.inject({
    method: 'PUT',
    url: `${basePath}/transfer?probe=${probe}`,
    headers: { origin: attacker, cookie, 'content-type': 'application/json', ...fetchMetadata },
    payload: { routing: '555', account: '1234', amount: '1' },
  });
  return bankView(app.lab.ledger.query({ probePrefix: probe }));
}

function describedAs(change: Partial<AttackRequest>): Attack {
  const real = attack('fetch-put');
  return { ...real, request: { ...real.request, ...change } };
}

test('The catalog’s own description of fetch-put matches what the browser sends', async ({ app }) => {
  const seen = await recordFetchPut(app, 'check-ok');
  expect(seen.preflight).not.toBeNull();
  expect(seen.actual).not.toBeNull();
  expect(sentRequestMismatches(attack('fetch-put'), seen, { basePath, crossOrigin: true })).toEqual([]);
});

const wrongDescriptions: { field: SentRequestMismatch['field']; change: Partial<AttackRequest> }[] = [
  { field: 'method', change: { method: 'POST' } },
  { field: 'path', change: { path: '/transfer_to/555/1234/1' } },
  { field: 'endpoint', change: { endpoint: 'account' } },
  { field: 'contentType', change: { contentType: 'text/plain;charset=UTF-8' } },
  { field: 'mode', change: { mode: 'no-cors' } },
  { field: 'preflight', change: { mode: 'no-cors' } },
  { field: 'destination', change: { destination: 'document' } },
  { field: 'extraHeaders', change: { extraHeaders: ['x-requested-with'] } },
  { field: 'credentials', change: { credentials: 'omit' } },
];

for (const { field, change } of wrongDescriptions) {
  test(`A description with a wrong ${field} (${JSON.stringify(change)}) fails with a diff naming the attack and the field`, async ({ app }) => {
    const seen = await recordFetchPut(app, `check-${field}`);
    const found = sentRequestMismatches(describedAs(change), seen, { basePath, crossOrigin: true });
    const named = found.filter((m) => m.field === field);
    expect(named, JSON.stringify(found)).not.toHaveLength(0);
    expect(describeMismatch(named[0]!)).toMatch(new RegExp(`^fetch-put: request\\.${field} says .+, the browser sent .+`));
  });
}

test('A request that only got as far as its preflight is still checked: method and headers come from the preflight', async ({ app }) => {
  const seen = await recordFetchPut(app, 'check-preflight-only');
  const preflightOnly = { ...seen, actual: null, actualCount: 0 };
  expect(sentRequestMismatches(attack('fetch-put'), preflightOnly, { basePath, crossOrigin: true })).toEqual([]);
  const wrong = sentRequestMismatches(describedAs({ extraHeaders: ['x-requested-with'] }), preflightOnly, { basePath, crossOrigin: true });
  expect(wrong.map((m) => m.field)).toEqual(['extraHeaders']);
  expect(wrong[0]).toMatchObject({ described: 'content-type,x-requested-with', sent: 'content-type' });
});
