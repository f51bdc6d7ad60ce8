// Where the running lab lives: the hosts and origins of its site plan (LAB_SITE_PLAN, or
// the default `*.localhost` plan; catalog/active-site-plan.ts). Sites are registrable domains
// (RFC 6265bis §5.2, "site"): under the default plan `localhost` is the TLD, so
// bank.localhost, attacker.localhost and partner.localhost are three different sites, while
// something.bank.localhost shares the bank's site. Ports never separate sites.
import { activeSitePlan } from './active-site-plan.js';
import { planHosts } from './plan-hosts.js';

/** Every host and origin of the running lab's plan. */
export const labHosts = planHosts(activeSitePlan);

export const BANK_HOST = labHosts.bank;
/** The unrelated attacker's site; its server also hosts the lab's dashboard, narrator and explainer. */
export const ATTACKER_HOST = labHosts.attacker;
/** The one cross-site partner the correct allowlist trusts. */
export const PARTNER_HOST = labHosts.partner;
/** A public website (on the public port) that the user never allowed to reach the local network. */
export const PUBLIC_HOST = labHosts.public;
/** A public website (on the public port) that the user allowed to reach the local network. */
export const GRANTED_PUBLIC_HOST = labHosts.grantedPublic;

export const bankOrigin = labHosts.bankOrigin;
/** The partner's origin, as an allowlist names it. */
export const partnerOrigin = labHosts.partnerOrigin;
export const attackerOrigin = labHosts.attackerOrigin;
export const publicOrigin = labHosts.publicOrigin;
