// Local Network Access (WICG, https://wicg.github.io/local-network-access/): every address a
// browser connects to lies in an IP address space — loopback (this device), local (this
// network) or public (everywhere else) — and a page may reach a more private space than its
// own only with the user's permission. The lab's servers all listen on loopback
// (catalog/loopback.ts); the pages on PUBLIC_PORT are public only because the lab's browsers
// are told so at launch (engine/browsers/launch.ts; docs/browser-facts.md, "Local Network Access").

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
