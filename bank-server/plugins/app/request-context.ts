// Before any route runs: which configuration answers this request, which of the four
// session cookies arrived, and whom the configuration's cookie authenticates.
import fp from 'fastify-plugin';
import { cookieVariant, cookieVariants, type CookieVariantId, type LabConfiguration } from '../../../catalog/index.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The configuration answering: `/c/<id>/…` names it, other paths use the active one. */
    labConfig: LabConfiguration;
    /** The session-cookie variants present on the request. */
    cookiesSent: CookieVariantId[];
    /** The user the configuration's session cookie authenticates; null for a stranger. */
    user: string | null;
    /** Set by a handler that changed the bank's state. */
    stateChanged: boolean;
    /** Set by the defense that refused the request. */
    refusedBy: string | null;
  }
}

const PREFIXED = /^\/c\/([^/?]+)/;

export default fp(
  async (app) => {
    app.decorateRequest('labConfig', null as unknown as LabConfiguration);
    app.decorateRequest('cookiesSent', null as unknown as CookieVariantId[]);
    app.decorateRequest('user', null);
    app.decorateRequest('stateChanged', false);
    app.decorateRequest('refusedBy', null);

    app.addHook('onRequest', async (req) => {
      const prefixed = PREFIXED.exec(req.url)?.[1];
      req.labConfig = (prefixed && app.lab.find(decodeURIComponent(prefixed))) || app.lab.active;
      req.cookiesSent = cookieVariants.filter((v) => req.cookies[v.cookieName] !== undefined).map((v) => v.id);
      req.user = userFrom(req.cookies[cookieVariant(req.labConfig.sessionCookie).cookieName]);
    });

    function userFrom(signed: string | undefined): string | null {
      if (signed === undefined) return null;
      const { valid, value } = app.unsignCookie(signed);
      if (!valid || value === null) return null;
      return app.lab.sessions.userOf(value) ?? null;
    }
  },
  { name: 'request-context', dependencies: ['cookie', 'lab-state'] },
);
