// Starts the bank on http://bank.localhost:4000.
import { randomBytes } from 'node:crypto';
import { BANK_PORT, bankOrigin } from '../catalog/index.js';
import { readSettings } from '../runtime/settings.js';
import { serve } from '../runtime/serve.js';
import { buildBank } from './app.js';

const settings = readSettings(process.env);
const app = buildBank(
  {
    cookieSecret: settings.COOKIE_SECRET ?? randomBytes(32).toString('hex'),
    initialConfiguration: settings.LAB_CONFIG,
  },
  { logger: { level: settings.LOG_LEVEL } },
);
await serve(app, { host: settings.LAB_BIND, port: BANK_PORT, publicUrls: [`${bankOrigin}/`] });
