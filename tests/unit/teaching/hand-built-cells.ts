// Cells for the sequence tests: the rules' real prediction (the bank answers in-process, no
// browser), and an observation written by hand from what the rules say a browser sends — never
// copied from a run — so that a test can also write one that disagrees.
import type { AttackId, CookiePolicyId, LedgerEntry, OriginId } from '../../../catalog/index.js';
import type { BankView, ScriptView } from '../../../engine/observe.js';
import { BankOracle } from '../../../rules/bank-oracle.js';
import type { LabJudgedCell } from '../../../engine/judge-cell.js';
import { predictCell, type Prediction } from '../../../rules/predict.js';
import { labSequenceInput } from '../../../teaching/lab-sequence.js';
import { sequenceOf, type Sequence, type SequenceInput } from '../../../teaching/sequence.js';

export const ATTACKER = 'http://attacker.localhost:4100';

export interface CellKey {
  config: string;
  origin: OriginId;
  attack: AttackId;
  browser: 'chromium' | 'firefox';
  policy: CookiePolicyId;
}

/** The key as the rules name it. */
export const labKey = (key: CellKey) => ({ config: key.config, origin: key.origin, attack: key.attack, browser: key.browser, cookiePolicy: key.policy });

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

/** A judged cell that agrees with the rules: their outcome and steps, and what was observed. */
export function agreeingCell(prediction: Prediction, observed: { bank: BankView; script: ScriptView }): LabJudgedCell {
  return {
    observed: prediction.outcome,
    predicted: prediction.outcome,
    explanation: prediction.explanation,
    agree: true,
    differingFields: [],
    unpredicted: [],
    sentRequestMismatches: [],
    scriptSaw: observed.script,
    bankSaw: observed.bank,
  };
}

/** The cell's sequence: the rules' prediction, with `observed` if given; the victim holds every session cookie; `more` as given. */
export async function sequenceOfCell(
  key: CellKey,
  observed?: { bank: BankView; script: ScriptView },
  more: Pick<SequenceInput, 'cookieNames' | 'unpredicted'> = {},
): Promise<Sequence> {
  return sequenceOf({ ...labSequenceInput(labKey(key), await predictionOf(key), observed), ...more });
}

/** The rules' prediction for the cell, an hour after the victim logged in. */
export async function predictionOf(key: CellKey): Promise<Prediction> {
  oracle ??= BankOracle.open();
  return predictCell(labKey(key), await oracle, 3600);
}
