// Starts the bank on BANK_PORT, for the origin the lab's site plan names (http://bank.localhost:4000
// under the default plan).
import { randomBytes } from 'node:crypto';
import { BANK_PORT, bankOrigin } from '../catalog/index.js';
import { envFileFor, readSettings, settingsOrExit, trainerTokenFor } from '../runtime/settings.js';
import { serve } from '../runtime/serve.js';
import { buildBank } from './app.js';

const settings = settingsOrExit(() => readSettings(process.env, { envFile: envFileFor(process.env) }));
const trainerToken = trainerTokenFor(settings, () => randomBytes(18).toString('base64url'));
const app = buildBank(
  {
    cookieSecret: settings.COOKIE_SECRET ?? randomBytes(32).toString('hex'),
    initialConfiguration: settings.LAB_CONFIG,
    trainerToken,
  },
  { logger: { level: settings.LOG_LEVEL } },
);
await serve(app, { host: settings.LAB_BIND, port: BANK_PORT, publicUrls: [`${bankOrigin}/`] });
// Printed once, on the terminal of whoever started the bank, never logged per request nor
// put in a page: the trainer enters it once in the lab-control page.
if (trainerToken) console.log(`[cors-lab] lab control is shared: other machines need the trainer token ${trainerToken}`);
