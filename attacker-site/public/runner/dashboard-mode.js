// @ts-check
// When the attacker's dashboard opens this runner as `?dashboard=<run>`, the page runs every
// attack from its own origin, one after the other, exactly as the buttons below would, and
// reports each result to the dashboard window. Running here — a top-level page on this host
// name — keeps each attack in the same cookie context as a real attacker's page.
import { element } from './dom.js';
import { probeId } from './lab-catalog.js';
import { catalog, closeWindowsOpened, runAttack } from './runner.js';
import { here } from './this-browser.js';

const { labOrigin, dashboardRunPattern } = catalog;
const run = new URLSearchParams(location.search).get('dashboard');
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
  for (const [index, attack] of attacks.entries()) {
    // The format the narrator reads back (catalog/probe-ids.ts).
    const probe = probeId('dashboard', { run, origin: here.id, attack: attack.id });
    status.textContent = `Dashboard run from ${self.origin}: attack ${index + 1} of ${attacks.length}, ${attack.id}.`;
    report({ attack: attack.id, state: 'running', probe });
    let seen = await runAttack(attack.id, { config: '', probe });
    if (seen.popupBlocked) {
      // A page may open a new window only on a user's click (HTML §7.2.2.1 "allowed to
      // show a popup"): the pop-up blocker is one more thing the browser enforces.
      report({ attack: attack.id, state: 'needs-click', probe });
      seen = await onClick(banner, attack.id, () => runAttack(attack.id, { config: '', probe }));
    }
    report({ attack: attack.id, state: 'ran', probe, seen });
  }
  // Each host name starts from a clean slate: a named tab left open by another host name
  // would be found again by name (HTML "rules for choosing a navigable"), and a sandboxed
  // frame may not navigate a tab it did not open (HTML "allowed by sandboxing to navigate").
  closeWindowsOpened();
  status.textContent = `Dashboard run from ${self.origin}: all ${attacks.length} attacks ran. The dashboard moves this window on.`;
  report({ state: 'origin-done' });
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
  return new Promise((done) => button.addEventListener('click', () => { button.remove(); done(again()); }, { once: true }));
}
