// The bank's own pages: login, and the account with its live ledger.
import fastifyStatic from '@fastify/static';
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { fileURLToPath } from 'node:url';
import { homePage } from '../pages/home.js';
import { loginPage } from '../pages/login.js';

const assets = fileURLToPath(new URL('../public/', import.meta.url));

const pages: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(fastifyStatic, { root: assets, prefix: '/assets/' });

  app.get('/login', { schema: { querystring: Type.Object({ failed: Type.Optional(Type.String()) }) } }, async (req, reply) =>
    reply.type('text/html').send(loginPage(req.query.failed !== undefined)),
  );

  app.get('/healthz', async () => ({ ok: true }));

  app.get('/', async (req, reply) => {
    const account = req.user ? app.lab.accounts.get(req.user) : undefined;
    if (!account) return reply.redirect('/login', 303);
    return reply.type('text/html').send(homePage(account, app.lab.active.id));
  });
};

export default pages;
