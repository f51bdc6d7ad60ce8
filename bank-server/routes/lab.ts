// Lab control: switch the active configuration, read the ledger, reset, add accounts.
// Reachable only from the bank's own origin: a browser request from any other page —
// cross-site or same-site — is refused, so the attacker can neither read the ledger nor
// flip the bank's configuration. Non-browser clients (curl, tests) send neither header.
import fastifyStatic from '@fastify/static';
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { fileURLToPath } from 'node:url';
import { configuration, configurations, publicCatalog } from '../../catalog/index.js';
import { NewAccountBody } from '../schemas/login.js';
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

  app.get('/config', async () => ({
    active: app.lab.active.id,
    configurations: configurations.map((c) => ({
      id: c.id,
      title: c.title,
      whatGoesWrong: c.whatGoesWrong,
      defenses: c.defenses,
      sessionCookie: c.sessionCookie,
    })),
  }));

  app.put('/config', { schema: { body: Type.Object({ id: Type.String({ maxLength: 100 }) }) } }, async (req) => {
    if (!configuration(req.body.id)) {
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
          probe: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9._~-]{1,200}$' })),
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
