// Every client mistake gets its 4xx and a plain message as JSON, `{ error, message }`; a server
// fault never leaks details. Both servers register it at their root (fastify-plugin), so it
// covers every route and every 404 of theirs.
import { STATUS_CODES } from 'node:http';
import fp from 'fastify-plugin';

/** What @fastify/cors sends, as text/plain, for an OPTIONS without a usable preflight (strictPreflight). */
const CORS_INVALID_PREFLIGHT = 'Invalid Preflight Request';

export interface JsonErrorsOptions {
  /** Who answers, as a server fault names it: "Something went wrong in <server>." */
  server: string;
}

export default fp<JsonErrorsOptions>(
  async (app, { server }) => {
    app.setErrorHandler((error: { statusCode?: number; message: string; validation?: unknown }, req, reply) => {
      const status = error.statusCode ?? 500;
      if (status >= 500) {
        req.log.error({ err: error }, 'request failed');
        return reply.code(500).send({ error: 'Internal Server Error', message: `Something went wrong in ${server}.` });
      }
      return reply.code(status).send({ error: STATUS_CODES[status] ?? 'Client Error', message: error.message });
    });
    app.setNotFoundHandler((req, reply) => reply.code(404).send({ error: 'Not Found', message: `no route ${req.method} ${req.url.split('?')[0]}` }));

    // @fastify/cors answers an OPTIONS request that lacks Origin or Access-Control-Request-Method
    // (not a CORS preflight, Fetch §4.8 "CORS-preflight fetch") with a plain-text 400, from its
    // own hook: no option changes that body. Only the body is rewritten, to the JSON every other
    // error has: the status and every header @fastify/cors chose stay exactly what the real
    // plugin sends, which is what the lab shows.
    app.addHook('onSend', async (req, reply, payload) => {
      if (reply.statusCode !== 400 || payload !== CORS_INVALID_PREFLIGHT || req.method !== 'OPTIONS') return payload;
      reply.type('application/json; charset=utf-8');
      return JSON.stringify({
        error: 'Bad Request',
        message: 'invalid CORS preflight: an OPTIONS request needs both Origin and Access-Control-Request-Method',
      });
    });
  },
  { name: 'json-errors' },
);
