// The lab's narrator — not the attacker. The attacker's scripts can't see what the bank
// received (that is the point), so for the learner the attacker *server* asks the bank's
// ledger, server to server, about probes the lab's own pages minted, and the page says
// plainly what happened. It answers about two kinds of probe only:
// - `movies-…`: the one request the bait page just made;
// - `dash-<run>-<origin>-<attack>`: one dashboard run, one attacking origin at a time.
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { attacks, origins } from '../catalog/index.js';
import { askBank } from './ask-bank.js';

const MOVIES_PROBE = /^movies-[a-z0-9]{4,16}-[a-z0-9]{4,16}$/;

/** The ledger fields a learner is shown (bank-server/store/ledger.ts has them all). */
interface LedgerEntry {
  method: string;
  path: string;
  probe: string | null;
  config: string | null;
  origin: string | null;
  secFetchSite: string | null;
  cookiesSent: string[];
  user: string | null;
  stateChanged: boolean;
  refusedBy: string | null;
  status: number;
  corsHeaders: Record<string, string>;
}

const DashboardQuery = Type.Object(
  {
    /** The dashboard run's id, minted by the dashboard page. */
    run: Type.String({ pattern: '^[a-z0-9]{4,16}$' }),
    origin: Type.Union(origins.map((o) => Type.Literal(o.id))),
  },
  { additionalProperties: false },
);

const narrator: FastifyPluginAsyncTypebox<{ bankInternalUrl: string }> = async (app, { bankInternalUrl }) => {
  const askLedger = async (prefix: string, reply: FastifyReply) =>
    (await askBank<{ entries: LedgerEntry[] }>(bankInternalUrl, `/lab/ledger?probe=${prefix}`, reply, 'narrator'))?.entries ?? null;

  app.get('/narrator/ledger', async (req, reply) => {
    const probe = (req.query as { probe?: unknown }).probe;
    if (typeof probe !== 'string' || !MOVIES_PROBE.test(probe)) {
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

  // Everything the bank recorded for one attacking origin of one dashboard run, by attack.
  app.get('/narrator/dashboard-ledger', { schema: { querystring: DashboardQuery } }, async (req, reply) => {
    const prefix = `dash-${req.query.run}-${req.query.origin}-`;
    const entries = await askLedger(prefix, reply);
    if (!entries) return reply;
    const byAttack = Object.fromEntries(
      attacks.map((a) => [
        a.id,
        entries
          .filter((e) => e.probe === prefix + a.id)
          .map(({ method, path, config, origin, secFetchSite, cookiesSent, user, stateChanged, refusedBy, status, corsHeaders }) => ({
            method, path, config, origin, secFetchSite, cookiesSent, user, stateChanged, refusedBy, status, corsHeaders,
          })),
      ]),
    );
    return { run: req.query.run, origin: req.query.origin, byAttack };
  });

  // Which configuration the bank's lab control has selected, for the dashboard's heading.
  app.get('/narrator/active', async (req, reply) => {
    const lab = await askBank<{ active: string; configurations: { id: string; title: string }[] }>(bankInternalUrl, '/lab/config', reply, 'narrator');
    if (!lab) return reply;
    return { active: lab.active, title: lab.configurations.find((c) => c.id === lab.active)?.title ?? '' };
  });
};

export default narrator;
