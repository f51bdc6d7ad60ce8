// Server-Sent Events (the HTML standard's EventSource protocol, §9.2): framing, the
// text/event-stream headers, a heartbeat comment that keeps proxies from closing an idle
// stream, and the client's Last-Event-ID. Used by the live ledger (routes/lab/ledger-stream.ts).
import fastifySse, { type SSEPluginOptions } from '@fastify/sse';
import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';

// The package is CommonJS: its module.exports is the fastify-plugin-wrapped plugin (so its
// onRoute hook sees every route), and that is what a default import gets at run time. Its
// types describe it as an ES module whose `default` is the plugin, so TypeScript sees the
// module object here; the named exports are the unwrapped function and would only see the
// routes of their own encapsulated context.
const plugin = fastifySse as unknown as FastifyPluginAsync<SSEPluginOptions>;

export default fp(
  async (app) => {
    await app.register(plugin);
  },
  { name: 'sse' },
);
