// Records every request the bank answered, preflights included, once its reply is sent.
// The ledger's own reads are left out so that polling it doesn't flood it.
import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { PROBE_PATTERN } from '../../../catalog/index.js';
import type { NewLedgerEntry } from '../../../catalog/index.js';

const PROBE = new RegExp(PROBE_PATTERN);

function probeOf(req: FastifyRequest): string | null {
  const query = req.query as Record<string, unknown> | undefined;
  const body = req.body as Record<string, unknown> | undefined;
  const probe = query?.probe ?? (body && typeof body === 'object' ? body.probe : undefined);
  return typeof probe === 'string' && PROBE.test(probe) ? probe : null;
}

function header(req: FastifyRequest, name: string): string | null {
  const value = req.headers[name];
  return typeof value === 'string' ? value : null;
}

function corsHeadersOf(reply: FastifyReply): Record<string, string> {
  const sent: Record<string, string> = {};
  for (const [name, value] of Object.entries(reply.getHeaders())) {
    if (name.startsWith('access-control-') || name === 'vary') sent[name] = String(value);
  }
  return sent;
}

/**
 * What the ledger records of one request the bank answered with `status`. The WebSocket
 * route records its accepted handshakes itself (routes/socket.ts): an upgraded request
 * never finishes as an HTTP response, so onResponse never sees it.
 */
export function requestRecord(req: FastifyRequest, status: number, corsHeaders: Record<string, string>): NewLedgerEntry {
  const configured = req.url.startsWith('/lab/') || req.url === '/lab' ? null : (req.labConfig?.id ?? null);
  return {
    method: req.method,
    path: req.url.split('?')[0]!,
    probe: probeOf(req),
    config: configured,
    origin: header(req, 'origin'),
    referer: header(req, 'referer'),
    secFetchSite: header(req, 'sec-fetch-site'),
    secFetchMode: header(req, 'sec-fetch-mode'),
    secFetchDest: header(req, 'sec-fetch-dest'),
    contentType: header(req, 'content-type'),
    headerNames: Object.keys(req.headers).sort(),
    requestedMethod: header(req, 'access-control-request-method'),
    requestedHeaders: header(req, 'access-control-request-headers'),
    cookiesSent: req.cookiesSent ?? [],
    user: req.user ?? null,
    stateChanged: req.stateChanged,
    refusedBy: req.refusedBy,
    status,
    corsHeaders,
    socketMessage: null,
  };
}

export default fp(
  async (app) => {
    app.addHook('onResponse', async (req, reply) => {
      if (req.url.startsWith('/lab/ledger')) return;
      app.lab.ledger.record(requestRecord(req, reply.statusCode, corsHeadersOf(reply)));
    });
  },
  { name: 'ledger-recorder', dependencies: ['request-context'] },
);
