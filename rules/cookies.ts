// Which of the five session cookies ride along: the Partitioned cookie only within its
// partition (CHIPS), then SameSite (RFC 6265bis §5.8.3, "SameSite" cookies, and §5.2 for
// same-site requests), then the browser's third-party-cookie policy on top.
import type { Attack, CookiePolicy, CookieVariant } from '../catalog/index.js';
import { cookieVariants } from '../catalog/index.js';
import type { BrowserProfile } from './browser-profiles.js';
import type { Relation } from './relation.js';
import type { Step } from './types.js';

export interface CookieContext {
  attack: Attack;
  relation: Relation;
  browser: BrowserProfile;
  policy: CookiePolicy;
  /** Seconds since the bank set the cookies (for Chromium's Lax + POST window). */
  cookieAgeSeconds: number;
  /**
   * The request's cookie partition: the schemeful site of its top-level page — for a
   * top-level navigation, the site it navigates to (CHIPS §2.1) — and the one the bank's
   * Partitioned cookie was set under: the bank's own, whose login page was top-level. When
   * absent (a caller that doesn't place the page, like the load benchmark), the page is taken
   * to be top-level itself: the partitions then match exactly on same-site requests and
   * top-level navigations.
   */
  partition?: { request: string | null; cookie: string };
}

const CREDENTIALS_RULE = 'Fetch §4.6, credentials mode';

/**
 * Fetch §4.6, HTTP-network-or-cache fetch: cookies are included only when credentials mode
 * is "include", or "same-origin" and the request is same-origin. XHR maps withCredentials
 * to "include" and otherwise uses "same-origin" (XHR §3.5.6).
 */
export function includesCredentials(attack: Attack, relation: Relation): { included: boolean; step: Step } {
  const rule = CREDENTIALS_RULE;
  const { credentials, api } = attack.request;
  if (credentials === 'include') {
    const how = api === 'xhr' ? 'withCredentials = true' : api === 'fetch' ? "credentials: 'include'" : 'a navigation or element load';
    return { included: true, step: { rule, says: `Credentials mode is "include" (${how}): cookies may go with it.`, enforcer: 'browser' } };
  }
  if (credentials === 'same-origin' && relation === 'same-origin') {
    return {
      included: true,
      step: { rule, says: 'Credentials mode is "same-origin" and the request is same-origin: cookies may go with it.', enforcer: 'browser' },
    };
  }
  const how = api === 'xhr' ? 'XMLHttpRequest without withCredentials' : 'fetch() without credentials: "include"';
  return {
    included: false,
    step: { rule, says: `${how} uses credentials mode "${credentials}": a cross-origin request carries no cookies at all.`, enforcer: 'browser' },
  };
}

interface VariantDecision {
  sent: boolean;
  says: string;
  rule: string;
  enforcer: Step['enforcer'];
}

