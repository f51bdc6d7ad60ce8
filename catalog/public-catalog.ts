// The part of the catalog a browser page needs, as plain JSON: both servers serve it next
// to the attack runner, so the page displays and runs exactly the catalog's code. The pages'
// JavaScript is type-checked against `PublicCatalog` (tsconfig.browser.json), so renaming a
// field here fails `npm test` until every page follows.
import { attacks } from './attacks.js';
import { configurations } from './configurations.js';
import { cookiePolicies } from './cookie-policies.js';
import { cookieVariants } from './cookie-variants.js';
import { LEARNER_KEY_PATTERN, LEARNER_SEGMENT } from './learners.js';
import { ATTACKER_HOST, attackerOrigin, bankOrigin } from './hosts.js';
import { publicPagesLaunch } from './local-network-access.js';
import { publicPagesAddress } from './loopback.js';
import { origins } from './origins.js';
import { onDashboard, onDashboardByDefault, runnerUrl } from './plan-origins.js';
import { readOutcomes, writeOutcomes } from './outcomes.js';
import { probeFormats, probeParts } from './probe-ids.js';
import { TRANSFER_AMOUNT_TEXT, TRANSFER_PATH } from './transfer.js';

export const DASHBOARD_RUN_PATTERN = `^${probeParts.run}$`;

/** Where the lab's explainer (teaching/explainer.ts) answers for one cell, on the lab origin. */
export const EXPLAINER_PATH = '/explainer/cell';

/** Where the explainer draws one cell it was told the script's view of, as a sequence (teaching/sequence.ts). */
export const SEQUENCE_PATH = '/explainer/sequence';

/**
 * Where both servers serve Mermaid's browser bundle, which draws a sequence as SVG: from this
 * machine, never a CDN. The matrix report keeps a copy at the same path under its folder.
 */
export const MERMAID_PATH = '/vendor/mermaid.min.js';

export function publicCatalog() {
  return {
    bankOrigin,
    /** Where the attacker's dashboard and the lab's narrator and explainer live. */
    labOrigin: attackerOrigin(ATTACKER_HOST),
    /** The explainer's path on the lab origin. */
    explainerPath: EXPLAINER_PATH,
    /** The explainer's path for one cell's observed sequence, on the lab origin. */
    sequencePath: SEQUENCE_PATH,
    /** Mermaid's browser bundle, on the page's own server. */
    mermaidPath: MERMAID_PATH,
    /** A dashboard run's id (the `{run}` of `probes.formats.dashboard`). */
    dashboardRunPattern: DASHBOARD_RUN_PATTERN,
    /** How a learner's pages and bank are prefixed in a class, `/<segment>/<key>` (catalog/learners.ts). */
    learners: { segment: LEARNER_SEGMENT, keyPattern: LEARNER_KEY_PATTERN },
    /** How each page tags its requests (catalog/probe-ids.ts). */
    probes: { formats: probeFormats, parts: probeParts },
    /** The transfer the money-moving attacks attempt (catalog/transfer.ts). */
    transfer: { path: TRANSFER_PATH, amountText: TRANSFER_AMOUNT_TEXT },
    attacks: attacks.map(({ id, title, whatGoesWrong, code, request }) => ({ id, title, whatGoesWrong, code, request })),
    configurations: configurations.map(({ id, title, whatGoesWrong, unsafe, defenses, sessionCookie }) => ({
      id,
      title,
      whatGoesWrong,
      /** Why its CORS options are unsafe, or null: the pages say "unsafe: <this>" next to its name. */
      unsafe,
      defenses,
      sessionCookie,
    })),
    origins: origins.map((o) => ({
      id: o.id,
      title: o.title,
      whatGoesWrong: o.whatGoesWrong,
      origin: o.origin,
      host: o.host,
      sandboxed: o.sandboxed,
      servedBy: o.servedBy,
      runner: runnerUrl(o),
      addressSpace: o.addressSpace,
      localNetworkPermission: o.localNetworkPermission,
      /** The dashboard offers this origin's runner (catalog/origins.ts `onDashboard`). */
      onDashboard: onDashboard(o),
      /** The dashboard drives it unless the trainer says otherwise (catalog/origins.ts `onDashboardByDefault`). */
      onDashboardByDefault: onDashboardByDefault(o),
    })),
    /** What a browser must be told at start-up for the public pages to be public (catalog/local-network-access.ts). */
    publicPages: { address: publicPagesAddress, ...publicPagesLaunch },
    cookieVariants: cookieVariants.map(({ id, cookieName, title }) => ({ id, cookieName, title })),
    cookiePolicies: cookiePolicies.map(({ id, title, choice }) => ({ id, title, choice })),
    /** How a result is summed up in symbols and words (catalog/outcomes.ts). */
    outcomes: { read: readOutcomes, write: writeOutcomes },
  };
}

/** catalog.json, as the browser pages receive it. */
export type PublicCatalog = ReturnType<typeof publicCatalog>;
