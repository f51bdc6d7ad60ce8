// The bank's request ledger: every request it received, preflights included, in order.
// A WebSocket shows as its opening handshake (a GET, status 101 when the bank accepted it),
// then one entry per message the bank answered on that socket.
import type { CookieVariantId } from '../../catalog/index.js';
import { BoundedLog } from './bounded-log.js';

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

/** Oldest entries are dropped past this many, so a lab left running can't exhaust memory. */
export const LEDGER_CAPACITY = 200_000;

export class Ledger {
  private entries: BoundedLog<LedgerEntry>;
  private nextSeq = 1;
  private listeners = new Set<(entry: LedgerEntry) => void>();

  constructor(capacity = LEDGER_CAPACITY) {
    this.entries = new BoundedLog(capacity);
  }

  get size(): number {
    return this.entries.length;
  }

  record(entry: NewLedgerEntry): LedgerEntry {
    const full: LedgerEntry = { seq: this.nextSeq++, time: new Date().toISOString(), ...entry };
    this.entries.push(full);
    for (const listener of this.listeners) listener(full);
    return full;
  }

  /** Entries whose probe starts with `probePrefix` (all when absent), after `afterSeq`. */
  query(options: { probePrefix?: string; afterSeq?: number; limit?: number }): LedgerEntry[] {
    const { probePrefix, afterSeq = 0, limit = Infinity } = options;
    const found: LedgerEntry[] = [];
    // Sequence numbers are consecutive in the log, so the first entry after `afterSeq` is found
    // by arithmetic, not by walking up to 200,000 older entries.
    const oldest = this.entries.at(0)?.seq ?? 0;
    for (const entry of this.entries.from(afterSeq - oldest + 1)) {
      if (probePrefix !== undefined && !entry.probe?.startsWith(probePrefix)) continue;
      found.push(entry);
      if (found.length >= limit) break;
    }
    return found;
  }

  subscribe(listener: (entry: LedgerEntry) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  clear(): void {
    this.entries.clear();
  }
}
