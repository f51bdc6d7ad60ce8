// Logging in and out. One login sets the same random session id in five cookies, one per
// SameSite variant (RFC 6265bis §4.1.2.7) and one Partitioned (CHIPS), each signed and HttpOnly.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { cookieVariants } from '../../catalog/index.js';
import { LoginBody } from '../schemas/login.js';

function wantsHtml(req: FastifyRequest): boolean {
  return req.headers['content-type']?.startsWith('application/x-www-form-urlencoded') ?? false;
}

const session: FastifyPluginAsyncTypebox = async (app) => {
  function setSessionCookies(reply: FastifyReply, sessionId: string) {
    for (const variant of cookieVariants) {
      reply.setCookie(variant.cookieName, sessionId, {
        path: '/',
        httpOnly: true,
        signed: true,
        secure: variant.secure,
        sameSite: variant.sameSite?.toLowerCase() as 'strict' | 'lax' | 'none' | undefined,
        partitioned: variant.partitioned,
      });
    }
  }

  app.post('/login', { schema: { body: LoginBody } }, async (req, reply) => {
    const account = await app.lab.accounts.verify(req.body.username, req.body.password);
    if (!account) {
      if (wantsHtml(req)) return reply.redirect('/login?failed=1', 303);
      return reply.code(401).send({ error: 'Unauthorized', message: 'wrong user name or password' });
    }
    setSessionCookies(reply, app.lab.sessions.create(account.username));
    if (wantsHtml(req)) return reply.redirect('/', 303);
    return { username: account.username, cookies: cookieVariants.map((v) => v.cookieName) };
  });

  app.post('/logout', async (req, reply) => {
    for (const variant of cookieVariants) {
      const signed = req.cookies[variant.cookieName];
      const id = signed === undefined ? null : app.unsignCookie(signed).value;
      if (id) app.lab.sessions.destroy(id);
      // A Partitioned cookie is only replaced by a Set-Cookie that is Partitioned too (CHIPS §2.1).
      reply.clearCookie(variant.cookieName, { path: '/', ...(variant.partitioned ? { partitioned: true, secure: true, sameSite: 'none' as const } : {}) });
    }
    if (wantsHtml(req)) return reply.redirect('/login', 303);
    return { ok: true };
  });
};

export default session;
