// GET /lab/: the trainer's page, with the CORS headers the active configuration sends to
// each origin of the catalog.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { configurationBase, origins } from '../../../catalog/index.js';
import { labControlPage, type HeaderPreview } from '../../pages/lab-control.js';
import { needsTrainerToken } from '../../plugins/app/lab-guard.js';
import type { LabOptions } from './index.js';

/** The probe of the page's own asks; the live ledger leaves them out. */
export const PREVIEW_PROBE = 'lab-preview';

const controlPage: FastifyPluginAsyncTypebox<LabOptions> = async (app, { trainerToken }) => {
  app.get('/', async (req, reply) => {
    const active = app.lab.active;
    // Asked of the bank itself, so the table shows exactly what @fastify/cors sends.
    const previews: HeaderPreview[] = [];
    for (const origin of origins) {
      const headers = { origin: origin.origin };
      const res = await app.inject({ url: `${configurationBase(active.id)}/rates?probe=${PREVIEW_PROBE}`, headers });
      const preflight = await app.inject({
        method: 'OPTIONS',
        url: `${configurationBase(active.id)}/transfer?probe=${PREVIEW_PROBE}`,
        headers: { ...headers, 'access-control-request-method': 'PUT', 'access-control-request-headers': 'content-type' },
      });
      previews.push({
        origin: origin.origin,
        originId: origin.id,
        allowOrigin: (res.headers['access-control-allow-origin'] as string | undefined) ?? null,
        allowCredentials: (res.headers['access-control-allow-credentials'] as string | undefined) ?? null,
        preflightStatus: preflight.statusCode,
        allowMethods: (preflight.headers['access-control-allow-methods'] as string | undefined) ?? null,
      });
    }
    return reply.type('text/html').send(labControlPage(active, previews, { tokenRequired: needsTrainerToken(req, trainerToken) }));
  });
};

export default controlPage;
