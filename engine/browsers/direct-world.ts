// The origin world reached directly, without its proxy, for a check whose API is on loopback.
// Through a proxy the browsers can't class addresses: Chromium puts a proxied response in the
// "unknown" address space (network::TransportInfoToIPAddressSpace) and Firefox applies no
// Local Network Access check to a document it loaded through a proxy (both measured here). So
// each host name is resolved by the browser itself to the world's port, on one of two
// loopback addresses: the API and every loopback host on 127.0.0.1, which stays loopback, and
// every other host on PUBLIC_WORLD_ADDRESS, which the browser is told is public (the same
// overrides as the lab's public pages, ./public-pages.ts). The world answers a direct request
// by its Host header as it answers a proxied one. See docs/browser-facts.md, "Local Network
// Access through the origin world".
import { LOOPBACK_ADDRESS } from '../../catalog/index.js';

/** A second loopback address (127.0.0.0/8 is all loopback, RFC 1122 §3.2.1.3) that stands for the public internet. */
export const PUBLIC_WORLD_ADDRESS = '127.0.0.2';

export interface DirectWorld {
  /** The world's port: it answers plain HTTP and TLS on it, as a server, not only as a proxy. */
  port: number;
  /** Host names (no port) the browser must reach as loopback. */
  loopbackHosts: readonly string[];
  /** Host names (no port) the browser must reach as public. */
  publicHosts: readonly string[];
  /** Every port a page or the API names (Firefox maps ports, not hosts). */
  ports: readonly number[];
}

/** The address the browser is told is public: PUBLIC_WORLD_ADDRESS on the world's port. */
export const publicWorldAddress = (world: DirectWorld) => `${PUBLIC_WORLD_ADDRESS}:${world.port}`;

/**
 * Chromium resolves each name by `--host-resolver-rules` (a MAP without a port maps every port
 * of the name), loopback IP literals included.
 */
export function chromiumDirectArgs(world: DirectWorld): string[] {
  const map = (hosts: readonly string[], address: string) => hosts.map((h) => `MAP ${h} ${address}:${world.port}`);
  return [`--host-resolver-rules=${[...map(world.loopbackHosts, LOOPBACK_ADDRESS), ...map(world.publicHosts, PUBLIC_WORLD_ADDRESS)].join(', ')}`];
}

/**
 * Firefox has no per-name mapping: `network.dns.forceResolve` sends every name it resolves to
 * PUBLIC_WORLD_ADDRESS (`localhost` stays loopback: Firefox never asks DNS for it; measured), and `network.socket.forcePort` moves every port the world's origins use to its port.
 */
export function firefoxDirectPrefs(world: DirectWorld): Record<string, string | boolean> {
  return {
    'network.dns.forceResolve': PUBLIC_WORLD_ADDRESS,
    'network.socket.forcePort': world.ports.map((p) => `${p}=${world.port}`).join(';'),
    // `localhost` over IPv4 only: the world's servers are on IPv6 loopback (engine/check-run.ts),
    // and a browser socket must never share their address (mockttp's passthrough-loop check).
    'network.dns.disableIPv6': true,
  };
}
