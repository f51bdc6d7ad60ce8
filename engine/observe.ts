// Turns what the bank's ledger recorded and what the attacker's script saw into one
// observed outcome per cell.
import { SOCKET_MESSAGE, type LedgerEntry } from '../catalog/index.js';
import type { CellOutcome } from '../rules/types.js';

/** What the runner page reports for one attack (runner/runner.js). */
export interface ScriptView {
  readable: boolean;
  status?: number;
  headers?: string[];
  error?: string;
  responseType?: string;
  imageLoaded?: boolean;
  /** A navigation whose window the browser's pop-up blocker refused to open. */
  popupBlocked?: boolean;
  body?: string;
}

export interface BankView {
  preflight: LedgerEntry | null;
  /** The actual request; for a WebSocket, its opening handshake. */
  actual: LedgerEntry | null;
  /** How many non-preflight requests carried this probe (a browser retry would show here). */
  actualCount: number;
  /** The messages the bank answered on a WebSocket this probe opened, in order (empty otherwise). */
  messages: LedgerEntry[];
}

export function bankView(entries: LedgerEntry[]): BankView {
  const preflights = entries.filter((e) => e.method === 'OPTIONS');
  const messages = entries.filter((e) => e.method === SOCKET_MESSAGE);
  const actuals = entries.filter((e) => e.method !== 'OPTIONS' && e.method !== SOCKET_MESSAGE);
  return { preflight: preflights[0] ?? null, actual: actuals[0] ?? null, actualCount: actuals.length, messages };
}

/** Everything the bank answered for the probe besides preflights: the request, then any socket messages. */
export function answered(bank: BankView): LedgerEntry[] {
  return bank.actual ? [bank.actual, ...bank.messages] : [];
}

export function observedOutcome(bank: BankView, script: ScriptView, victim: string): CellOutcome {
  const first = bank.preflight ?? bank.actual;
  return {
    preflightSent: bank.preflight !== null,
    preflightPassed: bank.preflight === null ? null : bank.actual !== null,
    requestReached: bank.actual !== null,
    cookiesSent: bank.actual?.cookiesSent ?? [],
    authenticated: bank.actual?.user === victim,
    // A WebSocket moves money on a message, after the handshake.
    effect: answered(bank).some((e) => e.stateChanged) ? 'transfer' : 'none',
    responseReadable: script.readable,
    originHeader: first?.origin ?? null,
    secFetchSite: first?.secFetchSite ?? null,
  };
}
