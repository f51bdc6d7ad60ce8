// From a run's cells to what a developer needs, for `check` and `probe` alike: per attacking
// origin, browser, cookie policy and, for a public page against an API on loopback, Local
// Network Access state, could it read the victim's data, could it make a write; and whether
// the setup is exploitable. Verdicts come from what the browsers did; the rules' prediction
// explains them.
import { attack as attackById, type AttackId, type CookiePolicyId, type LabBrowserName, type LocalNetworkAccessState } from '../catalog/index.js';
import type { OriginRelation } from '../rules/derive-origins.js';
import type { CellOutcome } from '../rules/types.js';

/** What a verdict needs of a cell: which page, browser, policy and state, and what the script and the server showed. */
export interface VerdictCell {
  origin: string;
  relation: OriginRelation;
  browser: LabBrowserName;
  cookiePolicy: CookiePolicyId;
  /** The Local Network Access state the cell was judged in; absent where none applies (a page on loopback, an API that isn't). */
  localNetworkAccess?: LocalNetworkAccessState;
  attack: AttackId;
  /** The attacker's script read the victim's private data. */
  readPrivate: boolean;
  /** A state-changing request arrived with the session and was performed. */
  wrote: boolean;
}

/** One verdict of the JSON reports (README "The JSON contract"). */
export interface Verdict {
  origin: string;
  relation: OriginRelation;
  browser: LabBrowserName;
  cookiePolicy: CookiePolicyId;
  /** As its cells': absent where no Local Network Access applies, so such a verdict reads as it always has. */
  localNetworkAccess?: LocalNetworkAccessState;
  read: boolean;
  write: boolean;
  /** Attacks whose script read the victim's private data. */
  readBy: AttackId[];
  /** Attacks whose state-changing request arrived with the session and was performed. */
  writeBy: AttackId[];
}

/** What tells one verdict from another, and which cells are behind it: origin × browser × cookie policy × Local Network Access state. */
export type VerdictKey = Pick<VerdictCell, 'origin' | 'browser' | 'cookiePolicy' | 'localNetworkAccess'>;

export const verdictKey = (k: VerdictKey) => `${k.origin}|${k.browser}|${k.cookiePolicy}|${k.localNetworkAccess ?? ''}`;

/** The cell (or verdict) `k` belongs to the verdict `v`. */
export const sameVerdict = (k: VerdictKey, v: VerdictKey) => verdictKey(k) === verdictKey(v);

export function verdictsOf(cells: readonly VerdictCell[]): Verdict[] {
  const byKey = new Map<string, Verdict>();
  for (const c of cells) {
    const key = verdictKey(c);
    let v = byKey.get(key);
    if (!v) {
      v = {
        origin: c.origin,
        relation: c.relation,
        browser: c.browser,
        cookiePolicy: c.cookiePolicy,
        ...(c.localNetworkAccess !== undefined && { localNetworkAccess: c.localNetworkAccess }),
        read: false,
        write: false,
        readBy: [],
        writeBy: [],
      };
      byKey.set(key, v);
    }
    if (c.readPrivate) v.readBy.push(c.attack);
    if (c.wrote) v.writeBy.push(c.attack);
    v.read = v.readBy.length > 0;
    v.write = v.writeBy.length > 0;
  }
  return [...byKey.values()];
}

/** An untrusted origin read or wrote here: a finding (a trusted origin's reads and writes are intended). */
export const untrustedReadOrWrite = (v: Verdict) => v.relation !== 'trusted' && (v.read || v.write);

/** An untrusted origin read or wrote, in any Local Network Access state: the setup is exploitable. */
export function isExploitable(verdicts: readonly Verdict[]): boolean {
  return verdicts.some(untrustedReadOrWrite);
}

/** What became of the permission in each state, in the order the reports list the states. */
const PERMISSION_WORDS: Record<LocalNetworkAccessState, string> = { denied: 'denied', granted: 'granted', 'not-enforced': 'not enforced' };

/** A state as the summary, JUnit and SARIF say it: "local network access denied". */
export const localNetworkAccessWords = (state: LocalNetworkAccessState) => `local network access ${PERMISSION_WORDS[state]}`;

const STATE_ORDER = Object.keys(PERMISSION_WORDS);

/** Where a state is listed: no state first, then denied, granted, not enforced. */
export const stateRank = (state: LocalNetworkAccessState | undefined) => (state === undefined ? -1 : STATE_ORDER.indexOf(state));

/** The distinct states of `verdicts`, in stateRank's order; `undefined` stands for verdicts without one. */
export const statesOf = (verdicts: readonly Verdict[]) => [...new Set(verdicts.map((v) => v.localNetworkAccess))].sort((a, b) => stateRank(a) - stateRank(b));

/** ", local network access denied" after a cell's or verdict's browser and policy; nothing where no state applies. */
export const stateSuffix = (k: Pick<VerdictKey, 'localNetworkAccess'>) =>
  k.localNetworkAccess === undefined ? '' : `, ${localNetworkAccessWords(k.localNetworkAccess)}`;

/**
 * Where an untrusted origin read or wrote, when Local Network Access had a say in it: ", with
 * local network access denied and granted"; nothing when no verdict that did has a state. A
 * report has states only for an API on loopback, where a page without one is on loopback too.
 */
export function exploitedWhere(verdicts: readonly Verdict[]): string {
  const states = statesOf(verdicts.filter(untrustedReadOrWrite));
  const named = states.filter((s) => s !== undefined).map((s) => PERMISSION_WORDS[s]);
  if (named.length === 0) return '';
  const listed = named.length === 1 ? named[0] : `${named.slice(0, -1).join(', ')} and ${named.at(-1)}`;
  const inStates = `with local network access ${listed}`;
  return states.includes(undefined) ? `, from a page on loopback, and from a public page ${inStates}` : `, ${inStates}`;
}

/** The summary's mark for one verdict. */
export const verdictMark = (v: Verdict | undefined) => (v === undefined ? '?' : `${v.read ? 'READ' : '-'}/${v.write ? 'WRITE' : '-'}`);

/** How a write got through, as far as CORS goes: no preflight could have stopped it, or one passed. */
export function writeHow(cell: { attack: AttackId; observed: CellOutcome }): string {
  const attack = attackById(cell.attack);
  if (attack.request.mode === 'websocket') return 'CORS could not have stopped it: a WebSocket never asks CORS';
  if (cell.observed.preflightSent) return 'CORS let it through: the preflight passed';
  return attack.request.mode === 'navigate'
    ? 'CORS could not have stopped it: a navigation never asks CORS'
    : 'CORS could not have stopped it: a simple request is sent without a preflight';
}

/** How a write got through, and what would have stopped it. */
export function writeReason(cell: { attack: AttackId; observed: CellOutcome }): string {
  const attack = attackById(cell.attack);
  if (attack.request.mode === 'websocket') {
    return `${writeHow(cell)}; checking the handshake’s Origin, or a CSRF token in the message, would (Chromium sends no Fetch Metadata on a handshake); so would a SameSite=Lax/Strict session cookie.`;
  }
  const topLevelGet = attack.request.mode === 'navigate' && attack.request.method === 'GET';
  const stop = topLevelGet
    ? 'a CSRF token or an Origin/Referer check would (SameSite=Lax and Fetch Metadata let a top-level GET through); so would keeping GET safe'
    : 'a CSRF token, an Origin/Referer check, a Fetch Metadata policy or a SameSite=Lax/Strict session cookie would';
  return `${writeHow(cell)}; ${stop}.`;
}
