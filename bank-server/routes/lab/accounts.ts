// The lab's money: reset it, add a learner's account (both take the trainer token once the
// lab is shared), and read the totals.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { requireTrainerToken } from '../../plugins/app/lab-guard.js';
import { NewAccountBody } from '../../schemas/login.js';
import type { LabOptions } from './index.js';

const accounts: FastifyPluginAsyncTypebox<LabOptions> = async (app, { trainerToken }) => {
  const trainerOnly = requireTrainerToken(trainerToken);

  app.post('/reset', { onRequest: trainerOnly }, async (req) => {
    app.lab.reset();
    req.stateChanged = true;
    return { ok: true, totalCents: app.lab.accounts.totalCents() };
  });

  app.post('/accounts', { onRequest: trainerOnly, schema: { body: NewAccountBody } }, async (req, reply) => {
    const account = app.lab.accounts.create(req.body.username, req.body.password, req.body.balanceCents ?? 100_000_00);
    req.stateChanged = true;
    return reply.code(201).send({ username: account.username, accountNumber: account.accountNumber });
  });

  app.get('/totals', async () => ({
    totalCents: app.lab.accounts.totalCents(),
    accounts: app.lab.accounts.all().map((a) => ({ username: a.username, balanceCents: a.balanceCents })),
  }));
};

export default accounts;
