// WebSockets (RFC 6455) through @fastify/websocket: an upgrade request runs through the same
// routing and hooks as any request (cookies, the configuration, @fastify/cors, the defenses)
// before the route's handler takes the socket. Registered once, at the root: the plugin
// listens to the server's `upgrade` event, and a second copy would route every upgrade twice.
import fastifyWebsocket from '@fastify/websocket';
import fp from 'fastify-plugin';

export default fp<{ maxPayload: number }>(
  async (app, { maxPayload }) => {
    // A message is held in memory whole: the same bound as a request body.
    await app.register(fastifyWebsocket, { options: { maxPayload } });
  },
  { name: 'websocket' },
);
