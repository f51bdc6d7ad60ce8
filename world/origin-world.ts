// The origin world: a local intercepting proxy (mockttp, HTTP Toolkit's) that gives the
// browsers any host name, on default ports and over HTTPS, with no /etc/hosts entry and no
// root. Each host name is routed to a local server, keeping the Host header, so pages have
// real origins such as https://api.example.com and https://evil.test. See docs/browser-facts.md,
// "The origin world", for the shapes this relies on (and Firefox's proxy pitfall).
import * as mockttp from 'mockttp';
import { quietProxyConsole } from './proxy-console.js';

export interface Route {
  /**
   * The host the browser asks for, as a URL's `host`: the name, and the port when it isn't the
   * scheme's default. Two origins that differ only in port (http://localhost:3000 and
   * http://localhost:5173) are two routes; one host serves both schemes on their default ports.
   */
  host: string;
  /** The loopback port of the server that answers for it. */
  port: number;
}

export interface OriginWorld {
  /** The proxy, for the browser: `http://127.0.0.1:<port>`. */
  proxyServer: string;
  /** The proxy's port, where the world also answers direct requests (engine/browsers/direct-world.ts). */
  port: number;
  /** The SPKI fingerprint of the world's CA, for Chromium's --ignore-certificate-errors-spki-list. */
  caSpki: string;
  stop(): Promise<void>;
}

/** For `cors-lab probe`: hosts with their own pass-through, and a look at the proxy's events. */
export interface WorldOptions {
  /** Each host's (a URL's `host`, as in Route) own pass-through handling, e.g. to the user's upstream with a marker stripped. */
  passThrough?: readonly { host: string; options: mockttp.requestSteps.PassThroughStepOptions }[];
  /**
   * Where the routes' servers listen: IPv4 loopback by default, or `[::1]` when browsers reach the
   * world directly over IPv4 (engine/browsers/direct-world.ts), so the two sides of the world
   * never share an address (see the passthrough loop below).
   */
  serversAt?: '127.0.0.1' | '[::1]';
  /** Called once the proxy has started, before any route exists: to subscribe to its events. */
  observe?: (proxy: mockttp.Mockttp) => Promise<void>;
}

export async function startOriginWorld(routes: readonly Route[], options: WorldOptions = {}): Promise<OriginWorld> {
  // A CA made at start-up: nothing to install, nothing left behind.
  const ca = await mockttp.generateCACertificate();
  const proxy = mockttp.getLocal({ https: ca });
  await proxy.start({ startPort: 20_000, endPort: 30_000 });
  await options.observe?.(proxy);
  const seen = new Set<string>();
  for (const { host, options: passThrough } of options.passThrough ?? []) {
    seen.add(host);
    await proxy.forAnyRequest().forHost(host).thenPassThrough(passThrough);
  }
  for (const route of routes) {
    if (seen.has(route.host)) continue;
    seen.add(route.host);
    if (options.serversAt === '[::1]') {
      // mockttp's replaceHost splits host:port at every colon, so an IPv6 target goes in the
      // URL instead, the Host header kept as the browser sent it. Its WebSocket passthrough has
      // no such hook: these worlds route no WebSocket (engine/check-run.ts runs none there).
      await proxy
        .forAnyRequest()
        .forHost(route.host)
        .thenPassThrough({
          beforeRequest: (req) => {
            const { pathname, search } = new URL(req.url);
            return { url: `http://[::1]:${route.port}${pathname}${search}`, headers: req.headers };
          },
        });
      continue;
    }
    await proxy
      .forAnyRequest()
      .forHost(route.host)
      .thenPassThrough({
        transformRequest: { setProtocol: 'http', replaceHost: { targetHost: `127.0.0.1:${route.port}`, updateHostHeader: false } },
      });
    // WebSocket handshakes match WebSocket rules only, never the HTTP ones above.
    await proxy
      .forAnyWebSocket()
      .forHost(route.host)
      .thenPassThrough({
        transformRequest: { setProtocol: 'ws', replaceHost: { targetHost: `127.0.0.1:${route.port}`, updateHostHeader: false } },
      });
  }
  // Anything else (a browser's own background traffic) gets a plain refusal, never the internet.
  await proxy.forUnmatchedRequest().thenReply(502, 'not part of this origin world');
  const loud = quietProxyConsole();
  return {
    // Browsers reach the proxy over IPv6 loopback while the proxy reaches the servers over IPv4:
    // mockttp takes an incoming connection whose remote port equals one of its own outgoing
    // connections' local ports for a passthrough loop, and on one loopback address the two
    // ephemeral ranges can collide (seen here: "Passthrough loop detected" on a form POST).
    proxyServer: `http://[::1]:${proxy.port}`,
    port: proxy.port,
    caSpki: await mockttp.generateSPKIFingerprint(ca.cert),
    stop: async () => {
      await proxy.stop();
      loud();
    },
  };
}
