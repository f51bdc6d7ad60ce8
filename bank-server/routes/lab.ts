// Lab control: switch the active configuration, read the ledger, reset, add accounts.
// Reachable only from the bank's own origin: a browser request from any other page —
// cross-site or same-site — is refused, so the attacker can neither read the ledger nor
// flip the bank's configuration. Non-browser clients (curl, tests) send neither header.
import fastifyStatic from '@fastify/static';
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { fileURLToPath } from 'node:url';
import { findConfiguration, origins, publicCatalog } from '../../catalog/index.js';
import { labControlPage, type HeaderPreview } from '../pages/lab-control.js';
import { NewAccountBody } from '../schemas/login.js';
import { Probe } from '../schemas/probe.js';
import { ClientError } from '../store/errors.js';

const runnerDir = fileURLToPath(new URL('../../attacker-site/public/runner/', import.meta.url));

const lab: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('onRequest', async (req, reply) => {
    const site = req.headers['sec-fetch-site'];
    const origin = req.headers.origin;
    const ownOrigin = `http://${req.headers.host}`;
    if ((site !== undefined && site !== 'same-origin' && site !== 'none') || (origin !== undefined && origin !== ownOrigin)) {
      return reply.code(403).send({
        error: 'Forbidden',
        message: 'lab control answers only the bank’s own pages',
      });
    }
  });

  app.get('/', async (req, reply) => {
    const active = app.lab.active;
    // Asked of the bank itself, so the table shows exactly what @fastify/cors sends.
    const previews: HeaderPreview[] = [];
    for (const origin of origins) {
      const headers = { origin: origin.origin };
      const res = await app.inject({ url: `/c/${active.id}/rates?probe=lab-preview`, headers });
      const preflight = await app.inject({
        method: 'OPTIONS',
        url: `/c/${active.id}/transfer?probe=lab-preview`,
        headers: { ...headers, 'access-control-request-method': 'PUT', 'access-control-request-headers': 'content-type' },
      });
      previews.push({
        origin: origin.origin,
        originId: origin.id,
        allowOrigin: (res.headers['access-control-allow-origin'] as string | undefined) ?? null,
        allowCredentials: (res.headers['access-control-allow-credentials'] as string | undefined) ?? null,
        preflightStatus: preflight.statusCode,
        allowMethods: (preflight.headers['access-control-allow-methods'] as string | undefined) ?? null,
      });
    }
    return reply.type('text/html').send(labControlPage(active, previews));
  });

  // The ledger, live: one Server-Sent Event per request the bank answers.
  app.get('/ledger/stream', (req, reply) => {
    reply.hijack();
    reply.raw.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
    reply.raw.write(': the bank ledger, live\n\n');
    const unsubscribe = app.lab.ledger.subscribe((entry) => {
      if (entry.probe === 'lab-preview') return;
      reply.raw.write(`data: ${JSON.stringify(entry)}\n\n`);
    });
    req.raw.on('close', unsubscribe);
  });

  app.get('/config', async () => ({ active: app.lab.active.id, configurations: publicCatalog().configurations }));

  app.put('/config', { schema: { body: Type.Object({ id: Type.String({ maxLength: 100 }) }) } }, async (req) => {
    if (!findConfiguration(req.body.id)) {
      throw new ClientError(422, `unknown configuration "${req.body.id}"; see GET /lab/config`);
    }
    req.stateChanged = true;
    return { active: app.lab.activate(req.body.id).id };
  });

  app.get(
    '/ledger',
    {
      schema: {
        querystring: Type.Object({
          probe: Type.Optional(Probe),
          after: Type.Optional(Type.Integer({ minimum: 0 })),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
        }),
      },
    },
    async (req) => ({
      entries: app.lab.ledger.query({
        probePrefix: req.query.probe,
        afterSeq: req.query.after,
        limit: req.query.limit ?? 10_000,
      }),
    }),
  );

  app.post('/reset', async (req) => {
    app.lab.reset();
    req.stateChanged = true;
    return { ok: true, totalCents: app.lab.accounts.totalCents() };
  });

  app.post('/accounts', { schema: { body: NewAccountBody } }, async (req, reply) => {
    const account = app.lab.accounts.create(req.body.username, req.body.password, req.body.balanceCents ?? 100_000_00);
    req.stateChanged = true;
    return reply.code(201).send({ username: account.username, accountNumber: account.accountNumber });
  });

  app.get('/totals', async () => ({
    totalCents: app.lab.accounts.totalCents(),
    accounts: app.lab.accounts.all().map((a) => ({ username: a.username, balanceCents: a.balanceCents })),
  }));

  // The same-origin control: the attacker's own runner, served from the bank's origin.
  app.get('/runner/catalog.json', async () => publicCatalog());
  await app.register(fastifyStatic, { root: runnerDir, prefix: '/runner/' });
};

export default lab;
