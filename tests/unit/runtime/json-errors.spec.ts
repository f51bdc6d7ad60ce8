// Both servers answer every error as JSON of one shape (runtime/json-errors.ts), swept over
// every path their routers know: an OPTIONS request that is no CORS preflight, which
// @fastify/cors refuses in plain text, and a path under each that leads nowhere; and a
// server fault, which tells nothing of itself.
import { expect, test } from '@playwright/test';
import { buildAttackerSite } from '../../../attacker-site/app.js';
import { buildBank } from '../../../bank-server/app.js';
import { configurations } from '../../../catalog/index.js';
import { TEST_COOKIE_SECRET } from '../bank-server/helper.js';
import { expectJsonError, notPreflights } from '../json-error.js';
import { routedPaths } from '../routed-paths.js';

// Each server, with a route deep in its router's tree that the sweep must reach.
const servers = [
  { name: 'bank', build: () => buildBank({ cookieSecret: TEST_COOKIE_SECRET }), deepRoute: `/c/${configurations.at(-1)!.id}/transfer_to/x/x/x` },
  { name: 'attacker site', build: () => buildAttackerSite(), deepRoute: '/narrator/dashboard-ledger' },
];

for (const { name, build, deepRoute } of servers) {
  test(`the sweep reads the ${name}'s routes from its router`, async () => {
    const app = build();
    await app.ready();
    expect(routedPaths(app)).toContain(deepRoute);
    await app.close();
  });

  for (const { desc, headers } of notPreflights) {
    test(`the ${name} answers an OPTIONS with ${desc} in JSON, on every path it routes`, async () => {
      const app = build();
      await app.ready();
      for (const path of routedPaths(app)) {
        expectJsonError(await app.inject({ method: 'OPTIONS', url: path, headers }), `OPTIONS ${path}`);
      }
      await app.close();
    });
  }

  test(`the ${name} answers 404 in JSON under every path it routes`, async () => {
    const app = build();
    await app.ready();
    for (const path of routedPaths(app)) {
      const url = `${path.replace(/\/$/, '')}/no-such-page`;
      const res = await app.inject({ url });
      expectJsonError(res, `GET ${url}`);
      expect.soft(res.statusCode, `GET ${url}`).toBe(404);
    }
    await app.close();
  });
}

for (const { name, build } of servers) {
  test(`a fault in the ${name} answers 500 in JSON, without its details`, async () => {
    const app = build();
    app.get('/test-fault', async () => {
      throw new Error('secret internal detail');
    });
    const res = await app.inject({ url: '/test-fault' });
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toContain('secret internal detail');
    expect(res.json()).toEqual({ error: 'Internal Server Error', message: `Something went wrong in the ${name}.` });
    await app.close();
  });
}
