// Starts the attacker site on port 4100, under all of its host names, and again on 4200 for
// the public pages (catalog/ports.ts PUBLIC_PORT): the same site, on a port the lab's browsers
// count as a public website (Local Network Access). 4200 listens first, so 4100's /healthz
// answering means both are up.
import { ATTACKER_HOST, ATTACKER_PORT, PUBLIC_PORT, attackerOrigin, origins, runnerUrl } from '../catalog/index.js';
import { envFileFor, readSettings, settingsOrExit } from '../runtime/settings.js';
import { serve } from '../runtime/serve.js';
import { buildAttackerSite } from './app.js';

const settings = settingsOrExit(() => readSettings(process.env, { envFile: envFileFor(process.env) }));
const build = () => buildAttackerSite({ bankInternalUrl: settings.BANK_INTERNAL_URL }, { logger: { level: settings.LOG_LEVEL } });
const urls = origins.filter((o) => o.servedBy === 'attacker').map((o) => `${o.id}: ${runnerUrl(o)}`);
await serve(build(), {
  host: settings.LAB_BIND,
  port: ATTACKER_PORT,
  publicUrls: [`${attackerOrigin(ATTACKER_HOST)}/movies.html (the bait page)`, ...urls],
  companions: [{ app: build(), port: PUBLIC_PORT }],
});
