// The two guards of lab control (routes/lab/): whose pages may use it at all, and who may
// change the lab once it is shared with the network.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { bankOrigin } from '../../../catalog/index.js';
import { isLoopback } from '../../../runtime/settings.js';

/** The scheme of the bank's own origin, as the lab's site plan names it (catalog/site-plan.ts). */
const bankScheme = new URL(bankOrigin).protocol;

/**
 * An onRequest hook: lab control answers only the bank's own pages. A browser request from
 * any other page — cross-site or same-site — is refused, so the attacker can neither read
 * the ledger nor flip the bank's configuration. The browser says where a request comes from
 * in `Sec-Fetch-Site` (Fetch Metadata §2.4) and `Origin` (Fetch §3.1); non-browser clients
 * (curl, tests) send neither and pass.
 */
export async function ownPagesOnly(req: FastifyRequest, reply: FastifyReply) {
  const site = req.headers['sec-fetch-site'];
  const origin = req.headers.origin;
  const ownOrigin = `${bankScheme}//${req.headers.host}`;
  if ((site !== undefined && site !== 'same-origin' && site !== 'none') || (origin !== undefined && origin !== ownOrigin)) {
    return reply.code(403).send({
      error: 'Forbidden',
      message: 'lab control answers only the bank’s own pages',
    });
  }
}

// Who may steer the lab. On loopback, anyone who can reach the port is on the trainer's own
// machine: lab control stays open, as it always was. When the trainer shares the lab with
// the network (LAB_ALLOW_NETWORK=yes and a non-loopback LAB_BIND, runtime/settings.ts), the
// bank gets a trainer token, and a request from another machine may switch, reset or add
// accounts only with `Authorization: Bearer <token>` (RFC 6750 §2.1). Reading the lab
// (ledger, configuration, totals) takes no token.
// Requests from a loopback peer still need no token: they come from the trainer's machine,
// e.g. the tests in `docker compose --profile tests`, which share the bank's network.
// The peer is the TCP socket's address, never X-Forwarded-For, which any client can write.

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/** Whether this request must show the trainer token before it may change the lab. */
export function needsTrainerToken(req: FastifyRequest, trainerToken: string | undefined): boolean {
  return trainerToken !== undefined && !isLoopback(req.socket.remoteAddress ?? '');
}

/** An onRequest hook for the lab-control routes that change the lab. */
export function requireTrainerToken(trainerToken: string | undefined) {
  const expected = trainerToken === undefined ? undefined : digest(trainerToken);
  return async (req: FastifyRequest, reply: FastifyReply) => {
    if (!needsTrainerToken(req, trainerToken)) return;
    const [scheme, given] = (req.headers.authorization ?? '').split(' ');
    // Compared as digests, in constant time: equal lengths, and nothing learned from timing.
    if (scheme === 'Bearer' && given && timingSafeEqual(digest(given), expected!)) return;
    req.refusedBy = 'trainer-token';
    return reply.code(401).header('www-authenticate', 'Bearer realm="lab control"').send({
      error: 'Unauthorized',
      message: 'this lab is shared with the network: changing it takes the trainer token printed when the bank started (Authorization: Bearer <token>)',
    });
  };
}
