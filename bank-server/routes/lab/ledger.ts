// GET /lab/ledger: the bank's ledger, read in pages (`after` a sequence number), optionally
// only the entries whose probe starts with `probe`.
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Probe } from '../../schemas/probe.js';

const ledger: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/ledger',
    {
      schema: {
        querystring: Type.Object({
          probe: Type.Optional(Probe),
          after: Type.Optional(Type.Integer({ minimum: 0 })),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
        }),
      },
    },
    async (req) => ({
      entries: app.lab.ledger.query({
        probePrefix: req.query.probe,
        afterSeq: req.query.after,
        limit: req.query.limit ?? 10_000,
      }),
    }),
  );
};

export default ledger;
