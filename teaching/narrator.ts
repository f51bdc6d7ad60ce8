// The lab's narrator — not the attacker. The attacker's scripts can't see what the bank
// received (that is the point), so for the learner the attacker *server* asks the bank's
// ledger, server to server, about probes the lab's own pages minted, and the page says
// plainly what happened. It answers about three kinds of probe only (catalog/probe-ids.ts):
// - `movies`: the one request the bait page just made;
// - `dashboard`: one dashboard run, one attacking origin at a time;
// - `everything`: one "Run everything" run, one configuration and one attacking origin at a time.
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { DASHBOARD_RUN_PATTERN, attacks, bankFacts, configurations, origins, probeId, probePrefix, probeRegExp } from '../catalog/index.js';
import { askBank, isLabConfig, isLedgerAnswer } from './ask-bank.js';

const MOVIES_PROBE = probeRegExp('movies');

const MoviesQuery = Type.Object({ probe: Type.String({ maxLength: 100 }) }, { additionalProperties: false });

const DashboardQuery = Type.Object(
  {
    /** The dashboard run's id, minted by the dashboard page. */
    run: Type.String({ pattern: DASHBOARD_RUN_PATTERN }),
    origin: Type.Union(origins.map((o) => Type.Literal(o.id))),
    /** A "Run everything" run aims at every configuration: the answer is this one's. */
    config: Type.Optional(Type.Union(configurations.map((c) => Type.Literal(c.id)))),
  },
  { additionalProperties: false },
);

const narrator: FastifyPluginAsyncTypebox<{ bankInternalUrl: string }> = async (app, { bankInternalUrl }) => {
  const askLedger = async (prefix: string, reply: FastifyReply) =>
    (await askBank(bankInternalUrl, `/lab/ledger?probe=${prefix}`, reply, 'narrator', isLedgerAnswer))?.entries ?? null;

  app.get('/narrator/ledger', { schema: { querystring: MoviesQuery } }, async (req, reply) => {
    const { probe } = req.query;
    if (!MOVIES_PROBE.test(probe)) {
      return reply.code(400).send({ error: 'Bad Request', message: 'the narrator only answers about a probe the movie page made' });
    }
    const entries = await askLedger(probe, reply);
    if (!entries) return reply;
    return {
      probe,
      received: entries
        .filter((e) => e.method !== 'OPTIONS')
        .map(({ method, cookiesSent, user, stateChanged, refusedBy, status }) => ({ method, cookiesSent, user, stateChanged, refusedBy, status })),
      preflights: entries.filter((e) => e.method === 'OPTIONS').length,
    };
  });

  // Everything the bank recorded for one attacking origin of one dashboard run, by attack:
  // a run of the active configuration, or with `config` one configuration of "Run everything".
  app.get('/narrator/dashboard-ledger', { schema: { querystring: DashboardQuery } }, async (req, reply) => {
    const { run, origin, config } = req.query;
    const kind = config === undefined ? 'dashboard' : 'everything';
    const entries = await askLedger(probePrefix(kind, 'attack', { run, origin, config }), reply);
    if (!entries) return reply;
    const ofAttack = (attack: string) => entries.filter((e) => e.probe === probeId(kind, { run, origin, config, attack }));
    const byAttack = Object.fromEntries(
      attacks.map((a) => [
        a.id,
        ofAttack(a.id).map(({ method, path, config, origin, secFetchSite, cookiesSent, user, stateChanged, refusedBy, status, corsHeaders }) => ({
          method,
          path,
          config,
          origin,
          secFetchSite,
          cookiesSent,
          user,
          stateChanged,
          refusedBy,
          status,
          corsHeaders,
        })),
      ]),
    );
    // The bank's side of each attack's outcome (catalog/outcomes.ts); the page adds its script's.
    const facts = Object.fromEntries(
      attacks.map((a) => [
        a.id,
        bankFacts(
          a.request.endpoint,
          ofAttack(a.id).filter((e) => e.method !== 'OPTIONS'),
        ),
      ]),
    );
    return { run, origin, ...(config === undefined ? {} : { config }), byAttack, bankFacts: facts };
  });

  // Which configuration the bank's lab control has selected, for the dashboard's heading.
  app.get('/narrator/active', { schema: { querystring: Type.Object({}, { additionalProperties: false }) } }, async (_req, reply) => {
    const lab = await askBank(bankInternalUrl, '/lab/config', reply, 'narrator', isLabConfig);
    if (!lab) return reply;
    const active = lab.configurations.find((c) => c.id === lab.active);
    return { active: lab.active, title: active?.title ?? '', unsafe: active?.unsafe ?? null };
  });
};

export default narrator;
