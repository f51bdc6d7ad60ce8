// The bank's API: what an attacker wants. Registered once per configuration under
// `/c/<id>` and once unprefixed for the active configuration, each time behind exactly that
// configuration's @fastify/cors options.
import fastifyCors, { type FastifyCorsOptionsDelegateCallback } from '@fastify/cors';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import type { LabConfiguration } from '../../catalog/index.js';
import { mediaTypeEssence, bodyTypeOfEssence, cookieVariant } from '../../catalog/index.js';
import { ClientError } from '../store/errors.js';
import { parseAmountToCents } from '../store/money.js';
import { ProbeQuery, TransferBody, TransferParams } from '../schemas/transfer.js';
import socket from './socket.js';
import { csrfToken, fetchMetadataPolicy, originCheck } from '../plugins/app/defenses.js';

export interface ApiOptions {
  /** A fixed configuration, or `active` for the one the lab control selects. */
  configuration: LabConfiguration | 'active';
}

function requireUser(req: FastifyRequest): string {
  if (req.user) return req.user;
  const cookie = cookieVariant(req.labConfig.sessionCookie).cookieName;
  throw new ClientError(401, `not logged in: no valid ${cookie} cookie arrived with this request`);
}

const api: FastifyPluginAsyncTypebox<ApiOptions> = async (app, { configuration }) => {
  if (configuration === 'active') {
    // @fastify/cors's options delegate: the active configuration's options, per request.
    const delegate: FastifyCorsOptionsDelegateCallback = (req, callback) => {
      callback(null, req.labConfig.cors ?? { origin: false });
    };
    await app.register(fastifyCors, () => delegate);
  } else if (configuration.cors) {
    await app.register(fastifyCors, configuration.cors);
  }
  app.addHook('preHandler', fetchMetadataPolicy);
  // Body types the configuration's app doesn't parse get 415 (RFC 9110 §15.5.16).
  app.addHook('preValidation', async (req) => {
    const accepts = req.labConfig.accepts;
    const contentType = req.headers['content-type'];
    const essence = contentType === undefined ? undefined : mediaTypeEssence(contentType);
    const type = essence === undefined ? undefined : bodyTypeOfEssence[essence];
    if (accepts && type && !accepts.includes(type)) throw new ClientError(415, `this app does not accept ${essence} bodies`);
  });
  const writeDefenses = [originCheck, csrfToken(app)];

  app.get('/account', { schema: { querystring: ProbeQuery } }, async (req) => {
    const account = app.lab.accounts.get(requireUser(req))!;
    return {
      username: account.username,
      accountNumber: account.accountNumber,
      balanceCents: account.balanceCents,
      apiKey: account.apiKey,
      transfers: app.lab.accounts.history(account.accountNumber).slice(-10),
    };
  });

  app.get('/rates', { schema: { querystring: ProbeQuery } }, async () => ({
    note: 'Public data: anyone may read it.',
    rates: { EUR: 0.92, GBP: 0.79, JPY: 151.3 },
  }));

  app.get('/csrf-token', { schema: { querystring: ProbeQuery } }, async (req, reply) => {
    requireUser(req);
    return { token: reply.generateCsrf() };
  });

  function transfer(req: FastifyRequest, routing: string, account: string, amount: string) {
    const done = app.lab.accounts.transfer(requireUser(req), routing, account, parseAmountToCents(amount));
    req.stateChanged = true;
    return { ok: true, transfer: done, balanceCents: app.lab.accounts.get(req.user!)!.balanceCents };
  }

  // The seed's GET that moves money, kept only where the configuration keeps the flaw
  // `get-moves-money` (catalog/server-flaws.ts). Any <img>, link or simple XMLHttpRequest can
  // fire it. The fix, where it is off: state changes only on POST/PUT (RFC 9110 §9.2.1, safe
  // methods), so the GET answers 405 and moves nothing.
  async function getMovesMoney(req: FastifyRequest) {
    if (!req.labConfig.serverFlaws.includes('get-moves-money')) {
      throw new ClientError(405, 'GET never moves money here: send a POST to /transfer (RFC 9110 §9.2.1, GET is safe)');
    }
  }
  app.get(
    '/transfer_to/:routing/:account/:amount',
    { schema: { params: TransferParams, querystring: ProbeQuery }, preHandler: [getMovesMoney, ...writeDefenses] },
    async (req) => transfer(req, req.params.routing, req.params.account, req.params.amount),
  );

  for (const method of ['POST', 'PUT'] as const) {
    app.route({
      method,
      url: '/transfer',
      schema: { body: TransferBody, querystring: ProbeQuery },
      preHandler: writeDefenses,
      handler: async (req) => transfer(req, req.body.routing, req.body.account, req.body.amount),
    });
  }

  // The same account and transfers over a WebSocket (routes/socket.ts), behind the same hooks.
  if (configuration === 'active' || configuration.websocket !== false) await app.register(socket);

  app.get('/whoami', { schema: { querystring: ProbeQuery } }, async (req) => ({
    user: req.user,
    cookiesSent: req.cookiesSent,
    configuration: req.labConfig.id,
    sessionCookie: req.labConfig.sessionCookie,
  }));
};

export default api;
