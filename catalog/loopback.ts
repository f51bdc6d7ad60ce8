// Where Node reaches the two servers. Browsers resolve every `*.localhost` name to loopback
// (RFC 6761 §6.3), but Node's resolver may not, so server-to-server calls, readiness
// checks and test clients use the loopback address itself.
import { ATTACKER_PORT, BANK_PORT, PUBLIC_PORT } from './ports.js';

/** The address the servers bind by default, and the one Node-side clients dial. */
export const LOOPBACK_ADDRESS = '127.0.0.1';

export const bankLoopbackUrl = `http://${LOOPBACK_ADDRESS}:${BANK_PORT}`;
export const attackerLoopbackUrl = `http://${LOOPBACK_ADDRESS}:${ATTACKER_PORT}`;

/**
 * The socket address whose pages the lab's browsers treat as public (Local Network Access;
 * engine/browsers/launch.ts): the attacker site's second port, whatever host name a page uses.
 */
export const publicPagesAddress = `${LOOPBACK_ADDRESS}:${PUBLIC_PORT}`;

/** Each server's readiness URL (its `/healthz`), for `npm start` and Playwright's webServer. */
export const bankHealthUrl = `${bankLoopbackUrl}/healthz`;
export const attackerHealthUrl = `${attackerLoopbackUrl}/healthz`;

/**
 * A loopback host: `localhost` and its subdomains (RFC 6761 §6.3), 127.0.0.0/8 (RFC 1122
 * §3.2.1.3) and ::1 (RFC 4291 §2.5.3), as a URL's hostname gives them.
 */
export function isLocalHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h.endsWith('.localhost') || h === '::1' || /^127\./.test(h);
}
