// Local Network Access (WICG, https://wicg.github.io/local-network-access/): the browser's third
// enforcer, after CORS and cookie policy. A request from a page to an address more private than
// the page's own (a "local network request": public → local → loopback) needs the user's
// permission; without it the browser never sends the request, not even a preflight. What each
// browser gates is a parameter of its profile (rules/browser-profiles.ts, localNetworkAccess).
import { isLocalHost, type AddressSpace, type Attack } from '../catalog/index.js';
import type { BrowserProfile } from './browser-profiles.js';
import type { AttackPage, BankPlace } from './relation.js';
import type { Step } from './types.js';

/** The rule every Local Network Access step names first. */
export const LOCAL_NETWORK_ACCESS_RULE = 'Local Network Access (WICG), “local network access check”';

/** The spec's order of address spaces, from the most private ("IP address space"). */
const privacy: Record<AddressSpace, number> = { loopback: 0, local: 1, public: 2 };

/**
 * A "local network request": its target's address space is more private than its client's.
 * Unknown (a page or a bank the rules have no address space for, as `cors-lab check`'s): none.
 */
export function isLocalNetworkRequest(page: AttackPage, bank: BankPlace): boolean {
  if (page.addressSpace === undefined || bank.addressSpace === undefined) return false;
  return privacy[bank.addressSpace] < privacy[page.addressSpace];
}

/**
 * A page whose document URL is "potentially trustworthy" (Secure Contexts §3.1): https, or a
 * loopback host. A sandboxed frame's document is its embedder's runner, so it shares its scheme.
 */
export function isSecureContextPage(page: Pick<AttackPage, 'pageUrl'>): boolean {
  const url = new URL(page.pageUrl);
  return url.protocol === 'https:' || isLocalHost(url.hostname);
}

const browserTitle = { chromium: 'Chromium', firefox: 'Firefox', webkit: 'WebKit' } as const;

/**
 * The Local Network Access check of one request: null when the request is no local network
 * request (then nothing is said, as in every other cell); otherwise whether the browser sends
 * it, and the step that says why.
 */
export function localNetworkAccessCheck(page: AttackPage, bank: BankPlace, attack: Attack, browser: BrowserProfile): { sent: boolean; step: Step } | null {
  if (!isLocalNetworkRequest(page, bank)) return null;
  const asked = `a ${page.addressSpace} page (${page.origin}) asked for the ${bank.addressSpace} address space`;
  const name = browserTitle[browser.name];
  const step = (sent: boolean, says: string, rule = LOCAL_NETWORK_ACCESS_RULE) => ({ sent, step: { rule, says, enforcer: 'local network access' as const } });
  const gates = browser.localNetworkAccess;
  if (gates === null) {
    return step(
      true,
      `Local network access: ${asked}, but ${name} enforces no such check: the request goes out as from any cross-site page.`,
      `${LOCAL_NETWORK_ACCESS_RULE}; rules/browser-profiles.ts (localNetworkAccess)`,
    );
  }
  if (attack.request.mode === 'navigate') {
    return step(true, `Local network access: ${asked}, but a top-level navigation is not gated: the browser sends it whatever the permission says.`);
  }
  if (gates.deniesNonSecureContexts && !isSecureContextPage(page)) {
    return step(
      false,
      `Local network access: ${asked}, and the page is no secure context (${new URL(page.pageUrl).protocol}// on a public name): ${name} denies it the permission whatever the user would answer, so the browser never sent the request.`,
      `${LOCAL_NETWORK_ACCESS_RULE}; Secure Contexts §3.1; rules/browser-profiles.ts (localNetworkAccess.deniesNonSecureContexts)`,
    );
  }
  if (page.localNetworkPermission === 'granted') {
    return step(true, `Local network access: ${asked}; the user allowed it, so the permission lets the request through, as from any cross-site page.`);
  }
  if (attack.request.mode === 'websocket' && !gates.gatesWebSocket) {
    return step(
      true,
      `Local network access: ${asked}; the permission was denied, but ${name} doesn’t gate a WebSocket handshake: it goes out all the same.`,
      `${LOCAL_NETWORK_ACCESS_RULE}; rules/browser-profiles.ts (localNetworkAccess.gatesWebSocket)`,
    );
  }
  return step(false, `Local network access: ${asked}; the permission was denied, so the browser never sent the request.`);
}
