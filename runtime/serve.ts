// Start one server: listen, warn loudly when it leaves loopback, close cleanly on signals.
import closeWithGrace from 'close-with-grace';
import type { FastifyInstance } from 'fastify';
import { isLoopback } from './settings.js';

export async function serve(app: FastifyInstance, options: { host: string; port: number; publicUrls: string[] }) {
  closeWithGrace({ delay: 2000 }, async ({ err }) => {
    if (err) app.log.error({ err }, 'closing after an error');
    await app.close();
  });
  await app.listen({ host: options.host, port: options.port });
  if (!isLoopback(options.host)) {
    app.log.warn(
      `!!! LISTENING ON ${options.host}: this deliberately vulnerable lab is reachable from the network. ` +
        'Anyone who can reach it can use it. Stop it when the session ends. !!!',
    );
  }
  for (const url of options.publicUrls) app.log.info(`open ${url}`);
}
