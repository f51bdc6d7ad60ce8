// Whether a site plan keeps every relation the catalog's lessons rest on, judged with the
// Public Suffix List, private section included, as browsers do (catalog/sites.ts). Each
// relation is one row of `planRelations`; the first one a plan breaks refuses it, in one line.
// Every page of a plan shares its scheme, so schemeful same-site (HTML §7.1.1) comes down to
// the same registrable domain here (RFC 6265bis §5.2, "site").
import { getDomain, parse } from 'tldts';
import { planHosts } from './plan-hosts.js';
import { planOrigins, type AttackOrigin, type OriginId } from './plan-origins.js';
import { Value } from 'typebox/value';
import { SitePlan } from './site-plan.js';
import { siteOf } from './sites.js';

/** How a refusal line calls each page of the plan. */
const called: Record<OriginId, string> = {
  'same-origin': 'the bank',
  attacker: 'the attacker',
  partner: 'the partner',
  sibling: 'the sibling',
  'lookalike-suffix': 'the suffix lookalike',
  'lookalike-prefix': 'the prefix lookalike',
  null: 'the sandboxed page',
  public: 'the public page',
  'public-granted': 'the granted public page',
};

/** A plan's attacking pages, by id. */
export type PlanPages = Readonly<Record<OriginId, AttackOrigin>>;

/** A relation of the plan: its name, and why the plan's pages break it (null when it holds). */
export interface PlanRelation {
  name: string;
  broken(pages: PlanPages): string | null;
}

const named = (page: AttackOrigin) => `${called[page.id]} (${page.host})`;
const sameSite = (a: AttackOrigin, b: AttackOrigin) => siteOf(a.host) === siteOf(b.host);

/** A name given as a site must have one: a public suffix has no registrable domain. */
function hasASite(id: OriginId): PlanRelation {
  return {
    name: `${id} has a site`,
    broken: (pages) => {
      const { publicSuffix } = parse(pages[id].host, { allowPrivateDomains: true });
      return publicSuffix === pages[id].host ? `${named(pages[id])} is a public suffix: every name under it is a site of its own` : null;
    },
  };
}

/** Page `a` must be another site than page `b`. */
function crossSite(a: OriginId, b: OriginId): PlanRelation {
  return {
    name: `${a} cross-site to ${b}`,
    broken: (pages) => (sameSite(pages[a], pages[b]) ? `${named(pages[a])} is same-site with ${named(pages[b])}` : null),
  };
}

/** A name given as a site must be exactly its registrable domain, not a name under it. */
function registrable(id: OriginId): PlanRelation {
  return {
    name: `${id} is a registrable domain`,
    broken: (pages) => {
      const domain = getDomain(pages[id].host, { allowPrivateDomains: true });
      return domain === pages[id].host ? null : `${named(pages[id])} is not a registrable domain: its site is ${domain}`;
    },
  };
}

