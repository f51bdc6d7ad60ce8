// What the bank's ledger records of each request it received: the shape the bank writes, and
// the engine, the rules, the narrator and the report read. A WebSocket shows as its opening
// handshake (a GET, status 101 when the bank accepted it), then one entry per message the bank
// answered on that socket.
import type { CookieVariantId } from './cookie-variants.js';

/**
 * The `method` of a ledger entry for a WebSocket message (a data frame, RFC 6455 §5.6): not an
 * HTTP request, but something the bank received and answered, under the handshake's probe.
 */
export const SOCKET_MESSAGE = 'MESSAGE';

export interface LedgerEntry {
  seq: number;
  time: string;
  method: string;
  path: string;
  /** The probe id the caller attached in the query string or a form field. */
  probe: string | null;
  /** The configuration whose rules answered; null for the lab's own pages. */
  config: string | null;
  origin: string | null;
  referer: string | null;
  secFetchSite: string | null;
  secFetchMode: string | null;
  secFetchDest: string | null;
  contentType: string | null;
  /** The names of every request header, lower-cased and sorted: shows which headers a script added. */
  headerNames: string[];
  /** Request headers a preflight asked for (Access-Control-Request-*). */
  requestedMethod: string | null;
  requestedHeaders: string | null;
  cookiesSent: CookieVariantId[];
  /** The user the configuration's session cookie authenticated, if any. */
  user: string | null;
  stateChanged: boolean;
  /** Which defense refused the request, if one did. */
  refusedBy: string | null;
  status: number;
  /** The CORS headers the bank sent back. */
  corsHeaders: Record<string, string>;
  /** For a WebSocket message (method `MESSAGE`): the type it named, e.g. `transfer`; else null. */
  socketMessage: string | null;
}

export type NewLedgerEntry = Omit<LedgerEntry, 'seq' | 'time'>;
