// What the matrix knows about one cell: observed in a browser, or predicted by the rules.
import type { CookieVariantId } from '../catalog/index.js';

export interface CellOutcome {
  /** Did the browser send a CORS preflight (OPTIONS) first? */
  preflightSent: boolean;
  /** Did the preflight pass? null when none was sent. */
  preflightPassed: boolean | null;
  /** Did the actual request reach the bank? */
  requestReached: boolean;
  /** Which session-cookie variants came with the actual request. */
  cookiesSent: CookieVariantId[];
  /** Did the request authenticate as the victim? */
  authenticated: boolean;
  /** Did the bank change state (move money)? */
  effect: 'transfer' | 'none';
  /** Could the attacker's script read the response body? */
  responseReadable: boolean;
  /** The Origin header of the first request the bank saw for this cell (null: absent). */
  originHeader: string | null;
  /** The Sec-Fetch-Site header the bank saw (null: absent or nothing arrived). */
  secFetchSite: string | null;
}

export const outcomeFields = [
  'preflightSent',
  'preflightPassed',
  'requestReached',
  'cookiesSent',
  'authenticated',
  'effect',
  'responseReadable',
  'originHeader',
  'secFetchSite',
] as const satisfies readonly (keyof CellOutcome)[];

/** One step of an explanation: what happens, and the rule that says so. */
export interface Step {
  rule: string;
  says: string;
  /** Who enforces this step: Local Network Access is the browser's own check of where a page may reach (rules/local-network-access.ts). */
  enforcer: 'browser' | 'server' | 'cookie policy' | 'local network access';
}
