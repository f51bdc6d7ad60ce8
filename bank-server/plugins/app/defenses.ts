// The server-side defenses. The browser decides what a script may read; only the server
// can refuse a write, because a "simple" cross-origin request arrives regardless.
// Each runs only when the answering configuration switches it on.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { bankOrigin, partnerOrigin } from '../../../catalog/index.js';

function refuse(req: FastifyRequest, reply: FastifyReply, defense: string, message: string) {
  req.refusedBy = defense;
  return reply.code(403).send({ error: 'Forbidden', message });
}

/**
 * Fetch Metadata resource-isolation policy (web.dev "Protect your resources from web attacks
 * with Fetch Metadata"): refuse cross-site requests, except top-level GET navigations.
 * Requests without `Sec-Fetch-Site` come from clients that don't send it and pass.
 */
export async function fetchMetadataPolicy(req: FastifyRequest, reply: FastifyReply) {
  if (!req.labConfig.defenses.includes('fetch-metadata')) return;
  const site = req.headers['sec-fetch-site'];
  if (site === undefined || site === 'same-origin' || site === 'same-site' || site === 'none') return;
  const dest = req.headers['sec-fetch-dest'];
  const topLevelGet = req.headers['sec-fetch-mode'] === 'navigate' && req.method === 'GET' && dest !== 'object' && dest !== 'embed';
  if (topLevelGet) return;
  return refuse(req, reply, 'fetch-metadata', `cross-site ${req.method} refused by the Fetch Metadata policy`);
}

/** The origins the origin-check defense accepts writes from, unless the configuration names its own. */
const labWriters = [bankOrigin, partnerOrigin];

/**
 * Origin check (OWASP CSRF Prevention Cheat Sheet, "Verifying Origin with standard headers"):
 * a state-changing request must name a trusted origin in `Origin`, or, when a browser
 * omits `Origin` (GET requests, Fetch §3.1 "append a request Origin header"), in `Referer`.
 * With neither, it is refused.
 */
export async function originCheck(req: FastifyRequest, reply: FastifyReply) {
  if (!req.labConfig.defenses.includes('origin-check')) return;
  const origin = req.headers.origin ?? refererOrigin(req.headers.referer);
  if (origin && (req.labConfig.originCheckAllows ?? labWriters).includes(origin)) return;
  return refuse(req, reply, 'origin-check', `writes from ${origin ?? 'an unknown origin'} are refused`);
}

function refererOrigin(referer: string | undefined): string | undefined {
  if (!referer) return undefined;
  try {
    return new URL(referer).origin;
  } catch {
    return undefined;
  }
}

/** Synchronizer token: a write must carry the token only the bank's own page can read. */
export function csrfToken(app: FastifyInstance) {
  return (req: FastifyRequest, reply: FastifyReply, next: (err?: Error) => void) => {
    if (!req.labConfig.defenses.includes('csrf-token')) return next();
    req.refusedBy = 'csrf-token';
    app.csrfProtection(req, reply, () => {
      req.refusedBy = null;
      next();
    });
  };
}
