// Lab control, under /lab: the trainer's page, the ledger (read and live), the active
// configuration, the accounts, and the attack runner served from the bank's own origin.
// Every route here answers only the bank's own pages (ownPagesOnly); the routes that
// change the lab also take the trainer token once the lab is shared (lab-guard.ts).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ownPagesOnly } from '../../plugins/app/lab-guard.js';
import accounts from './accounts.js';
import configuration from './configuration.js';
import controlPage from './control-page.js';
import ledger from './ledger.js';
import ledgerStream from './ledger-stream.js';
import runner from './runner.js';

export interface LabOptions {
  /** Set when the lab is shared with the network: other machines need it to change the lab. */
  trainerToken?: string;
}

const lab: FastifyPluginAsyncTypebox<LabOptions> = async (app, { trainerToken }) => {
  app.addHook('onRequest', ownPagesOnly);
  // Not the options object itself: it also holds this plugin's own prefix.
  const options = { trainerToken };
  await app.register(controlPage, options);
  await app.register(ledger);
  await app.register(ledgerStream);
  await app.register(configuration, options);
  await app.register(accounts, options);
  await app.register(runner);
};

export default lab;
