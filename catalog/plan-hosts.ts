// Every host name and origin a site plan names: the bank, its sibling, the attacker, the
// partner, both lookalikes and the public pages. Same origin = same scheme, host and port
// (RFC 6454 §5); an origin serializes as scheme://host[:port], the port only when it isn't
// the scheme's default (RFC 6454 §6.2).
import type { SitePlan } from './site-plan.js';

/** The label of the bank's compromised sibling subdomain. */
const SIBLING_LABEL = 'something';
/** The label of the public page the user allowed on the local network. */
const GRANTED_LABEL = 'granted';

export interface PlanHosts {
  scheme: SitePlan['scheme'];
  bank: string;
  /** A subdomain of the bank's name: same site, another origin. */
  sibling: string;
  /** The unrelated attacker's site; its server also hosts the lab's dashboard, narrator and explainer. */
  attacker: string;
  /** The one cross-site partner the correct allowlist trusts. */
  partner: string;
  /** Another site whose name ends with the partner's. */
  suffixLookalike: string;
  /** A host on the attacker's site whose name starts with the partner's. */
  prefixLookalike: string;
  /** A public website (on the public port) that the user never allowed to reach the local network. */
  public: string;
  /** A public website (on the public port) that the user allowed to reach the local network. */
  grantedPublic: string;
  bankOrigin: string;
  /** The partner's origin, as an allowlist names it. */
  partnerOrigin: string;
  /** The serialized origin of a page on the attacker server under `host`. */
  attackerOrigin(host: string): string;
  /** The serialized origin of a public page (served by the attacker server on the public port) under `host`. */
  publicOrigin(host: string): string;
}

/** The serialized origin of `host` on `port` (the scheme's default when absent). */
function originOf(scheme: string, host: string, port: number | undefined): string {
  return new URL(`${scheme}://${host}${port === undefined ? '' : `:${port}`}`).origin;
}

export function planHosts(plan: SitePlan): PlanHosts {
  const attackerOrigin = (host: string) => originOf(plan.scheme, host, plan.ports?.attacker);
  return {
    scheme: plan.scheme,
    bank: plan.bank,
    sibling: `${SIBLING_LABEL}.${plan.bank}`,
    attacker: plan.attacker,
    partner: plan.partner,
    suffixLookalike: plan.lookalike,
    prefixLookalike: `${plan.partner}.${plan.attacker}`,
    public: plan.public,
    grantedPublic: `${GRANTED_LABEL}.${plan.public}`,
    bankOrigin: originOf(plan.scheme, plan.bank, plan.ports?.bank),
    partnerOrigin: attackerOrigin(plan.partner),
    attackerOrigin,
    publicOrigin: (host) => originOf(plan.scheme, host, plan.ports?.public),
  };
}
