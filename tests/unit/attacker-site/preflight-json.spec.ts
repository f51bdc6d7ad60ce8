// The attacker site shares everything with every origin (`origin: '*'`): a real preflight gets
// @fastify/cors's 204, and an OPTIONS request that is no preflight its 400, with a JSON body
// like every other error, on the pages, the runner, the dashboard and the teaching tools.
import { expect, test } from '@playwright/test';
import { buildAttackerSite } from '../../../attacker-site/app.js';
import { expectJsonError, notPreflights } from '../json-error.js';

const paths = ['/movies.html', '/runner/', '/runner/catalog.json', '/dashboard/', '/narrator/ledger', '/narrator/dashboard-ledger', '/explainer/cell'];

for (const path of paths) {
  for (const { desc, headers } of notPreflights) {
    test(`${path}: an OPTIONS with ${desc} gets 400 and a JSON body`, async () => {
      const app = buildAttackerSite();
      const res = await app.inject({ method: 'OPTIONS', url: path, headers });
      expect(res.statusCode).toBe(400);
      expectJsonError(res, `OPTIONS ${path}`);
      await app.close();
    });
  }

  test(`${path}: a preflight gets 204 with no body, allowing any origin`, async () => {
    const app = buildAttackerSite();
    const res = await app.inject({
      method: 'OPTIONS',
      url: path,
      headers: { origin: 'null', 'access-control-request-method': 'GET' },
    });
    expect(res.statusCode).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.body).toBe('');
    await app.close();
  });
}
