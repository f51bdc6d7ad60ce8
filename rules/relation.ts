// How the attacking page stands to the bank, and the request headers that follow from it.
import {
  bankOrigin,
  runnerUrl,
  siteOf,
  BANK_HOST,
  LAB_ADDRESS_SPACE,
  type AddressSpace,
  type Attack,
  type AttackOrigin,
  type LocalNetworkPermission,
} from '../catalog/index.js';
import type { Step } from './types.js';

export type Relation = 'same-origin' | 'same-site' | 'cross-site';

/** The page an attack runs in, as the rules need it. */
export interface AttackPage {
  /** The serialized origin its requests carry (`null` when opaque). */
  origin: string;
  /** Its registrable domain (RFC 6265bis §5.2), or null when opaque. */
  site: string | null;
  sandboxed: boolean;
  /** The document's URL, which the Referer is made from. */
  pageUrl: string;
  /**
   * The schemeful site of the top-level page (`http://attacker.localhost`): the partition a
   * Partitioned cookie is kept under (CHIPS §2.1). A sandboxed frame's is its embedder's.
   * When absent: the page's own, or none for a sandboxed page.
   */
  topLevelSite?: string | null;
  /**
   * The IP address space the browser puts the page in (Local Network Access). When absent the
   * rules know none, and apply no Local Network Access check (`cors-lab check`'s pages).
   */
  addressSpace?: AddressSpace;
  /** For a public page: whether the user allowed it on the local network. */
  localNetworkPermission?: LocalNetworkPermission | null;
}

/** Where the bank (or the user's API) lives. */
export interface BankPlace {
  origin: string;
  site: string;
  /** Its IP address space (Local Network Access); absent: unknown, no check applied. */
  addressSpace?: AddressSpace;
}

/** The lab's own bank (http://bank.localhost:4000 under the default site plan), on loopback like every lab server. */
export const labBank: BankPlace = { origin: bankOrigin, site: siteOf(BANK_HOST), addressSpace: LAB_ADDRESS_SPACE };

/** A schemeful site (HTML §7.1.1): the scheme and the registrable domain, e.g. `http://bank.localhost`. */
export function schemefulSite(origin: string, site: string): string {
  return `${new URL(origin).protocol}//${site}`;
}

/** The catalog's attacking pages, as the rules see them. */
export function labPage(origin: AttackOrigin): AttackPage {
  // The sandboxed frame sits in the attacker's own top-level page (attacker-site/public/sandboxed.html).
  const topLevelSite = schemefulSite(origin.pageOrigin, siteOf(origin.host));
  return {
    origin: origin.origin,
    site: origin.site,
    sandboxed: origin.sandboxed,
    pageUrl: runnerUrl(origin),
    topLevelSite,
    addressSpace: origin.addressSpace,
    localNetworkPermission: origin.localNetworkPermission,
  };
}

/** The partition the page's subresource requests use for Partitioned cookies (CHIPS §2.1). */
export function topLevelSiteOf(page: AttackPage): string | null {
  if (page.topLevelSite !== undefined) return page.topLevelSite;
  return page.sandboxed || page.site === null ? null : schemefulSite(page.origin, page.site);
}

function schemeOf(origin: string): string | null {
  return origin === 'null' ? null : new URL(origin).protocol;
}

/**
 * HTML "same site" is schemeful: the same scheme and registrable domain (HTML §7.1.1, since
 * 2020; Fetch Metadata's Sec-Fetch-Site follows it). An opaque origin is same-site with
 * nothing but itself.
 */
export function relationOf(page: AttackPage, bank: BankPlace = labBank): Relation {
  if (page.origin === bank.origin) return 'same-origin';
  if (page.site !== null && page.site === bank.site && schemeOf(page.origin) === schemeOf(bank.origin)) return 'same-site';
  return 'cross-site';
}

