// An attack is written twice: `code`, which the browser runs, and `request`, the description
// the rules reason from. This compares the description with what the browser really sent, as
// the bank's ledger (or the origin world's proxy log) recorded it, so the rules can never
// explain a request that was not made. A mismatch fails the cell like any disagreement.
import { mediaTypeEssence, endpointOfPath, type Attack, type AttackId, type LabBrowserName } from '../catalog/index.js';
import { browserProfiles } from '../rules/browser-profiles.js';
import { needsPreflight, unsafeHeaders } from '../rules/cors-check.js';
import type { BankView } from './observe.js';

export interface SentRequestMismatch {
  attack: AttackId;
  /** The field of `attack.request` (or derived from it) that the browser contradicted. */
  field: 'api' | 'method' | 'path' | 'endpoint' | 'contentType' | 'mode' | 'destination' | 'preflight' | 'extraHeaders' | 'credentials';
  described: string;
  sent: string;
}

export interface SentRequestContext {
  /** The path the attack's `request.path` is appended to, e.g. `/c/allowlist`. */
  basePath: string;
  /** Was the page on another origin than the bank? */
  crossOrigin: boolean;
  /**
   * The browser that sent it, where it matters: a WebSocket handshake carries Sec-Fetch-*
   * only from a browser that sends Fetch Metadata on one (rules/browser-profiles.ts).
   */
  browser?: LabBrowserName;
}

/** The MIME type essence (Fetch §3.2.1 / MIME Sniffing §4.1): parameters such as charset dropped. */
function essence(contentType: string | null): string {
  return contentType === null ? '(none)' : mediaTypeEssence(contentType);
}

function list(names: readonly string[]): string {
  return names.length === 0 ? '(none)' : [...names].sort().join(',');
}

export function sentRequestMismatches(attack: Attack, seen: BankView, { basePath, crossOrigin, browser }: SentRequestContext): SentRequestMismatch[] {
  const described = attack.request;
  const found: SentRequestMismatch[] = [];
  const differ = (field: SentRequestMismatch['field'], said: string, sent: string) => {
    if (said !== sent) found.push({ attack: attack.id, field, described: said, sent });
  };
  const { preflight, actual } = seen;
  const first = preflight ?? actual;
  if (first === null) return found; // nothing reached the bank: nothing to compare

  const preflightNeeded = needsPreflight(attack, crossOrigin).needed;
  differ('preflight', preflightNeeded ? 'a preflight first' : 'no preflight', preflight ? 'a preflight first' : 'no preflight');
  if (preflight && actual && preflight.seq > actual.seq) differ('preflight', 'a preflight first', 'the preflight after the request');

  differ('path', basePath + described.path, first.path);
  // A WebSocket handshake is the only request with Sec-WebSocket-Key (RFC 6455 §4.1 step 7).
  const upgrade = first.headerNames.includes('sec-websocket-key');
  differ('api', described.api === 'websocket' ? 'a WebSocket handshake' : 'an HTTP request', upgrade ? 'a WebSocket handshake' : 'an HTTP request');
  if (described.api === 'websocket') {
    // The endpoint of a socket is the message the script sent on it, as the bank recorded it.
    const message = seen.messages[0];
    if (message) differ('endpoint', described.endpoint, message.socketMessage ?? '(not a message the bank knows)');
  } else {
    differ('endpoint', described.endpoint, String(first.path.startsWith(basePath) ? endpointOfPath(first.path.slice(basePath.length)) : null));
  }
  // No Fetch Metadata at all on a WebSocket handshake from a browser that sends none on one.
  const fetchMetadata = described.mode !== 'websocket' || browser === undefined || browserProfiles[browser].fetchMetadataOnWebSocket;

  if (preflight) {
    // A preflight names the request to come (Fetch §4.8 steps 3–5): its method and its
    // non-safelisted header names, lower-cased and sorted.
    differ('method', described.method, preflight.requestedMethod ?? '(none)');
    differ(
      'extraHeaders',
      list(unsafeHeaders(attack)),
      list(
        (preflight.requestedHeaders ?? '')
          .split(',')
          .map((h) => h.trim())
          .filter(Boolean),
      ),
    );
  }
  if (actual) {
    differ('method', described.method, actual.method);
    differ('contentType', essence(described.contentType), essence(actual.contentType));
    differ('mode', fetchMetadata ? described.mode : '(no Sec-Fetch-Mode)', actual.secFetchMode ?? '(no Sec-Fetch-Mode)');
    differ('destination', fetchMetadata ? described.destination : '(no Sec-Fetch-Dest)', actual.secFetchDest ?? '(no Sec-Fetch-Dest)');
    const extra = described.extraHeaders.map((h) => h.toLowerCase());
    differ('extraHeaders', list(extra), list(extra.filter((h) => actual.headerNames.includes(h))));
    // Fetch §4.5 HTTP-network-or-cache fetch: cookies ride only when credentials mode is
    // "include", or "same-origin" on a same-origin request.
    if (actual.cookiesSent.length > 0) {
      const allowsCookies = described.credentials === 'include' || (described.credentials === 'same-origin' && !crossOrigin);
      if (!allowsCookies) differ('credentials', described.credentials, `cookies arrived (${actual.cookiesSent.join(', ')}), so "include"`);
    }
  }
  return found;
}

/** One line per mismatch, for a failing cell's message. */
export function describeMismatch(m: SentRequestMismatch): string {
  return `${m.attack}: request.${m.field} says ${m.described}, the browser sent ${m.sent}`;
}
