// The origin world for `cors-lab probe`: attacker hosts go to the attacker site, as in
// `check`; the user's API host goes to --upstream (Host kept), or, without it, through to the
// real host. Every request to the API is logged (world/evidence-log.ts); its marker is read
// and stripped before the API sees it, so neither the attack nor the API changes (a header
// would turn simple requests into preflighted ones, Fetch §3.2.2). Writes, to any of the run's
// write paths, are capped per marker and, against a host that isn't local, paced (world/write-gate.ts).
import type * as mockttp from 'mockttp';
import { EvidenceLog, splitMarker } from './evidence-log.js';
import { startOriginWorld, type OriginWorld } from './origin-world.js';
import { WriteGate } from './write-gate.js';

/**
 * A blank page the proxy itself serves on the API's origin, never the API: the browser logs in
 * from it with a same-origin fetch. (The API's own pages may forbid that: Express's 404 page,
 * for one, sends `Content-Security-Policy: default-src 'none'`.)
 */
export const LOGIN_PAGE_PATH = '/.well-known/cors-lab-login';

export interface ProbeWorldInput {
  api: URL;
  /** Where the API's requests go; null passes them through to the real host. */
  upstream: URL | null;
  /** The attacker pages' hosts (a URL's `host`: the port too when it isn't the default). */
  attackerHosts: readonly string[];
  attackerPort: number;
  /** Each target's write path (no query): requests to them (other than preflights) count as writes. */
  writePaths: readonly string[];
  /** Writes allowed per marker (one attack, origin, browser, cookie policy and target) and write path. */
  writeCap: number;
  /** Least time between two writes reaching the API (0: no pacing). */
  paceMs: number;
}

export interface ProbeWorld extends OriginWorld {
  evidence: EvidenceLog;
  /** Writes to `path` the proxy refused because their marker had used its cap. */
  writesRefused(path: string): number;
}

/** Drops HTTP/2 pseudo-headers (`:authority`…) and sets the API's own Host. */
function forwardHeaders(headers: mockttp.Headers, host: string): mockttp.Headers {
  return { ...Object.fromEntries(Object.entries(headers).filter(([k]) => !k.startsWith(':') && k !== 'host')), host };
}

export async function startProbeWorld(input: ProbeWorldInput): Promise<ProbeWorld> {
  const { api, upstream } = input;
  const evidence = new EvidenceLog(new Set([api.hostname]));
  const gate = new WriteGate(input);
  const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

  const beforeRequest = async (req: mockttp.CompletedRequest): Promise<mockttp.requestSteps.CallbackRequestResult | undefined> => {
    const { marker, url } = splitMarker(req.url);
    const stripped = new URL(url);
    if (stripped.pathname === LOGIN_PAGE_PATH) {
      return {
        response: {
          statusCode: 200,
          headers: { 'content-type': 'text/html; charset=utf-8' },
          body: '<!doctype html><title>cors-lab probe: logging in</title>',
        },
      };
    }
    const write = gate.admit(req.method, stripped.pathname, marker);
    if (write.refuse) {
      return {
        response: {
          statusCode: 429,
          headers: { 'content-type': 'text/plain' },
          body: 'cors-lab probe: this attack has used its write cap; the request never reached the API',
        },
      };
    }
    if (write.waitMs > 0) await sleep(write.waitMs);
    if (upstream) {
      const target = new URL(stripped.pathname + stripped.search, upstream);
      return { url: target.toString(), headers: forwardHeaders(req.headers, api.host) };
    }
    // Through to the real host (untestable here without internet; see the README).
    return marker === null ? undefined : { url };
  };

  // Keeping the API's Host while connecting to the upstream is the point (as in `check`);
  // mockttp's warning about it on every request is kept quiet by the world (proxy-console.ts).
  const world = await startOriginWorld(
    input.attackerHosts.map((host) => ({ host, port: input.attackerPort })),
    {
      observe: (proxy) => evidence.attach(proxy),
      passThrough: [{ host: api.host, options: { beforeRequest, ...(upstream?.protocol === 'https:' ? { ignoreHostHttpsErrors: [upstream.hostname] } : {}) } }],
    },
  );
  return {
    ...world,
    evidence,
    writesRefused: (path) => gate.refused(path),
  };
}