/**
 * The relation cookies are judged by. RFC 6265bis §5.2 defines "same-site" with the scheme
 * (schemeful same-site), which Chromium ships; a browser that compares registrable domains
 * only (Firefox: network.cookie.sameSite.schemeful stays false) treats an http page and an
 * https bank of one site as same-site for cookies.
 */
export function cookieRelationOf(page: AttackPage, bank: BankPlace, schemefulSameSite: boolean): Relation {
  const relation = relationOf(page, bank);
  if (relation !== 'cross-site' || schemefulSameSite) return relation;
  return page.site !== null && page.site === bank.site ? 'same-site' : relation;
}

export function explainRelation(page: AttackPage, relation: Relation, bank: BankPlace = labBank): Step {
  const says =
    relation === 'same-origin'
      ? `The page is on the bank’s own origin ${bank.origin}.`
      : relation === 'same-site'
        ? `${page.origin} is a different origin but the same site as the bank (registrable domain ${page.site}).`
        : page.sandboxed
          ? 'A sandboxed iframe has an opaque origin: it is cross-site to everything, and serializes as "null".'
          : page.site === bank.site
            ? `${page.origin} has the bank’s registrable domain (${page.site}) but another scheme than ${bank.origin}: schemeful same-site makes it cross-site.`
            : `${page.origin} is another site (${page.site}) than the bank (${bank.site}).`;
  return { rule: 'RFC 6454 §5 (same origin); RFC 6265bis §5.2 and HTML §7.1.1 (same site, schemeful)', says, enforcer: 'browser' };
}

/** The rule every Origin step names first (a WebSocket's and a downgrade's add another after it). */
export const ORIGIN_HEADER_RULE = 'Fetch §3.1, “append a request Origin header”';

/**
 * Fetch, "append a request `Origin` header": sent when the response tainting is "cors"
 * (a cross-origin request in cors mode), or when the method is neither GET nor HEAD.
 * For the latter outside cors mode, the request's referrer policy decides its value: under the
 * default, strict-origin-when-cross-origin, a page whose origin's scheme is https sending to a
 * URL whose scheme is not https (a downgrade; a scheme test, not "potentially trustworthy", so
 * http://localhost counts) sends `Origin: null`. Both browsers do so for a form's navigation;
 * for fetch() in no-cors mode only a browser whose profile says so (rules/browser-profiles.ts).
 */
export function originHeaderOf(
  attack: Attack,
  origin: AttackPage,
  relation: Relation,
  bank: BankPlace = labBank,
  nullsNoCorsFetchOnDowngrade = true,
): { value: string | null; step: Step } {
  const { mode, method } = attack.request;
  const rule = ORIGIN_HEADER_RULE;
  if (mode === 'websocket') {
    return {
      value: origin.origin,
      step: { rule: `${rule}; RFC 6455 §4.1`, says: `A WebSocket handshake always carries Origin: ${origin.origin}, same-origin or not.`, enforcer: 'browser' },
    };
  }
  if (mode === 'cors' && relation !== 'same-origin') {
    return { value: origin.origin, step: { rule, says: `A cross-origin ${mode}-mode request always carries Origin: ${origin.origin}.`, enforcer: 'browser' } };
  }
  if (method !== 'GET') {
    const downgrade = schemeOf(origin.origin) === 'https:' && schemeOf(bank.origin) !== 'https:';
    if (downgrade && (mode === 'navigate' || nullsNoCorsFetchOnDowngrade)) {
      return {
        value: 'null',
        step: {
          rule: `${rule}; Referrer Policy §3 (strict-origin-when-cross-origin, the default)`,
          says: `A ${method} from an https page to ${bank.origin}, which is not https, is a downgrade: outside cors mode it carries Origin: null.`,
          enforcer: 'browser',
        },
      };
    }
    return { value: origin.origin, step: { rule, says: `A ${method} carries Origin: ${origin.origin}, whatever its mode.`, enforcer: 'browser' } };
  }
  return { value: null, step: { rule, says: `A ${relation === 'same-origin' ? 'same-origin' : mode} GET carries no Origin header.`, enforcer: 'browser' } };
}
