// Start one server: listen, warn loudly when it leaves loopback, close cleanly on signals.
import closeWithGrace from 'close-with-grace';
import type { FastifyInstance } from 'fastify';
import { isLoopback } from './settings.js';

/** Another instance the same process serves on another port (the attacker site's public pages). */
export interface Companion {
  app: FastifyInstance;
  port: number;
}

/**
 * Listens with `app` on `port`, after every companion on its own port: once `app` answers (its
 * /healthz is what `npm start` and Playwright's webServer wait for), the companions do too.
 */
export async function serve(app: FastifyInstance, options: { host: string; port: number; publicUrls: string[]; companions?: readonly Companion[] }) {
  const companions = options.companions ?? [];
  closeWithGrace({ delay: 2000 }, async ({ err }) => {
    if (err) app.log.error({ err }, 'closing after an error');
    await Promise.all([app, ...companions.map((c) => c.app)].map((a) => a.close()));
  });
  for (const companion of companions) await companion.app.listen({ host: options.host, port: companion.port });
  await app.listen({ host: options.host, port: options.port });
  if (!isLoopback(options.host)) {
    app.log.warn(
      `!!! LISTENING ON ${options.host}: this deliberately vulnerable lab is reachable from the network. ` +
        'Anyone who can reach it can use it. Stop it when the session ends. !!!',
    );
  }
  for (const url of options.publicUrls) app.log.info(`open ${url}`);
}
