// Starts the attacker site on port 4100, under all of its host names.
import { ATTACKER_PORT, origins, runnerUrl } from '../catalog/index.js';
import { envFileFor, readSettings, settingsOrExit } from '../runtime/settings.js';
import { serve } from '../runtime/serve.js';
import { buildAttackerSite } from './app.js';

const settings = settingsOrExit(() => readSettings(process.env, { envFile: envFileFor(process.env) }));
const app = buildAttackerSite({ bankInternalUrl: settings.BANK_INTERNAL_URL }, { logger: { level: settings.LOG_LEVEL } });
const urls = origins.filter((o) => o.servedBy === 'attacker').map((o) => `${o.id}: ${runnerUrl(o)}`);
await serve(app, {
  host: settings.LAB_BIND,
  port: ATTACKER_PORT,
  publicUrls: ['http://attacker.localhost:4100/movies.html (the bait page)', ...urls],
});
