// Builds the bank; never listens (server.ts does). Tests build it and call `inject`.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyServerOptions } from 'fastify';
import { configurationBase, configurations as catalogConfigurations, type LabConfiguration } from '../catalog/index.js';
import cookie from './plugins/external/cookie.js';
import csrf from './plugins/external/csrf.js';
import formbody from './plugins/external/formbody.js';
import websocket from './plugins/external/websocket.js';
import sse from './plugins/external/sse.js';
import labState from './plugins/app/lab-state.js';
import ledgerRecorder from './plugins/app/ledger-recorder.js';
import requestContext from './plugins/app/request-context.js';
import textPlainBody from './plugins/app/text-plain-body.js';
import api from './routes/api.js';
import lab from './routes/lab/index.js';
import pages from './routes/pages.js';
import session from './routes/session.js';
import jsonErrors from '../runtime/json-errors.js';
import { mermaidBundle } from '../runtime/mermaid.js';

export interface BankOptions {
  /** Signs the session cookies; at least 32 characters. */
  cookieSecret: string;
  /** The configuration the unprefixed routes start with. */
  initialConfiguration?: string;
  /**
   * One configuration served at the root, with exactly its own @fastify/cors options, in
   * place of the catalog's: the bank that `cors-lab check` builds from a user's options.
   */
  rootConfiguration?: LabConfiguration;
  /** The configurations served under /c/<id>: the catalog's unless given. */
  configurations?: readonly LabConfiguration[];
  /** Set when the lab is shared with the network: other machines need it to change the lab. */
  trainerToken?: string;
}

/** Requests larger than this are refused with 413 before they are parsed. */
export const BODY_LIMIT_BYTES = 16 * 1024;

export function buildBank(options: BankOptions, fastifyOptions: FastifyServerOptions = {}) {
  const app = Fastify({
    bodyLimit: BODY_LIMIT_BYTES,
    // Fastify strips unknown fields by default; a bank should refuse them instead.
    ajv: { customOptions: { removeAdditional: false } },
    ...fastifyOptions,
  }).withTypeProvider<TypeBoxTypeProvider>();
  const root = options.rootConfiguration;
  const served = options.configurations ?? catalogConfigurations;
  app.register(
    labState,
    root
      ? { initialConfiguration: root.id, configurations: [root] }
      : { initialConfiguration: options.initialConfiguration ?? (options.configurations ? served[0]!.id : undefined), configurations: served },
  );
  app.register(cookie, { secret: options.cookieSecret });
  app.register(formbody);
  app.register(textPlainBody);
  app.register(websocket, { maxPayload: BODY_LIMIT_BYTES });
  app.register(csrf);
  app.register(sse);
  app.register(jsonErrors, { server: 'the bank' });
  app.register(requestContext);
  app.register(ledgerRecorder);

  app.register(pages);
  // The runner it serves as the same-origin control draws sequences too.
  app.register(mermaidBundle);
  app.register(session);
  app.register(lab, { prefix: '/lab', trainerToken: options.trainerToken });
  if (root) {
    app.register(api, { configuration: root });
    return app;
  }
  // Every configuration at once, each under its own prefix, so tests can run in parallel
  // without switching global state; the unprefixed API follows the active configuration.
  for (const configuration of served) {
    app.register(api, { prefix: configurationBase(configuration.id), configuration });
  }
  app.register(api, { configuration: 'active' });
  return app;
}
