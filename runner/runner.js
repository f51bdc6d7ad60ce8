// @ts-check
// The attacker's runner. It builds every attack from the catalog's code text — the same
// text the page displays — runs it against one configuration of the bank, and reports
// what the attacker's script ended up holding.
/** catalog.json: the part of the catalog a page needs (catalog/public-catalog.ts). */
export const catalog = /** @type {import('../catalog/public-catalog.js').PublicCatalog} */ (
  await (await fetch(new URL('catalog.json', import.meta.url))).json()
);

// Indirect eval runs the text in global scope, exactly as a <script> of the attacker would.
/** @type {Map<string, (lab: { bank: string; probe: string }) => Promise<unknown>>} */
// biome-ignore lint/security/noGlobalEval: running the text the learner reads is the point of the runner
const compiled = new Map(catalog.attacks.map((a) => [a.id, globalThis.eval('(' + a.code + ')')]));

/** @param {number} ms */
const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

/**
 * The bank URL for one configuration: `/c/<id>`, or the active configuration when absent.
 * @param {string} config
 */
export function bankFor(config) {
  return catalog.bankOrigin + (config ? '/c/' + encodeURIComponent(config) : '');
}

/**
 * What the attacker's script ended up holding (engine/observe.ts `ScriptView` reads it).
 * @typedef {{ readable: boolean; status?: number; responseType?: string; headers?: string[]; body?: string; error?: string; imageLoaded?: boolean; popupBlocked?: boolean }} ScriptView
 */

/** What a navigation attack holds when the browser opened no window for it. */
const POPUP_BLOCKED = /** @type {ScriptView} */ (Object.freeze({ readable: false, popupBlocked: true, error: 'the popup was blocked' }));

/**
 * @param {string} attackId
 * @param {{ config: string; probe: string; bank?: string; code?: string }} options `bank` aims the attack at
 *   another base URL than the lab's bank, e.g. the user's API in `cors-lab check`; `code` runs
 *   this text instead of the catalog's, e.g. the attack re-aimed at the user's endpoints by
 *   `cors-lab probe` (engine/probe-attacks.ts), which its report shows as it is.
 * @returns {Promise<ScriptView>}
 */
export async function runAttack(attackId, { config, probe, bank, code }) {
  const attack =
    // biome-ignore lint/security/noGlobalEval: the re-aimed attack's text, shown in the report, is what runs
    code === undefined ? compiled.get(attackId) : /** @type {(lab: { bank: string; probe: string }) => Promise<unknown>} */ (globalThis.eval('(' + code + ')'));
  if (!attack) throw new Error('unknown attack ' + attackId);
  let held;
  try {
    held = await attack({ bank: bank ?? bankFor(config), probe });
  } catch (error) {
    // Firefox throws instead of returning null when a sandboxed frame's window.open() is
    // blocked (bug 1176397; HTML says return null): either way, no window, no request.
    if (error instanceof DOMException && error.name === 'InvalidAccessError' && catalog.attacks.find((a) => a.id === attackId)?.request.mode === 'navigate') {
      return POPUP_BLOCKED;
    }
    // fetch() rejects with a TypeError when the CORS check fails (Fetch §4.1 main fetch).
    return { readable: false, error: String(error) };
  }
  return whatTheScriptSees(held, probe);
}

/**
 * @param {unknown} held
 * @param {string} probe
 * @returns {Promise<ScriptView>}
 */
async function whatTheScriptSees(held, probe) {
  if (held instanceof Response) {
    // An opaque response (mode "no-cors") has status 0, no headers and a null body.
    if (held.type === 'opaque') return { readable: false, status: 0, responseType: 'opaque', headers: [] };
    return { readable: true, status: held.status, responseType: held.type, headers: [...held.headers.keys()], body: await held.text() };
  }
  if (held instanceof XMLHttpRequest) {
    // A failed CORS check surfaces as a network error: status 0, empty response.
    if (held.status === 0) return { readable: false, status: 0, error: 'network error', headers: [] };
    const headers = held
      .getAllResponseHeaders()
      .trim()
      .split(/\r?\n/)
      .filter(Boolean)
      .map((line) => line.split(':')[0].toLowerCase());
    return { readable: true, status: held.status, headers, body: held.responseText };
  }
  if (held instanceof MessageEvent) {
    // A WebSocket message: no CORS check ever stood between it and the script.
    return { readable: true, body: String(held.data), headers: [] };
  }
  if (held instanceof CloseEvent) {
    // The socket closed before any message: the bank refused the handshake (the script never
    // sees why: RFC 6455 §4.1 fails the connection, code 1006).
    return { readable: false, error: 'the socket closed (code ' + held.code + ') before any message', headers: [] };
  }
  if (held instanceof HTMLImageElement) {
    // An image tells the script only whether it decoded: never the response body.
    return { readable: false, imageLoaded: held.naturalWidth > 0, headers: [] };
  }
  if (held === null) return POPUP_BLOCKED;
  const opened = /** @type {Window} */ (held);
  windowsOpened.add(opened);
  return readPopup(opened, probe);
}

/** @type {Set<Window>} */
const windowsOpened = new Set();

/** Closes the tabs the navigation attacks opened, once their navigations have landed. */
export function closeWindowsOpened() {
  for (const opened of windowsOpened) opened.close();
  windowsOpened.clear();
}

// A navigation in a window this script opened: readable only if the new document is
// same-origin with this page (HTML §7.2.3.1, cross-origin objects throw SecurityError).
// The tab stays open (closing it could cancel a navigation still on its way) until the
// page's owner calls closeWindowsOpened().
/**
 * @param {Window} popup
 * @param {string} probe
 * @returns {Promise<ScriptView>}
 */
async function readPopup(popup, probe) {
  for (const deadline = Date.now() + 15_000; Date.now() < deadline; await sleep(25)) {
    let href;
    try {
      href = popup.location.href;
    } catch {
      return { readable: false, error: 'cross-origin document', headers: [] };
    }
    if (href.includes('probe=' + probe) && popup.document.readyState === 'complete') {
      // The text the window shows, as a script that can reach the document reads it.
      // biome-ignore lint/performance/useDomNodeTextContent: innerText is the rendered text, which is what was stolen
      return { readable: true, body: popup.document.body?.innerText ?? '', headers: [] };
    }
  }
  return { readable: false, error: 'the navigation did not finish in 15 s' };
}

window.lab = { catalog, runAttack, bankFor };
document.documentElement.dataset.labReady = 'true';
