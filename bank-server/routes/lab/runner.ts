// The same-origin control: the attacker's own runner, served from the bank's origin, with
// the catalog it reads.
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync } from 'fastify';
import { fileURLToPath } from 'node:url';
import { publicCatalog } from '../../../catalog/index.js';

const runnerDir = fileURLToPath(new URL('../../../runner/', import.meta.url));

const runner: FastifyPluginAsync = async (app) => {
  app.get('/runner/catalog.json', async () => publicCatalog());
  await app.register(fastifyStatic, { root: runnerDir, prefix: '/runner/' });
};

export default runner;
