// The part of the catalog a browser page needs, as plain JSON: both servers serve it next
// to the attack runner, so the page displays and runs exactly the catalog's code.
import { attacks } from './attacks.js';
import { configurations } from './configurations.js';
import { attackerOrigin, bankOrigin } from './hosts.js';
import { origins, runnerUrl } from './origins.js';

export const DASHBOARD_RUN_PATTERN = '^[a-z0-9]{4,16}$';

export function publicCatalog() {
  return {
    bankOrigin,
    /** Where the attacker's dashboard and the lab's narrator and explainer live. */
    labOrigin: attackerOrigin('attacker.localhost'),
    /** A dashboard run's id; its probes are `dash-<run>-<origin>-<attack>`. */
    dashboardRunPattern: DASHBOARD_RUN_PATTERN,
    attacks: attacks.map(({ id, title, whatGoesWrong, code, request }) => ({ id, title, whatGoesWrong, code, request })),
    configurations: configurations.map(({ id, title, whatGoesWrong, defenses, sessionCookie }) => ({
      id,
      title,
      whatGoesWrong,
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
    })),
  };
}