function decide(variant: CookieVariant, ctx: CookieContext): VariantDecision {
  const { attack, relation, browser, policy } = ctx;
  const sameSiteRequest = relation !== 'cross-site';
  const topLevel = attack.request.mode === 'navigate';
  const safeMethod = attack.request.method === 'GET';
  const samesiteRule = 'RFC 6265bis §5.8.3 (SameSite)';

  if (variant.partitioned) {
    const { request, cookie } =
      ctx.partition ??
      (sameSiteRequest || topLevel ? { request: 'the bank’s site', cookie: 'the bank’s site' } : { request: 'another site', cookie: 'the bank’s site' });
    const rule = 'CHIPS §2.1 (Partitioned cookies)';
    if (request !== cookie) {
      return {
        sent: false,
        rule,
        enforcer: 'browser',
        says: `not sent — it lives in the partition of ${cookie}, where the bank set it, and this request’s top-level site is ${request ?? 'an opaque origin'}, whatever the third-party policy.`,
      };
    }
    return {
      sent: true,
      rule,
      enforcer: 'browser',
      says: `sent — the request’s top-level site is ${cookie}, the partition the bank set it in${topLevel ? ' (a top-level navigation to the bank is in the bank’s own partition)' : ''}; third-party blocking never applies to it.`,
    };
  }

  if (sameSiteRequest) {
    return { sent: true, rule: samesiteRule, enforcer: 'browser', says: `the request is same-site, so every SameSite value allows it.` };
  }
  let effective = variant.sameSite;
  let defaulted = '';
  if (effective === undefined) {
    effective = browser.laxByDefault ? 'Lax' : 'None';
    defaulted = browser.laxByDefault
      ? ` (${browser.name} treats a cookie without SameSite as Lax)`
      : ` (${browser.name} treats a cookie without SameSite as None: it never shipped Lax-by-default)`;
  }
  if (effective === 'Strict') {
    return { sent: false, rule: samesiteRule, enforcer: 'browser', says: `never sent on a cross-site request${defaulted}.` };
  }
  if (effective === 'Lax') {
    if (topLevel && safeMethod) {
      return {
        sent: true,
        rule: samesiteRule,
        enforcer: 'browser',
        says: `sent, because a top-level GET navigation is allowed cross-site${defaulted}.`,
      };
    }
    const maxAge = browser.laxAllowUnsafeMaxAgeSeconds;
    if (variant.sameSite === undefined && topLevel && maxAge !== null && ctx.cookieAgeSeconds < maxAge) {
      return {
        sent: true,
        rule: 'Chromium “Lax + POST” intervention (chromestatus 5088147346030592)',
        enforcer: 'browser',
        says: `sent anyway — the cookie is ${Math.round(ctx.cookieAgeSeconds)} s old, and Chromium still lets a defaulted-Lax cookie younger than ${maxAge} s ride on a top-level cross-site POST.`,
      };
    }
    const what = topLevel ? `a top-level ${attack.request.method}` : 'a cross-site subresource request';
    return { sent: false, rule: samesiteRule, enforcer: 'browser', says: `not sent on ${what}${defaulted}.` };
  }
  // SameSite=None (explicit, or the default in a browser without Lax-by-default).
  if (topLevel) {
    return {
      sent: true,
      rule: samesiteRule,
      enforcer: 'browser',
      says: `sent on a top-level navigation, which is first-party, whatever the third-party policy${defaulted}.`,
    };
  }
  if (policy.thirdPartyCookiesAllowed) {
    return {
      sent: true,
      rule: 'Browser third-party-cookie policy',
      enforcer: 'cookie policy',
      says: `sent — third-party cookies are allowed${defaulted}.`,
    };
  }
  return {
    sent: false,
    rule: browser.name === 'firefox' ? 'Firefox Total Cookie Protection (cookieBehavior 5)' : 'Browser third-party-cookie policy',
    enforcer: 'cookie policy',
    says:
      browser.name === 'firefox'
        ? `not sent — in a cross-site context Firefox uses a cookie jar partitioned by the top-level site, where the bank never set it${defaulted}.`
        : `not sent — third-party cookies are blocked${defaulted}.`,
  };
}

/** How a decision's step begins: the variant's title, so a reader (and `cookieStepOf`) knows which cookie it is about. */
const decisionOpening = (variant: CookieVariant) => `${variant.title}: `;

export function cookiesSent(ctx: CookieContext): { sent: CookieVariant[]; steps: Step[] } {
  const decisions = cookieVariants.map((variant) => ({ variant, ...decide(variant, ctx) }));
  return {
    sent: decisions.filter((d) => d.sent).map((d) => d.variant),
    steps: decisions.map(({ variant, rule, says, enforcer }) => ({ rule, says: decisionOpening(variant) + says, enforcer })),
  };
}

/**
 * The step of an explanation that decided whether `variant` rode along: its own decision, or,
 * where credentials mode left every cookie home (Fetch §4.6), that step. null when the
 * explanation decided no cookie at all (a request that was never sent).
 */
export function cookieStepOf(steps: readonly Step[], variant: CookieVariant): Step | null {
  const own = steps.find((s) => s.says.startsWith(decisionOpening(variant)));
  if (own) return own;
  return steps.find((s) => s.rule === CREDENTIALS_RULE) ?? null;
}
