// @ts-check
// "Run everything": every configuration × every attacker host name × every attack, in this
// browser, with its real cookie settings. The attack window visits each host name's runner
// once; that page runs all the configurations' attacks itself (runner/dashboard-mode.js
// `&everything`) and reports each one. After each configuration, the narrator tells what the
// bank recorded, and the cell's outcomes join the grid and the JSON.
import { element } from '/runner/dom.js';
import { probeNonce } from '/runner/lab-catalog.js';
import { catalog } from '/runner/runner.js';
import { browserName, checkMyBrowser } from '/runner/this-browser.js';
import { bankSide, doneOrClosed, drivenOrigins, openAttackWindow, senderOf } from './attack-window.js';
import { buildGrid, reportJson, showGroup } from './everything-grid.js';
import { outcomeOf } from './results-table.js';

/** @typedef {import('./everything-grid.js').EverythingCell} EverythingCell */

const configIds = new Set(catalog.configurations.map((c) => c.id));

/**
 * Runs everything; `say` tells the learner how it goes.
 * @param {(text: string) => void} say
 */
export async function runEverything(say) {
  const section = element('#everything', HTMLElement);
  const run = probeNonce();
  const driven = drivenOrigins();
  const urlFor = (/** @type {{ runner: string }} */ origin) => origin.runner + '?dashboard=' + run + '&everything';
  const attackWindow = openAttackWindow(urlFor(driven[0]));
  if (!attackWindow) {
    say('Your browser blocked the attack window. Allow pop-ups for ' + location.host + ' and the other attacker host names, then press Run everything again.');
    return;
  }
  /** @type {Map<string, import('/runner/runner.js').ScriptView>} */
  const seen = new Map();
  /** @type {EverythingCell[]} */
  const cells = [];
  /** @type {Promise<void>[]} */
  const narrated = [];
  /** @type {(ok: boolean) => void} */
  let originFinished = () => {};
  const waitForOrigin = () =>
    doneOrClosed(
      () => attackWindow,
      (finish) => {
        originFinished = finish;
      },
    );
  // Listen before anything can yield to the first host name's messages.
  let waiting = waitForOrigin();
  const onMessage = (/** @type {MessageEvent} */ event) => {
    const origin = senderOf(event, run, attackWindow);
    if (!origin) return;
    const m = event.data;
    if (m.state === 'origin-done') originFinished(true);
    if (!configIds.has(m.config)) return;
    if (m.state === 'ran') seen.set(m.config + '|' + origin.id + '|' + m.attack, m.seen);
    if (m.state === 'config-done') narrated.push(fillGroup(m.config, origin.id));
  };
  window.addEventListener('message', onMessage);

  section.hidden = false;
  section.dataset.state = 'running';
  element('#everything-download', HTMLAnchorElement).hidden = true;
  const grid = buildGrid(element('#everything-grid', HTMLElement), driven);
  const cookiePolicy = await checkMyBrowser(element('#detected', HTMLElement));
  const browser = { name: browserName, version: navigator.userAgent, cookiePolicy };
  element('#everything-browser', HTMLElement).textContent =
    `${browser.version} — third-party cookies ${cookiePolicy === null ? 'unknown (log in at the bank first)' : cookiePolicy.replace('third-party-', '')}`;

  /**
   * @param {string} config
   * @param {string} origin
   */
  async function fillGroup(config, origin) {
    const told = await bankSide(new URLSearchParams({ run, origin, config }));
    const group = catalog.attacks.flatMap((attack) => {
      const scriptSaw = seen.get(config + '|' + origin + '|' + attack.id);
      if (!scriptSaw) return [];
      const outcome = outcomeOf(scriptSaw, told.bankFacts[attack.id]);
      return [{ browser: browser.name, cookiePolicy, config, origin, attack: attack.id, read: outcome.readId, write: outcome.write, scriptSaw }];
    });
    cells.push(...group);
    const td = grid.get(config + '|' + origin);
    if (td) showGroup(td, group);
  }

  /** @type {string | null} */
  let stopped = null;
  try {
    for (const [index, origin] of driven.entries()) {
      say(
        `Running everything from ${origin.origin} (${index + 1} of ${driven.length}): all ${catalog.configurations.length} configurations, in the attack window…`,
      );
      if (index > 0) {
        waiting = waitForOrigin();
        attackWindow.location.replace(urlFor(origin));
      }
      if (!(await waiting)) {
        stopped = 'the attack window was closed';
        break;
      }
    }
    await Promise.all(narrated);
  } catch (error) {
    stopped = error instanceof Error ? error.message : String(error);
  } finally {
    window.removeEventListener('message', onMessage);
  }

  const download = element('#everything-download', HTMLAnchorElement);
  download.href = URL.createObjectURL(new Blob([reportJson(browser, cells)], { type: 'application/json' }));
  download.download = `cors-lab-${browser.name}-${cookiePolicy ?? 'unknown-policy'}.json`;
  download.hidden = false;
  section.dataset.state = stopped ? 'stopped' : 'done';
  say((stopped ? `Stopped: ${stopped}. ` : 'Done. ') + `${cells.length} attacks ran in all.`);
}
