// How the lab sums up one attack for a reader, in the matrix report and on the dashboard:
// a read symbol and a write symbol, each with words beside it (never colour alone,
// WCAG 2.2 SC 1.4.1). Each table is read top-down and the first row whose `when` holds wins.
// Browser pages receive the tables through catalog.json and classify with them.
import type { Endpoint } from './attacks.js';

/** The facts an outcome is read from. */
export interface OutcomeFacts {
  /** The attacker's script could read the bank's answer. */
  readable: boolean;
  /** The bank answered with the victim's private data: an authenticated 200 from /account. */
  privateAnswer: boolean;
  /** The actual request (not just a preflight) reached the bank. */
  reached: boolean;
  /** The bank moved money. */
  moneyMoved: boolean;
}

export interface OutcomeRow<Id extends string> {
  id: Id;
  /** A few characters for a grid cell. */
  symbol: string;
  /** The words beside the symbol. */
  text: string;
  /** The sentence a legend gives the symbol. */
  legend: string;
  /** The facts that must all hold (an empty object always holds). */
  when: Partial<OutcomeFacts>;
}

export type ReadOutcomeId = 'stole' | 'read' | 'none';
export type WriteOutcomeId = 'moved' | 'arrived' | 'blocked';

export const readOutcomes: readonly OutcomeRow<ReadOutcomeId>[] = [
  {
    id: 'stole',
    symbol: 'R!',
    text: 'read the victim’s private data',
    legend: 'the attacker’s script read the victim’s private data',
    when: { readable: true, privateAnswer: true },
  },
  { id: 'read', symbol: 'R✓', text: 'read the answer', legend: 'it read the answer (an error or public data)', when: { readable: true } },
  { id: 'none', symbol: 'R✗', text: 'could not read', legend: 'it could not', when: {} },
];

export const writeOutcomes: readonly OutcomeRow<WriteOutcomeId>[] = [
  { id: 'moved', symbol: '$', text: 'money moved', legend: 'money moved', when: { moneyMoved: true } },
  { id: 'arrived', symbol: '→', text: 'arrived, no money moved', legend: 'the request arrived, no money moved', when: { reached: true } },
  { id: 'blocked', symbol: '✗', text: 'never reached the bank', legend: 'never reached the bank', when: {} },
];

/** The first row of `table` whose facts all hold. */
export function classify<Id extends string>(table: readonly OutcomeRow<Id>[], facts: OutcomeFacts): OutcomeRow<Id> {
  const row = table.find((r) => Object.entries(r.when).every(([fact, value]) => facts[fact as keyof OutcomeFacts] === value));
  if (!row) throw new Error('an outcome table must end with a row that always holds');
  return row;
}

export interface Outcome {
  read: ReadOutcomeId;
  write: WriteOutcomeId;
}

export function outcomeOf(facts: OutcomeFacts): Outcome {
  return { read: classify(readOutcomes, facts).id, write: classify(writeOutcomes, facts).id };
}

/** What the bank answered, as its ledger records a request (bank-server/store/ledger.ts). */
interface Answered {
  user: string | null;
  status: number;
  stateChanged: boolean;
}

/**
 * The bank's side of the facts, from the actual (non-preflight) requests the ledger holds for
 * one attack. `readable` is the script's side: only the attacker's page knows it.
 */
export function bankFacts(endpoint: Endpoint, actual: readonly Answered[]): Omit<OutcomeFacts, 'readable'> {
  return {
    privateAnswer: endpoint === 'account' && actual.some((e) => e.user !== null && e.status === 200),
    reached: actual.length > 0,
    moneyMoved: actual.some((e) => e.stateChanged),
  };
}

/**
 * The facts of a cell outcome the rules predicted (rules/types.ts `CellOutcome`). A
 * prediction names no status: an authenticated request to /account is taken as answered.
 */
export function predictedFacts(
  endpoint: Endpoint,
  predicted: { responseReadable: boolean; authenticated: boolean; requestReached: boolean; effect: 'transfer' | 'none' },
): OutcomeFacts {
  return {
    readable: predicted.responseReadable,
    privateAnswer: endpoint === 'account' && predicted.authenticated,
    reached: predicted.requestReached,
    moneyMoved: predicted.effect === 'transfer',
  };
}
