// The lab's narrator — not the attacker. The bait page's script can't see what the bank
// received (that is the point), so for the learner the attacker *server* asks the bank's
// ledger, server to server, about the one probe the page just made, and the page says
// plainly what happened. Only probes the bait page mints (`movies-…`) are answered.
import type { FastifyPluginAsync } from 'fastify';

const MOVIES_PROBE = /^movies-[a-z0-9]{4,16}-[a-z0-9]{4,16}$/;

interface LedgerEntry {
  method: string;
  cookiesSent: string[];
  user: string | null;
  stateChanged: boolean;
  refusedBy: string | null;
  status: number;
}

const narrator: FastifyPluginAsync<{ bankInternalUrl: string }> = async (app, { bankInternalUrl }) => {
  app.get('/narrator/ledger', async (req, reply) => {
    const probe = (req.query as { probe?: unknown }).probe;
    if (typeof probe !== 'string' || !MOVIES_PROBE.test(probe)) {
      return reply.code(400).send({ error: 'Bad Request', message: 'the narrator only answers about a probe the movie page made' });
    }
    let res: Response;
    try {
      res = await fetch(`${bankInternalUrl}/lab/ledger?probe=${probe}`);
    } catch {
      return reply.code(502).send({ error: 'Bad Gateway', message: 'the narrator could not reach the bank' });
    }
    if (!res.ok) return reply.code(502).send({ error: 'Bad Gateway', message: `the bank's ledger answered ${res.status}` });
    const { entries } = (await res.json()) as { entries: LedgerEntry[] };
    return {
      probe,
      received: entries
        .filter((e) => e.method !== 'OPTIONS')
        .map(({ method, cookiesSent, user, stateChanged, refusedBy, status }) => ({ method, cookiesSent, user, stateChanged, refusedBy, status })),
      preflights: entries.filter((e) => e.method === 'OPTIONS').length,
    };
  });
};

export default narrator;
