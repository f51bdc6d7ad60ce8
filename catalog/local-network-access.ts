// Local Network Access (WICG, https://wicg.github.io/local-network-access/): every address a
// browser connects to lies in an IP address space — loopback (this device), local (this
// network) or public (everywhere else) — and a page may reach a more private space than its
// own only with the user's permission. The lab's servers all listen on loopback
// (catalog/loopback.ts); the pages on PUBLIC_PORT are public only because the lab's browsers
// are told so at launch (engine/browsers/launch.ts; docs/browser-facts.md, "Local Network Access").
import { publicPagesAddress } from './loopback.js';

/** The spec's IP address spaces, most private first ("IP address space"). */
export type AddressSpace = 'loopback' | 'local' | 'public';

/**
 * The user's answer for a public page that asks for a more private space: `denied` is also a
 * prompt nobody answers (the browser blocks the request meanwhile), `granted` the user's "Allow".
 */
export type LocalNetworkPermission = 'denied' | 'granted';

/** Every lab server listens on loopback: the bank's address space, and every page's but the public ones'. */
export const LAB_ADDRESS_SPACE: AddressSpace = 'loopback';

/**
 * The state a cell from a public page is judged in: the user's answer, or `not-enforced` in a
 * browser that has no such permission (catalog/browsers.ts, `localNetworkPermission: null`). A
 * page on loopback, like the API, has no state: Local Network Access does not apply to it.
 */
export type LocalNetworkAccessState = LocalNetworkPermission | 'not-enforced';

/** Chromium's switch that puts each socket address (`ip:port`) in the public address space. */
export function chromiumPublicSwitch(addresses: readonly string[]): string {
  return `--ip-address-space-overrides=${addresses.map((a) => `${a}=public`).join(',')}`;
}

/** Firefox's preferences that put each socket address in the public space, with "Block" as the loopback default. */
export function firefoxPublicPrefsFor(addresses: readonly string[]) {
  return {
    'network.lna.address_space.public.override': addresses.join(','),
    'permissions.default.loopback-network': 2,
  };
}

/**
 * What a browser must be told at start-up for the lab's public pages to be public (every page
 * served from `publicPagesAddress`, whatever its host name). The lab launches its own browsers
 * with these (engine/browsers/public-pages.ts); a trainer's browser needs the same, and the
 * dashboard and the runner show them from here. Measured in Chromium 156 and Firefox ESR 153
 * (docs/browser-facts.md, "Local Network Access").
 */
export const publicPagesLaunch = {
  /**
   * Chromium's override of an address's IP address space (the switch Chrome's Local Network
   * Access guide gives for testing). Unanswered, Chromium's permission prompt blocks the
   * request already: nothing more is needed for "denied".
   */
  chromiumSwitches: [chromiumPublicSwitch([publicPagesAddress])],
  /**
   * Firefox's override of an address's space, and the user's "Block" as the default answer
   * for loopback: without it Firefox asks the user, and under Playwright its prompt closes the page.
   */
  firefoxPrefs: firefoxPublicPrefsFor([publicPagesAddress]),
} as const;