/** Every relation, in the order a plan is judged: the first one broken names the refusal. */
export const planRelations: readonly PlanRelation[] = [
  // The sibling is the bank's compromised subdomain: same site, so SameSite=Strict cookies
  // ride along. First, because it is what a bank without a site (a public suffix) breaks.
  {
    name: 'sibling same-site with the bank',
    broken: ({ sibling, 'same-origin': bank }) => (sameSite(sibling, bank) ? null : `${named(sibling)} is not same-site with ${named(bank)}`),
  },
  // The prefix lookalike is the partner's name under the attacker's (catalog/plan-hosts.ts): it
  // starts like the partner, and stands on the attacker's site, if the attacker has one.
  {
    name: 'lookalike-prefix on the attacker’s site',
    broken: ({ 'lookalike-prefix': prefix, attacker }) => (sameSite(prefix, attacker) ? null : `${named(prefix)} is not on the site of ${named(attacker)}`),
  },
  hasASite('partner'),
  hasASite('lookalike-suffix'),
  // Every other page is cross-site to the bank; the partner, the attacker and the suffix
  // lookalike are sites of their own, so trusting one trusts neither other.
  ...(['attacker', 'partner', 'lookalike-suffix', 'public', 'public-granted'] as const).map((id) => crossSite(id, 'same-origin')),
  crossSite('partner', 'attacker'),
  crossSite('lookalike-suffix', 'partner'),
  crossSite('lookalike-suffix', 'attacker'),
  // The suffix lookalike is what its name says: another site that ends like the partner.
  {
    name: 'lookalike-suffix ends with the partner’s name',
    broken: ({ 'lookalike-suffix': suffix, partner }) =>
      suffix.host.endsWith(partner.host) ? null : `${named(suffix)} does not end with the partner’s name (${partner.host})`,
  },
  // A partner below its registrable domain is caught above: any name that ends like it shares
  // its site, so the suffix lookalike is same-site with it.
  ...(['same-origin', 'attacker', 'lookalike-suffix'] as const).map(registrable),
  // Only the partner and its lookalikes carry the partner's name: any other page that does is
  // let in by the hurried checks the lookalikes beat (no start anchor, startsWith, includes).
  {
    name: 'only the partner and its lookalikes carry its name',
    broken: (pages) => {
      const carrier = Object.values(pages).find(
        (p) => !['partner', 'lookalike-suffix', 'lookalike-prefix'].includes(p.id) && p.host.includes(pages.partner.host),
      );
      return carrier ? `${named(carrier)} contains the partner’s name (${pages.partner.host}), so the checks its lookalikes beat would trust it too` : null;
    },
  },
  // Every page is an origin of its own (RFC 6454 §5); only the sandboxed page shares its
  // embedder's host, and serializes as "null" instead.
  {
    name: 'every page its own origin',
    broken: (pages) => {
      const seen = new Map<string, AttackOrigin>();
      for (const page of Object.values(pages).filter((p) => !p.sandboxed)) {
        const earlier = seen.get(page.origin);
        if (earlier) return `${named(page)} has the same origin as ${named(earlier)}: ${page.origin}`;
        seen.set(page.origin, page);
      }
      return null;
    },
  },
];

/** The names a plan gives. */
const namesOf = (plan: SitePlan) => (['bank', 'attacker', 'partner', 'lookalike', 'public'] as const).filter((k) => k in plan);

/**
 * Whether a URL keeps `host` as it is: an `xn--` label must be valid Punycode, or the URL
 * parser refuses the name or rewrites it (URL Standard, "domain to ASCII"; UTS #46).
 */
function takenAsItIs(host: string): boolean {
  try {
    return new URL(`http://${host}`).hostname === host;
  } catch {
    return false;
  }
}

/** Why `value` is no site plan, in a few words, or null when it is one (catalog/site-plan.ts). */
function notAPlan(value: unknown): string | null {
  // TypeBox reports an unknown property twice; the `boolean` row names it less clearly.
  const error = [...Value.Errors(SitePlan, value)].find((e) => e.keyword !== 'boolean');
  if (!error) {
    const plan = value as SitePlan;
    const name = namesOf(plan).find((n) => !takenAsItIs(plan[n]));
    return name ? `${name} (${plan[name]}) is no host name a URL keeps as it is (URL Standard, "domain to ASCII")` : null;
  }
  const where = error.instancePath ? `${error.instancePath.slice(1)} ` : '';
  const why = error.keyword === 'pattern' ? 'must be a lower-case host name whose last label starts with a letter' : error.message;
  // The values behind an enum or an unknown property, which TypeBox's message leaves out.
  const values = Object.values(error.params).find(Array.isArray);
  return `${where}${why}${values && !why.includes(values.join(', ')) ? ` (${values.join(', ')})` : ''}`;
}

/**
 * The one line that refuses `value` as a site plan: the first schema rule it breaks, or the
 * first relation; null when it is a plan that keeps them all.
 */
export function checkSitePlan(value: unknown): string | null {
  const wrong = notAPlan(value);
  if (wrong !== null) return `site plan refused: ${wrong}`;
  const plan = value as SitePlan;
  const pages = Object.fromEntries(planOrigins(planHosts(plan)).map((o) => [o.id, o])) as PlanPages;
  for (const relation of planRelations) {
    const broken = relation.broken(pages);
    if (broken !== null) return `site plan refused: ${broken}`;
  }
  return null;
}
