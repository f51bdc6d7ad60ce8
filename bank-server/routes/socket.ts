// The bank's WebSocket, under each configuration's prefix: it sends the account when asked
// and moves money on a transfer message. Cookies ride only on the opening handshake (a GET,
// Fetch §7.1 "WebSocket connection", credentials mode "include"), so the session is the one
// that handshake carried. No CORS check ever applies to a WebSocket (the WebSockets Standard
// never runs one, and Fetch §7.1 fetches the handshake in mode "websocket", not "cors"):
// whatever @fastify/cors answers, the page that opened the socket reads every message. What
// protects a socket is the server's own check of the handshake's `Origin` (RFC 6455 §10.2),
// the cookie rules, and a token in each write.
import '@fastify/websocket';
import type { FastifyInstance, FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';
import { Type, type Static } from 'typebox';
import { Value } from 'typebox/value';
import { cookieVariant, SOCKET_PATH } from '../../catalog/index.js';
import { originCheck } from '../plugins/app/defenses.js';
import { requestRecord } from '../plugins/app/ledger-recorder.js';
import { SOCKET_MESSAGE } from '../../catalog/index.js';
import { ClientError } from '../store/errors.js';
import { parseAmountToCents } from '../store/money.js';
import { ProbeQuery, TransferParams } from '../schemas/transfer.js';

/** What a script may send on the socket: `{ type: 'account' }`, or a transfer with the fields POST /transfer takes. */
const SocketMessage = Type.Union([
  Type.Object({ type: Type.Literal('account') }, { additionalProperties: false }),
  Type.Object(
    { type: Type.Literal('transfer'), ...TransferParams.properties, _csrf: Type.Optional(Type.String({ maxLength: 200 })) },
    { additionalProperties: false },
  ),
]);
type SocketMessage = Static<typeof SocketMessage>;

interface Answer {
  status: number;
  body: Record<string, unknown>;
  stateChanged: boolean;
  refusedBy: string | null;
}

const refusal = (status: number, message: string, refusedBy: string | null = null): Answer => ({
  status,
  body: { type: 'error', status, message },
  stateChanged: false,
  refusedBy,
});

/**
 * The synchronizer token of the `csrf-token` defense, checked by the same
 * @fastify/csrf-protection verifier the HTTP writes use: the token must match the secret in
 * the `_csrf` cookie the handshake carried.
 */
function tokenAccepted(app: FastifyInstance, req: FastifyRequest, token: string | undefined): boolean {
  let accepted = false;
  const asked = { cookies: req.cookies, body: { _csrf: token }, query: {}, headers: {}, log: req.log };
  const answer = { unsignCookie: (value: string) => app.unsignCookie(value), send: () => answer };
  app.csrfProtection(asked as unknown as FastifyRequest, answer as never, () => {
    accepted = true;
  });
  return accepted;
}

function answerTo(app: FastifyInstance, req: FastifyRequest, message: SocketMessage): Answer {
  const user = req.user;
  if (!user) {
    const cookie = cookieVariant(req.labConfig.sessionCookie).cookieName;
    return refusal(401, `not logged in: no valid ${cookie} cookie arrived with the handshake`);
  }
  const account = app.lab.accounts.get(user)!;
  if (message.type === 'account') {
    const { username, accountNumber, balanceCents, apiKey } = account;
    const transfers = app.lab.accounts.history(accountNumber).slice(-10);
    return { status: 200, body: { type: 'account', username, accountNumber, balanceCents, apiKey, transfers }, stateChanged: false, refusedBy: null };
  }
  if (req.labConfig.defenses.includes('csrf-token') && !tokenAccepted(app, req, message._csrf)) {
    return refusal(403, 'a transfer message needs the CSRF token of the bank’s own page', 'csrf-token');
  }
  try {
    const done = app.lab.accounts.transfer(user, message.routing, message.account, parseAmountToCents(message.amount));
    return {
      status: 200,
      body: { type: 'transfer', ok: true, transfer: done, balanceCents: app.lab.accounts.get(user)!.balanceCents },
      stateChanged: true,
      refusedBy: null,
    };
  } catch (error) {
    if (error instanceof ClientError) return refusal(error.statusCode, error.message);
    throw error;
  }
}

function parse(data: Buffer, isBinary: boolean): SocketMessage | null {
  if (isBinary) return null;
  try {
    const value: unknown = JSON.parse(data.toString('utf8'));
    return Value.Check(SocketMessage, value) ? value : null;
  } catch {
    return null;
  }
}

const socket: FastifyPluginAsync = async (app) => {
  app.route({
    method: 'GET',
    url: SOCKET_PATH,
    schema: { querystring: ProbeQuery },
    // The handshake is the socket's only request: origin-check judges its Origin, which a
    // browser always sends on it (RFC 6455 §4.1 step 8; Fetch §3.1 for mode "websocket").
    // The Fetch Metadata policy runs as for every API route (routes/api.ts).
    preHandler: originCheck,
    // A plain GET, without `Upgrade: websocket`.
    handler: async (_req, reply) =>
      reply
        .code(426)
        .header('upgrade', 'websocket')
        .send({ error: 'Upgrade Required', message: 'open it with new WebSocket(): this is the bank’s WebSocket endpoint' }),
    wsHandler: (ws: WebSocket, req: FastifyRequest) => {
      // An upgraded request never finishes as an HTTP response, so the ledger's onResponse
      // hook never sees it: the handshake is recorded here, before any message can arrive.
      const handshake = app.lab.ledger.record(requestRecord(req, 101, {}));
      ws.on('message', (data: Buffer, isBinary: boolean) => {
        const message = parse(data, isBinary);
        const answer = message
          ? answerTo(app, req, message)
          : refusal(400, 'send JSON: { "type": "account" } or { "type": "transfer", "routing", "account", "amount" }');
        // Recorded before the answer leaves: once the script has it, the ledger has it too.
        app.lab.ledger.record({
          ...requestRecord(req, answer.status, {}),
          method: SOCKET_MESSAGE,
          origin: null,
          referer: null,
          secFetchSite: null,
          secFetchMode: null,
          secFetchDest: null,
          headerNames: [],
          cookiesSent: [],
          user: handshake.user,
          stateChanged: answer.stateChanged,
          refusedBy: answer.refusedBy,
          socketMessage: message?.type ?? null,
        });
        ws.send(JSON.stringify(answer.body));
      });
    },
  });
};

export default socket;
