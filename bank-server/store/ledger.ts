// The bank's request ledger: every request it received, preflights included, in order.
// A WebSocket shows as its opening handshake (a GET, status 101 when the bank accepted it),
// then one entry per message the bank answered on that socket.
import type { LedgerEntry, NewLedgerEntry } from '../../catalog/index.js';
import { BoundedLog } from './bounded-log.js';

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

  /** The sequence number of the latest entry (0 before the first): a query `afterSeq` it finds only what comes next. */
  get lastSeq(): number {
    return this.nextSeq - 1;
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
