// How the attacking page stands to the bank, and the request headers that follow from it.
import { bankOrigin, siteOfHost, BANK_HOST, type Attack, type AttackOrigin } from '../catalog/index.js';
import type { Step } from './types.js';

export type Relation = 'same-origin' | 'same-site' | 'cross-site';

export function relationOf(origin: AttackOrigin): Relation {
  if (origin.origin === bankOrigin) return 'same-origin';
  // An opaque origin is same-site with nothing but itself (HTML "same site").
  if (origin.site !== null && origin.site === siteOfHost(BANK_HOST)) return 'same-site';
  return 'cross-site';
}

export function explainRelation(origin: AttackOrigin, relation: Relation): Step {
  const says =
    relation === 'same-origin'
      ? `The page is on the bank’s own origin ${bankOrigin}.`
      : relation === 'same-site'
        ? `${origin.origin} is a different origin but the same site as the bank (registrable domain ${origin.site}).`
        : origin.sandboxed
          ? 'A sandboxed iframe has an opaque origin: it is cross-site to everything, and serializes as "null".'
          : `${origin.origin} is another site (${origin.site}) than the bank (${siteOfHost(BANK_HOST)}).`;
  return { rule: 'RFC 6454 §5 (same origin); RFC 6265bis §5.2 (same site)', says, enforcer: 'browser' };
}

/**
 * Fetch, "append a request `Origin` header": sent when the response tainting is "cors"
 * (a cross-origin request in cors mode), or when the method is neither GET nor HEAD.
 * The default referrer policy (strict-origin-when-cross-origin) never nulls it here:
 * every page is http, so there is no downgrade.
 */
export function originHeaderOf(attack: Attack, origin: AttackOrigin, relation: Relation): { value: string | null; step: Step } {
  const { mode, method } = attack.request;
  const rule = 'Fetch §3.1, “append a request Origin header”';
  if (mode === 'cors' && relation !== 'same-origin') {
    return { value: origin.origin, step: { rule, says: `A cross-origin ${mode}-mode request always carries Origin: ${origin.origin}.`, enforcer: 'browser' } };
  }
  if (method !== 'GET') {
    return { value: origin.origin, step: { rule, says: `A ${method} carries Origin: ${origin.origin}, whatever its mode.`, enforcer: 'browser' } };
  }
  return { value: null, step: { rule, says: `A ${relation === 'same-origin' ? 'same-origin' : mode} GET carries no Origin header.`, enforcer: 'browser' } };
}
