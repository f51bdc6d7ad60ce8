// @ts-check
// When the attacker's dashboard opens this runner as `?dashboard=<run>`, the page runs every
// attack from its own origin, one after the other, exactly as the buttons below would, and
// reports each result to the dashboard window. Running here — a top-level page on this host
// name — keeps each attack in the same cookie context as a real attacker's page. With
// `&everything`, the dashboard's "Run everything", it does so once per configuration of the
// catalog, aiming at the bank's `/c/<id>`; otherwise at the bank's active configuration.
import { element } from './dom.js';
import { probeId } from './lab-catalog.js';
import { catalog, closeWindowsOpened, runAttack } from './runner.js';
import { here, labServer } from './this-browser.js';

const { labOrigin, dashboardRunPattern } = catalog;
const query = new URLSearchParams(location.search);
const run = query.get('dashboard');
const everything = query.has('everything');
// The sandboxed frame has no opener of its own: its top-level page is the window the
// dashboard opened (`opener` is readable across origins, HTML §7.2.3.1).
const dashboard = window.opener ?? window.top?.opener;

if (run && new RegExp(dashboardRunPattern).test(run) && dashboard) {
  const banner = document.createElement('section');
  banner.className = 'dashboard-banner';
  banner.setAttribute('aria-label', 'Dashboard run');
  const status = Object.assign(document.createElement('p'), { role: 'status' });
  banner.append(status);
  element('main', HTMLElement).prepend(banner);

  /** @param {object} message */
  const report = (message) => dashboard.postMessage({ lab: 'dashboard', run, origin: here.id, ...message }, labOrigin);
  const { attacks } = catalog;
  // '' is the bank's active configuration (runner.js bankFor).
  const configs = everything ? catalog.configurations.map((c) => c.id) : [''];
  for (const [round, config] of configs.entries()) {
    const aim = everything ? ` against ${config} (configuration ${round + 1} of ${configs.length})` : '';
    for (const [index, attack] of attacks.entries()) {
      // The formats the narrator reads back (catalog/probe-ids.ts).
      const probe = everything
        ? probeId('everything', { run, config, origin: here.id, attack: attack.id })
        : probeId('dashboard', { run, origin: here.id, attack: attack.id });
      status.textContent = `Dashboard run from ${self.origin}${aim}: attack ${index + 1} of ${attacks.length}, ${attack.id}.`;
      const message = { ...(everything ? { config } : {}), attack: attack.id, probe };
      report({ ...message, state: 'running' });
      let seen = await runAttack(attack.id, { config, probe });
      if (seen.popupBlocked) {
        // A page may open a new window only on a user's click (HTML §7.2.2.1 "allowed to
        // show a popup"): the pop-up blocker is one more thing the browser enforces.
        report({ ...message, state: 'needs-click' });
        seen = await onClick(banner, attack.id, () => runAttack(attack.id, { config, probe }));
      }
      // One navigation at a time in the one navigation window: a later navigation of a
      // navigable aborts an ongoing one (HTML §7.4.2.2 "navigate"), and this page can't see a
      // cross-origin document load (nor, sandboxed, even its own about:blank). So it waits
      // until the bank has answered, which the lab's narrator can tell.
      if (attack.request.mode === 'navigate') await bankAnswered(everything ? { run, origin: here.id, config } : { run, origin: here.id }, attack.id);
      report({ ...message, state: 'ran', seen });
    }
    if (everything) report({ config, state: 'config-done' });
  }
  // Each host name starts from a clean slate: a named tab left open by another host name
  // would be found again by name (HTML "rules for choosing a navigable"), and a sandboxed
  // frame may not navigate a tab it did not open (HTML "allowed by sandboxing to navigate").
  closeWindowsOpened();
  status.textContent = `Dashboard run from ${self.origin}: all ${attacks.length} attacks ran. The dashboard moves this window on.`;
  report({ state: 'origin-done' });
}

/**
 * Resolves once the bank's ledger holds a request of this run's `attackId`, or after 10 s.
 * @param {Record<string, string>} query the narrator's `/narrator/dashboard-ledger` query
 * @param {string} attackId
 */
async function bankAnswered(query, attackId) {
  const url = labServer + '/narrator/dashboard-ledger?' + new URLSearchParams(query);
  for (const deadline = Date.now() + 10_000; Date.now() < deadline; await new Promise((done) => setTimeout(done, 50))) {
    const res = await fetch(url);
    if (res.ok && (await res.json()).byAttack[attackId]?.length > 0) return;
  }
}

/**
 * Runs `again` from inside the click handler of a button the learner presses: browsers tie
 * the permission to open a window to the click (Firefox, in a sandboxed frame, only while
 * the handler runs).
 * @template T
 * @param {HTMLElement} banner
 * @param {string} attackId
 * @param {() => T} again
 * @returns {Promise<T>}
 */
function onClick(banner, attackId, again) {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'needs-click';
  button.textContent = `Your browser blocked the new tab ${attackId} opens (no click, no pop-up). Click to run ${attackId} again`;
  banner.append(button);
  button.focus();
  return new Promise((done) =>
    button.addEventListener(
      'click',
      () => {
        button.remove();
        done(again());
      },
      { once: true },
    ),
  );
}
