// The environment of the servers the tests start (playwright.config.ts, webServer): every
// setting explicit, at its default, and no .env read (LAB_DOTENV=no), so that neither a
// developer's local .env nor a setting exported in their shell changes what the tests see.
// LAB_SITE_PLAN alone passes through (Playwright starts servers in its own environment): the
// tests' catalog reads it too, so servers and tests name the same origins.
import { DOTENV_SWITCH, readSettings, settingsAsEnv } from '../runtime/settings.js';

export const testServerEnv: Record<string, string> = {
  ...settingsAsEnv(readSettings({})),
  LOG_LEVEL: 'warn',
  [DOTENV_SWITCH]: 'no',
};
