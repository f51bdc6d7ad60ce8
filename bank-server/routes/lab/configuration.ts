// /lab/config: which configuration the unprefixed routes follow; switching it takes the
// trainer token once the lab is shared.
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { publicCatalog } from '../../../catalog/index.js';
import { requireTrainerToken } from '../../plugins/app/lab-guard.js';
import { ClientError } from '../../store/errors.js';
import type { LabOptions } from './index.js';

const configuration: FastifyPluginAsyncTypebox<LabOptions> = async (app, { trainerToken }) => {
  app.get('/config', async () => ({ active: app.lab.active.id, configurations: publicCatalog().configurations }));

  const body = Type.Object({ id: Type.String({ maxLength: 100 }) });
  app.put('/config', { onRequest: requireTrainerToken(trainerToken), schema: { body } }, async (req) => {
    if (!app.lab.find(req.body.id)) {
      throw new ClientError(422, `unknown configuration "${req.body.id}"; see GET /lab/config`);
    }
    req.stateChanged = true;
    return { active: app.lab.activate(req.body.id).id };
  });
};

export default configuration;
