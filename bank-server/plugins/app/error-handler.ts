// Every client mistake gets its 4xx and a plain message; a server fault never leaks details.
import { STATUS_CODES } from 'node:http';
import fp from 'fastify-plugin';

export default fp(
  async (app) => {
    app.setErrorHandler((error: { statusCode?: number; message: string; validation?: unknown }, req, reply) => {
      const status = error.statusCode ?? 500;
      if (status >= 500) {
        req.log.error({ err: error }, 'request failed');
        return reply.code(500).send({ error: 'Internal Server Error', message: 'Something went wrong in the bank.' });
      }
      return reply.code(status).send({ error: STATUS_CODES[status] ?? 'Client Error', message: error.message });
    });
    app.setNotFoundHandler((req, reply) =>
      reply.code(404).send({ error: 'Not Found', message: `no route ${req.method} ${req.url.split('?')[0]}` }),
    );
  },
  { name: 'error-handler' },
);
