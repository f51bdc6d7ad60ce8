// A deliberate flaw, switched per configuration (`text-plain-as-json` in
// catalog/server-flaws.ts; the "JSON CSRF" of OWASP's CSRF cheat sheet): the bank parses a
// `text/plain` body as JSON. A cross-site `text/plain` POST is a CORS-safelisted "simple"
// request (Fetch §3.2.3), so it is sent without a preflight — and this parser makes it a
// valid transfer.
// The fix, where the flaw is off: accept application/json only, which a cross-origin script
// can't send without a preflight the server can refuse; text/plain gets 415.
import fp from 'fastify-plugin';
import { TRANSFER } from '../../../catalog/index.js';
import { ClientError } from '../../store/errors.js';

export default fp(
  async (app) => {
    app.addContentTypeParser('text/plain', { parseAs: 'string' }, (req, body, done) => {
      if (!req.labConfig.serverFlaws.includes('text-plain-as-json')) {
        done(new ClientError(415, 'text/plain is not accepted: send application/json'), undefined);
        return;
      }
      try {
        done(null, JSON.parse(body as string));
      } catch {
        done(new ClientError(400, `a text/plain body must hold JSON, like ${JSON.stringify(TRANSFER)}`), undefined);
      }
    });
  },
  { name: 'text-plain-body' },
);
