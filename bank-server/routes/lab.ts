// Lab control: switch the active configuration, read the ledger, reset, add accounts.
// Reachable only from the bank's own origin: a browser request from any other page —
// cross-site or same-site — is refused, so the attacker can neither read the ledger nor
// flip the bank's configuration. Non-browser clients (curl, tests) send neither header.
// When the lab is shared with the network, changing it also takes the trainer token
// (trainer-token.ts); reading it (ledger, configuration, totals) does not.
import fastifyStatic from '@fastify/static';
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { fileURLToPath } from 'node:url';
import { origins, publicCatalog } from '../../catalog/index.js';
import { labControlPage, type HeaderPreview } from '../pages/lab-control.js';
import { NewAccountBody } from '../schemas/login.js';
import { Probe } from '../schemas/probe.js';
import { ClientError } from '../store/errors.js';
import type { LedgerEntry } from '../store/ledger.js';
import { needsTrainerToken, requireTrainerToken } from './trainer-token.js';

const runnerDir = fileURLToPath(new URL('../../attacker-site/public/runner/', import.meta.url));

export interface LabOptions {
  /** Set when the lab is shared with the network: other machines need it to change the lab. */
  trainerToken?: string;
}

/** A live-ledger client that falls this far behind is cut off (EventSource reconnects). */
const STREAM_BACKLOG_BYTES = 1024 * 1024;

// Every open stream is sent the same entry at once: serialize it once, not once per stream.
let lastSent: { entry: LedgerEntry; event: string } | undefined;
function eventOf(entry: LedgerEntry): string {
  if (lastSent?.entry !== entry) lastSent = { entry, event: `data: ${JSON.stringify(entry)}\n\n` };
  return lastSent.event;
}

/**
 * Which entries a live ledger carries. A learner (the stream's request carries a session)
 * sees their own requests, and requests that authenticated nobody: the bank can't tell whose
 * browser sent a request without a valid session cookie, and seeing "a stranger, 401" is
 * the lesson when an attack arrives without cookies. Other learners' requests never show.
 * The trainer's view (no session) carries everyone's.
 */
function visibleTo(viewer: string | null) {
  return (entry: LedgerEntry) => viewer === null || entry.user === null || entry.user === viewer;
}

const lab: FastifyPluginAsyncTypebox<LabOptions> = async (app, { trainerToken }) => {
  const trainerOnly = requireTrainerToken(trainerToken);
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
    return reply.type('text/html').send(labControlPage(active, previews, { tokenRequired: needsTrainerToken(req, trainerToken) }));
  });

  // The ledger, live: one Server-Sent Event per request the bank answers.
  app.get('/ledger/stream', (req, reply) => {
    reply.hijack();
    reply.raw.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
    reply.raw.write(': the bank ledger, live\n\n');
    const visible = visibleTo(req.user);
    const unsubscribe = app.lab.ledger.subscribe((entry) => {
      if (entry.probe === 'lab-preview' || !visible(entry)) return;
      // A reader that stopped reading would otherwise buffer the whole ledger in memory.
      if (reply.raw.writableLength > STREAM_BACKLOG_BYTES) return reply.raw.destroy();
      reply.raw.write(eventOf(entry));
    });
    req.raw.on('close', unsubscribe);
  });

  app.get('/config', async () => ({ active: app.lab.active.id, configurations: publicCatalog().configurations }));

  app.put('/config', { onRequest: trainerOnly, schema: { body: Type.Object({ id: Type.String({ maxLength: 100 }) }) } }, async (req) => {
    if (!app.lab.find(req.body.id)) {
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

  app.post('/reset', { onRequest: trainerOnly }, async (req) => {
    app.lab.reset();
    req.stateChanged = true;
    return { ok: true, totalCents: app.lab.accounts.totalCents() };
  });

  app.post('/accounts', { onRequest: trainerOnly, schema: { body: NewAccountBody } }, async (req, reply) => {
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
