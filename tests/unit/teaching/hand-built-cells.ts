// Cells for the sequence tests: the rules' real prediction (the bank answers in-process, no
// browser), and an observation written by hand from what the rules say a browser sends — never
// copied from a run — so that a test can also write one that disagrees.
import type { AttackId, CookiePolicyId, LedgerEntry, OriginId } from '../../../catalog/index.js';
import type { BankView, ScriptView } from '../../../engine/observe.js';
import { BankOracle } from '../../../rules/bank-oracle.js';
import { predictCell, type Prediction } from '../../../rules/predict.js';
import { labSequence } from '../../../teaching/lab-sequence.js';
import type { Sequence } from '../../../teaching/sequence.js';

export const ATTACKER = 'http://attacker.localhost:4100';

export interface CellKey {
  config: string;
  origin: OriginId;
  attack: AttackId;
  browser: 'chromium' | 'firefox';
  policy: CookiePolicyId;
}

let oracle: Promise<BankOracle> | null = null;

export async function closeOracle(): Promise<void> {
  if (oracle) await (await oracle).close();
  oracle = null;
}

/** A ledger entry as the bank writes one; `fields` says what differs from a bare cross-site request. */
export function entry(fields: Partial<LedgerEntry>): LedgerEntry {
  return {
    seq: 1,
    time: '2026-12-03T12:00:00.000Z',
    method: 'GET',
    path: '/c/hand-built/account',
    probe: 'hand-built',
    config: 'hand-built',
    origin: ATTACKER,
    referer: `${ATTACKER}/`,
    secFetchSite: 'cross-site',
    secFetchMode: 'cors',
    secFetchDest: 'empty',
    contentType: null,
    headerNames: [],
    requestedMethod: null,
    requestedHeaders: null,
    cookiesSent: [],
    user: null,
    stateChanged: false,
    refusedBy: null,
    status: 200,
    corsHeaders: {},
    socketMessage: null,
    ...fields,
  };
}

export function bankSaw(view: Partial<BankView>): BankView {
  const actual = view.actual ?? null;
  return { preflight: null, actual, actualCount: actual ? 1 : 0, messages: [], ...view };
}

/** A hand-built observed cell: its key and what the bank and the script saw. */
export interface HandBuiltCell {
  key: CellKey;
  observed: { bank: BankView; script: ScriptView };
}

export const handBuilt = {
  /** allowlist refuses a stranger's preflight: no Access-Control-Allow-Origin. */
  refusedPut: {
    key: { config: 'allowlist', origin: 'attacker', attack: 'fetch-put', browser: 'firefox', policy: 'third-party-blocked' },
    observed: {
      bank: bankSaw({
        preflight: entry({
          method: 'OPTIONS',
          path: '/c/allowlist/transfer',
          requestedMethod: 'PUT',
          requestedHeaders: 'content-type',
          status: 204,
          corsHeaders: {
            'access-control-allow-credentials': 'true',
            'access-control-allow-methods': 'GET, HEAD, POST, PUT, DELETE',
            'access-control-allow-headers': 'content-type',
            vary: 'Origin',
          },
        }),
      }),
      script: { readable: false, error: 'TypeError: NetworkError when attempting to fetch resource.' },
    },
  },
  /** Chromium, an hour after log-in: None and the Partitioned cookie (the bank's own partition on a navigation to it) ride the form. */
  formPostMovesMoney: {
    key: { config: 'none', origin: 'attacker', attack: 'form-post', browser: 'chromium', policy: 'third-party-blocked' },
    observed: {
      bank: bankSaw({
        actual: entry({
          method: 'POST',
          path: '/c/none/transfer',
          secFetchMode: 'navigate',
          secFetchDest: 'document',
          contentType: 'application/x-www-form-urlencoded',
          cookiesSent: ['none', 'partitioned'],
          user: 'alice',
          stateChanged: true,
        }),
      }),
      script: { readable: false, error: 'cross-origin document', headers: [] },
    },
  },
  /** Firefox, third-party cookies allowed: None and the defaulted-None cookie ride; the bank reflects the origin with credentials. */
  readAllowed: {
    key: { config: 'reflect-any-origin', origin: 'attacker', attack: 'fetch-read-account', browser: 'firefox', policy: 'third-party-allowed' },
    observed: {
      bank: bankSaw({
        actual: entry({
          path: '/c/reflect-any-origin/account',
          cookiesSent: ['none', 'unset'],
          user: 'alice',
          corsHeaders: { 'access-control-allow-origin': ATTACKER, 'access-control-allow-credentials': 'true', vary: 'Origin' },
        }),
      }),
      script: { readable: true, status: 200, responseType: 'cors', body: '{"username":"alice"}' },
    },
  },
  /** Firefox sends Sec-Fetch-* on a handshake; None and the defaulted-None cookie ride it. */
  websocketTransfer: {
    key: { config: 'allowlist', origin: 'attacker', attack: 'websocket-transfer', browser: 'firefox', policy: 'third-party-allowed' },
    observed: {
      bank: bankSaw({
        actual: entry({
          path: '/c/allowlist/socket',
          secFetchMode: 'websocket',
          headerNames: ['cookie', 'origin', 'sec-websocket-key'],
          cookiesSent: ['none', 'unset'],
          user: 'alice',
          status: 101,
        }),
        messages: [entry({ seq: 2, method: 'MESSAGE', path: '/c/allowlist/socket', socketMessage: 'transfer', user: 'alice', stateChanged: true })],
      }),
      script: { readable: true, body: '{"type":"transfer"}', headers: [] },
    },
  },
  /** The rules say the None cookie rides and the account is read; this browser sent no cookie and its script read nothing. */
  disagreeing: {
    key: { config: 'reflect-any-origin', origin: 'attacker', attack: 'fetch-read-account', browser: 'chromium', policy: 'third-party-allowed' },
    observed: {
      bank: bankSaw({
        actual: entry({
          path: '/c/reflect-any-origin/account',
          status: 401,
          corsHeaders: { 'access-control-allow-origin': ATTACKER, 'access-control-allow-credentials': 'true' },
        }),
      }),
      script: { readable: false, error: 'TypeError: Failed to fetch' },
    },
  },
} satisfies Record<string, HandBuiltCell>;

/** The cell's sequence: the rules' prediction, with `observed` if given; the victim holds every session cookie. */
export async function sequenceOfCell(key: CellKey, observed?: { bank: BankView; script: ScriptView }): Promise<Sequence> {
  return labSequence(key, await predictionOf(key), observed);
}

/** The rules' prediction for the cell, an hour after the victim logged in. */
export async function predictionOf(key: CellKey): Promise<Prediction> {
  oracle ??= BankOracle.open();
  return predictCell({ config: key.config, origin: key.origin, attack: key.attack, browser: key.browser, cookiePolicy: key.policy }, await oracle, 3600);
}
