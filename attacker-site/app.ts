// Builds the attacker site; never listens (server.ts does). One server answers under every
// attacker host name (catalog/origins.ts): the page's origin is whatever name the browser
// used, which is the point.
import fastifyCors from '@fastify/cors';
import fastifyStatic from '@fastify/static';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyServerOptions } from 'fastify';
import { fileURLToPath } from 'node:url';
import { bankLoopbackUrl, publicCatalog } from '../catalog/index.js';
import explainer from '../teaching/explainer.js';
import narrator from '../teaching/narrator.js';
import jsonErrors from '../runtime/json-errors.js';
import { mermaidBundle } from '../runtime/mermaid.js';

const publicDir = fileURLToPath(new URL('./public/', import.meta.url));
// The attack runner, which the bank serves too (as its same-origin control), and the
// dashboard, one of the lab's teaching tools: neither is the attacker's own page.
const runnerDir = fileURLToPath(new URL('../runner/', import.meta.url));
const dashboardDir = fileURLToPath(new URL('../teaching/dashboard/', import.meta.url));

export interface AttackerSiteOptions {
  /** Where the narrator reaches the bank's lab control, server to server; the loopback bank by default. */
  bankInternalUrl?: string;
}

export function buildAttackerSite(options: AttackerSiteOptions = {}, fastifyOptions: FastifyServerOptions = {}) {
  const app = Fastify({
    // Unknown query fields are refused, not silently dropped (Fastify's default strips them).
    ajv: { customOptions: { removeAdditional: false } },
    ...fastifyOptions,
  }).withTypeProvider<TypeBoxTypeProvider>();
  app.register(jsonErrors, { server: 'the attacker site' });
  // The attacker shares its own files with everyone, including the opaque `null` origin of
  // its sandboxed iframe, which loads runner.js as a module script: a CORS request
  // (HTML §8.1.5.2 "fetch a single module script" uses mode "cors").
  app.register(fastifyCors, { origin: '*' });
  app.get('/runner/catalog.json', async () => publicCatalog());
  app.get('/healthz', async () => ({ ok: true }));
  const { bankInternalUrl = bankLoopbackUrl } = options;
  app.register(narrator, { bankInternalUrl });
  app.register(explainer, { bankInternalUrl });
  app.register(mermaidBundle);
  app.register(fastifyStatic, { root: publicDir });
  app.register(fastifyStatic, { root: runnerDir, prefix: '/runner/', decorateReply: false });
  app.register(fastifyStatic, { root: dashboardDir, prefix: '/dashboard/', decorateReply: false });
  return app;
}
