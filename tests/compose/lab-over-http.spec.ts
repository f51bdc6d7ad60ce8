// The containers serve the same lab as `npm start`, checked from the host over the published
// ports: every host name, the bank's CORS answers for every configuration, and the attacker
// container's narrator and explainer reading the bank container's configuration.
// Expectations come from the catalog and the in-process bank and rules, never from strings.
import { expect, test } from '@playwright/test';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { buildBank } from '../../bank-server/app.js';
import {
  ATTACKER_HOST,
  DEFAULT_CONFIGURATION_ID,
  EXPLAINER_PATH,
  LOOPBACK_ADDRESS,
  attack,
  attackerHealthUrl,
  attackerOrigin,
  attacks,
  bankHealthUrl,
  bankOrigin,
  configuration,
  configurations,
  cookiePolicies,
  labBrowserNames,
  origins,
  runnerUrl,
} from '../../catalog/index.js';
import { BankOracle } from '../../rules/bank-oracle.js';
import { predictCell } from '../../rules/predict.js';

/**
 * GET `url` at the loopback address, with the URL's host name in the Host header: Node
 * doesn't resolve `*.localhost` names the way browsers do (catalog/loopback.ts).
 */
function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: IncomingHttpHeaders; body: string }> {
  const { host, port, pathname, search } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: LOOPBACK_ADDRESS, port, path: pathname + search, headers: { host, ...headers }, timeout: 10_000 }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('timeout', () => req.destroy(new Error(`GET ${url}: no answer within 10 s`)));
    req.on('error', reject);
    req.end();
  });
}

test('both servers answer their readiness URLs', async () => {
  for (const url of [bankHealthUrl, attackerHealthUrl]) expect((await get(url)).status, url).toBe(200);
});

for (const origin of origins) {
  test(`the ${origin.id} page is served under its own host name (${origin.host})`, async () => {
    const res = await get(runnerUrl(origin));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
  });
}

test('the bank container answers every configuration’s CORS like the bank in this process', async () => {
  const publicPath = attacks.find((a) => a.request.endpoint === 'public')!.request.path;
  const local = buildBank({ cookieSecret: 'compose-test-secret-that-is-at-least-32-characters' });
  await local.ready();
  try {
    for (const config of configurations) {
      for (const origin of origins) {
        const path = `/c/${config.id}${publicPath}`;
        const expected = await local.inject({ url: path, headers: { origin: origin.origin } });
        const answered = await get(`${bankOrigin}${path}`, { origin: origin.origin });
        const cors = (h: Record<string, unknown>) => Object.fromEntries(Object.entries(h).filter(([k]) => k.startsWith('access-control-')));
        expect({ status: answered.status, cors: cors(answered.headers) }, `${config.id} from ${origin.origin}`).toEqual({
          status: expected.statusCode,
          cors: cors(expected.headers),
        });
      }
    }
  } finally {
    await local.close();
  }
});

test('the attacker container serves the dashboard, and its narrator reads the bank container’s active configuration', async () => {
  const dashboard = await get(`${attackerOrigin(ATTACKER_HOST)}/dashboard/`);
  expect(dashboard.status).toBe(200);
  expect(dashboard.headers['content-type']).toContain('text/html');
  const active = await get(`${attackerOrigin(ATTACKER_HOST)}/narrator/active`);
  expect(active.status).toBe(200);
  const { id, title } = configuration(DEFAULT_CONFIGURATION_ID);
  expect(JSON.parse(active.body)).toMatchObject({ active: id, title });
});

test('the attacker container’s explainer asks the bank container and predicts as the rules do here', async () => {
  // The movie page's request, the seed story's.
  const seed = attack('xhr-get-transfer');
  const oracle = await BankOracle.open();
  try {
    for (const browser of labBrowserNames) {
      for (const policy of cookiePolicies) {
        const query = new URLSearchParams({ config: 'active', origin: 'attacker', attack: seed.id, browser, policy: policy.id, cookieAgeSeconds: '0' });
        const res = await get(`${attackerOrigin(ATTACKER_HOST)}${EXPLAINER_PATH}?${query}`);
        expect(res.status, res.body).toBe(200);
        const answer = JSON.parse(res.body) as { config: string; predicted: unknown; explanation: unknown };
        const here = await predictCell({ config: DEFAULT_CONFIGURATION_ID, origin: 'attacker', attack: seed.id, browser, cookiePolicy: policy.id }, oracle, 0);
        expect(answer.config).toBe(DEFAULT_CONFIGURATION_ID);
        expect({ predicted: answer.predicted, explanation: answer.explanation }, `${browser}, ${policy.id}`).toEqual(
          JSON.parse(JSON.stringify({ predicted: here.outcome, explanation: here.explanation })),
        );
      }
    }
  } finally {
    await oracle.close();
  }
});
