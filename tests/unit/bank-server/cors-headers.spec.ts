// For every configuration and every attacking origin: what @fastify/cors answers, on the
// preflight and on the actual response. The table says, per configuration, which origins
// it lets read — written from the configuration's meaning (jub0bs/cors style), not from a run.
import { configurations, origins, type OriginId } from '../../../catalog/index.js';
import { expect, test } from './helper.js';

interface Expected {
  /** Access-Control-Allow-Origin per origin, or null when the header is absent. */
  allowOrigin: (origin: string, id: OriginId) => string | null;
  credentials: boolean;
  /** The Access-Control-Allow-Methods a preflight gets, or null when there's no preflight route. */
  methods: string | null;
  /**
   * An origin function that answers `false` switches CORS off for that request altogether
   * (@fastify/cors README, `origin: false`): no headers at all, and no preflight route.
   */
  refusalDisablesCors?: boolean;
}

const reflectAll: Expected = {
  allowOrigin: (origin) => origin,
  credentials: true,
  methods: 'GET, HEAD, POST, PUT, DELETE',
};

const only =
  (...ids: OriginId[]) =>
  (origin: string, id: OriginId) =>
    ids.includes(id) ? origin : null;

const expected: Record<string, Expected> = {
  none: { allowOrigin: () => null, credentials: false, methods: null },
  wildcard: { allowOrigin: () => '*', credentials: false, methods: 'GET,HEAD,POST' },
  'wildcard-credentials': { allowOrigin: () => '*', credentials: true, methods: 'GET,HEAD,POST' },
  'reflect-any-origin': reflectAll,
  'trust-null': { ...reflectAll, allowOrigin: only('null', 'partner') },
  allowlist: { ...reflectAll, allowOrigin: only('partner') },
  'allowlist-fixed': { ...reflectAll, allowOrigin: only('partner') },
  // No start anchor: anything that merely ends like the partner passes.
  'regex-unanchored': { ...reflectAll, allowOrigin: only('partner', 'lookalike-suffix') },
  // startsWith("http://partner.localhost") also accepts partner.localhost.attacker.localhost.
  'prefix-match': { ...reflectAll, allowOrigin: only('partner', 'lookalike-prefix'), refusalDisablesCors: true },
  // includes("partner.localhost") accepts the partner and both lookalikes, which contain the name.
  'substring-match': { ...reflectAll, allowOrigin: only('partner', 'lookalike-suffix', 'lookalike-prefix'), refusalDisablesCors: true },
  'trust-subdomains': { ...reflectAll, allowOrigin: only('sibling') },
  'csrf-token': reflectAll,
  'origin-check': reflectAll,
  'fetch-metadata': reflectAll,
  'samesite-lax': reflectAll,
  'samesite-strict': reflectAll,
  // Its session cookie is Partitioned; its CORS options are reflect-any-origin's.
  'partitioned-session': reflectAll,
};

test('every configuration in the catalog has an expectation here', () => {
  expect(Object.keys(expected).sort()).toEqual(configurations.map((c) => c.id).sort());
});

for (const config of configurations) {
  for (const origin of origins) {
    const configured = expected[config.id]!;
    const allowOrigin = configured.allowOrigin(origin.origin, origin.id);
    const want: Expected = allowOrigin === null && configured.refusalDisablesCors ? { ...configured, credentials: false, methods: null } : configured;

    test(`${config.id}: the actual response to ${origin.id} ${allowOrigin ? 'allows' : 'refuses'} reading`, async ({ sharedApp: app }) => {
      const res = await app.inject({ url: `/c/${config.id}/rates`, headers: { origin: origin.origin } });
      expect(res.statusCode).toBe(200);
      expect(res.headers['access-control-allow-origin'] ?? null).toBe(allowOrigin);
      expect(res.headers['access-control-allow-credentials'] ?? null).toBe(want.credentials ? 'true' : null);
    });

    test(`${config.id}: the preflight from ${origin.id} for a JSON PUT`, async ({ sharedApp: app }) => {
      const res = await app.inject({
        method: 'OPTIONS',
        url: `/c/${config.id}/transfer`,
        headers: {
          origin: origin.origin,
          'access-control-request-method': 'PUT',
          'access-control-request-headers': 'content-type',
        },
      });
      if (want.methods === null) {
        // No CORS plugin, no OPTIONS route: the preflight fails on its status alone (Fetch §4.8 step 7).
        expect(res.statusCode).toBe(404);
        expect(res.headers['access-control-allow-origin']).toBeUndefined();
        return;
      }
      expect(res.statusCode).toBe(204);
      expect(res.headers['access-control-allow-origin'] ?? null).toBe(allowOrigin);
      expect(res.headers['access-control-allow-methods']).toBe(want.methods);
      // allowedHeaders unset: @fastify/cors reflects Access-Control-Request-Headers.
      expect(res.headers['access-control-allow-headers']).toBe('content-type');
    });
  }
}

test('the active configuration follows the lab control', async ({ app }) => {
  const from = { origin: 'http://attacker.localhost:4100' };
  const before = await app.inject({ url: '/rates', headers: from });
  expect(before.headers['access-control-allow-origin']).toBe('http://attacker.localhost:4100');

  const switched = await app.inject({ method: 'PUT', url: '/lab/config', payload: { id: 'allowlist' } });
  expect(switched.json()).toEqual({ active: 'allowlist' });
  const after = await app.inject({ url: '/rates', headers: from });
  expect(after.headers['access-control-allow-origin']).toBeUndefined();

  await app.inject({ method: 'PUT', url: '/lab/config', payload: { id: 'none' } });
  const preflight = await app.inject({
    method: 'OPTIONS',
    url: '/transfer',
    headers: { ...from, 'access-control-request-method': 'PUT' },
  });
  expect(preflight.statusCode).toBe(404);
});
