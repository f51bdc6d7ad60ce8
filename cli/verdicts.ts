// From a run's cells to what a developer needs, for `check` and `probe` alike: per attacking
// origin, browser and cookie policy, could it read the victim's data, could it make a write;
// and whether the setup is exploitable. Verdicts come from what the browsers did; the rules'
// prediction explains them.
import { attack as attackById, type AttackId, type CookiePolicyId, type LabBrowserName } from '../catalog/index.js';
import type { OriginRelation } from '../rules/derive-origins.js';
import type { CellOutcome } from '../rules/types.js';

/** What a verdict needs of a cell: which page, browser and policy, and what the script and the server showed. */
export interface VerdictCell {
  origin: string;
  relation: OriginRelation;
  browser: LabBrowserName;
  cookiePolicy: CookiePolicyId;
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
  read: boolean;
  write: boolean;
  /** Attacks whose script read the victim's private data. */
  readBy: AttackId[];
  /** Attacks whose state-changing request arrived with the session and was performed. */
  writeBy: AttackId[];
}

export function verdictsOf(cells: readonly VerdictCell[]): Verdict[] {
  const byKey = new Map<string, Verdict>();
  for (const c of cells) {
    const key = `${c.origin}|${c.browser}|${c.cookiePolicy}`;
    let v = byKey.get(key);
    if (!v) {
      v = { origin: c.origin, relation: c.relation, browser: c.browser, cookiePolicy: c.cookiePolicy, read: false, write: false, readBy: [], writeBy: [] };
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

/** An untrusted origin read or wrote: the setup is exploitable. */
export function isExploitable(verdicts: readonly Verdict[]): boolean {
  return verdicts.some(untrustedReadOrWrite);
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
