// Cookie parsing and signing. The secret signs the session cookies, so a user can't forge
// another session id; it comes from the caller (server.ts: the environment, or random).
import fastifyCookie from '@fastify/cookie';
import fp from 'fastify-plugin';

export default fp<{ secret: string }>(
  async (app, { secret }) => {
    await app.register(fastifyCookie, { secret });
  },
  { name: 'cookie' },
);
