// Mermaid's browser bundle, which the lab's pages use to draw a cell's sequence as SVG
// (runner/sequence-picture.js): served by both servers at the catalog's MERMAID_PATH, and
// copied beside the matrix report, from the installed `mermaid` package — never a CDN.
import type { FastifyPluginAsync } from 'fastify';
import { createReadStream, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { MERMAID_PATH } from '../catalog/index.js';

const require = createRequire(import.meta.url);

/** The bundle's file: one IIFE that defines `globalThis.mermaid`, so it loads from file:// too. */
export const MERMAID_BUNDLE = require.resolve('mermaid/dist/mermaid.min.js');
const version = (JSON.parse(readFileSync(require.resolve('mermaid/package.json'), 'utf8')) as { version: string }).version;
/** The bundle changes only with the package's version: a strong validator (RFC 9110 §8.8.3). */
const ETAG = `"mermaid-${version}"`;

export const mermaidBundle: FastifyPluginAsync = async (app) => {
  app.get(MERMAID_PATH, async (req, reply) => {
    reply.header('etag', ETAG).header('cache-control', 'public, max-age=3600');
    if (req.headers['if-none-match'] === ETAG) return reply.code(304).send();
    return reply.type('text/javascript; charset=utf-8').send(createReadStream(MERMAID_BUNDLE));
  });
};
