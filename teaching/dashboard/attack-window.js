// @ts-check
// The dashboard's one attack window: opened by a click, moved through the runner page of each
// attacker host name (runner/dashboard-mode.js), and the only window whose
// messages a run believes. Both of the dashboard's runs — the active configuration's and
// "Run everything" — drive it.
import { element } from '/runner/dom.js';
import { catalog } from '/runner/runner.js';

/** @typedef {import('../../catalog/public-catalog.js').PublicCatalog['origins'][number]} Origin */

/** The host names whose runner pages the dashboard offers: the attacker site's, the public pages included (catalog/origins.ts `onDashboard`). */
export const attackerOrigins = catalog.origins.filter((o) => o.onDashboard);
const senders = new Set(attackerOrigins.map((o) => o.origin));

/**
 * The host names a run drives: those driven by default (catalog/origins.ts `onDashboardByDefault`),
 * and the public pages too when the trainer ticked `#include-public` — their browser counts them
 * as public only if it was started so (runner/lab-catalog.js `publicPagesNeed`).
 */
export function drivenOrigins() {
  const withPublic = element('#include-public', HTMLInputElement).checked;
  return attackerOrigins.filter((o) => o.onDashboardByDefault || withPublic);
}

/**
 * Opens the attack window at `url`, or moves the one already open there. The one new window a
 * click may open (HTML §7.2.2.1 "allowed to show a popup"); null if the browser blocked it.
 * @param {string} url
 */
export const openAttackWindow = (url) => window.open(url, 'lab-attack-window', 'popup,width=820,height=620');

/**
 * The attacker host name a runner's message speaks for, or null if the message is not this
 * run's: sent by another window or frame, for another run, or for an origin not its own.
 * @param {MessageEvent} event
 * @param {string | null} run
 * @param {Window | null} attackWindow
 * @returns {Origin | null}
 */
export function senderOf(event, run, attackWindow) {
  const m = event.data;
  if (m?.lab !== 'dashboard' || m.run !== run || !senders.has(event.origin)) return null;
  // Only the attack window, or the sandboxed frame inside it, runs the dashboard's attacks.
  const source = /** @type {Window | null} */ (event.source);
  if (!attackWindow || (source !== attackWindow && source?.parent !== attackWindow)) return null;
  const origin = attackerOrigins.find((o) => o.id === m.origin);
  // A page may only speak for its own origin.
  return origin && origin.origin === event.origin ? origin : null;
}

/**
 * Resolves true when `register`'s callback is called (the runner said it is done), false
 * if the attack window closes first.
 * @param {() => Window | null} attackWindow
 * @param {(done: (ok: boolean) => void) => void} register
 * @returns {Promise<boolean>}
 */
export function doneOrClosed(attackWindow, register) {
  return new Promise((done) => {
    const closed = setInterval(() => attackWindow()?.closed && finish(false), 500);
    /** @param {boolean} ok */
    function finish(ok) {
      clearInterval(closed);
      done(ok);
    }
    register(finish);
  });
}

/**
 * What the narrator says the bank recorded for one host name's attacks (teaching/narrator.ts):
 * the entries per attack, and the bank's side of each outcome.
 * @param {URLSearchParams} query `run` and `origin`, and `config` for "Run everything"
 * @returns {Promise<{ byAttack: Record<string, import('./results-table.js').NarratedEntry[]>; bankFacts: Record<string, Omit<import('../../catalog/outcomes.js').OutcomeFacts, 'readable'>> }>}
 */
export async function bankSide(query) {
  const ask = async () => {
    const res = await fetch('/narrator/dashboard-ledger?' + query);
    const body = await res.json();
    if (!res.ok) throw new Error(body.message);
    return body;
  };
  const told = await ask();
  // A navigation's ledger entry is written as the bank answers: ask once more if one is missing.
  if (catalog.attacks.some((a) => told.byAttack[a.id].length === 0)) {
    await new Promise((done) => setTimeout(done, 300));
    return ask();
  }
  return told;
}
