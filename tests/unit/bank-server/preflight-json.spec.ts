// An OPTIONS request that is not a usable CORS preflight gets @fastify/cors's own 400, with
// a JSON body like every other error. Status and headers are compared with @fastify/cors
// itself, registered alone with the same options: the lab shows what the real plugin does.
import fastifyCors from '@fastify/cors';
import Fastify from 'fastify';
import { configurations } from '../../../catalog/index.js';
import { expectJsonError, notPreflights } from '../json-error.js';
import { expect, test } from './helper.js';

const withCors = configurations.filter((c) => c.cors !== null);

for (const configuration of withCors) {
  for (const { desc, headers } of notPreflights) {
    test(`${configuration.id}: an OPTIONS with ${desc} gets @fastify/cors's status and headers, and a JSON body`, async ({ sharedApp }) => {
      const bare = Fastify();
      await bare.register(fastifyCors, configuration.cors!);
      bare.put('/transfer', async () => ({}));
      const plugin = await bare.inject({ method: 'OPTIONS', url: '/transfer', headers });
      await bare.close();

      const res = await sharedApp.inject({ method: 'OPTIONS', url: `/c/${configuration.id}/transfer`, headers });
      expect(res.statusCode).toBe(plugin.statusCode);
      const corsHeaders = (h: Record<string, unknown>) =>
        Object.fromEntries(Object.entries(h).filter(([name]) => name.startsWith('access-control-') || name === 'vary'));
      expect(corsHeaders(res.headers)).toEqual(corsHeaders(plugin.headers));
      // Whatever the plugin decided (400, or 404 when it let an unmatched origin through to
      // no route), the body is the bank's JSON error.
      expectJsonError(res, `OPTIONS /c/${configuration.id}/transfer`);
      if (plugin.statusCode === 400) expect(res.json().message).toContain('Access-Control-Request-Method');
    });
  }
}

test('@fastify/cors itself still answers an invalid preflight in plain text (what the rewrite is for)', async () => {
  const bare = Fastify();
  await bare.register(fastifyCors, { origin: true });
  const res = await bare.inject({ method: 'OPTIONS', url: '/x', headers: notPreflights[0]!.headers });
  await bare.close();
  expect(res.statusCode).toBe(400);
  expect(res.headers['content-type']).toMatch(/^text\/plain/);
});
