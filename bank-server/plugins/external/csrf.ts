// CSRF tokens (synchronizer-token pattern, OWASP CSRF Prevention Cheat Sheet). Registered
// always; only configurations with the `csrf-token` defense call `csrfProtection`.
// The secret lives in the signed `_csrf` cookie; the bank's own page sends the token back
// in a form field or the `x-csrf-token` header, or, for the seed's GET, as `?_csrf=`.
import fastifyCsrf from '@fastify/csrf-protection';
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

function tokenOf(req: FastifyRequest): string | undefined {
  const body = req.body as { _csrf?: unknown } | undefined;
  const query = req.query as { _csrf?: unknown } | undefined;
  const candidate = body?._csrf ?? query?._csrf ?? req.headers['x-csrf-token'];
  return typeof candidate === 'string' ? candidate : undefined;
}

export default fp(
  async (app) => {
    await app.register(fastifyCsrf, {
      cookieOpts: { path: '/', sameSite: 'strict', httpOnly: true, signed: true },
      getToken: tokenOf,
    });
  },
  { name: 'csrf', dependencies: ['cookie'] },
);
