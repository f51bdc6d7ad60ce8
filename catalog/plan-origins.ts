// Every page an attack can be launched from, and how it stands to the bank.
// Same origin = same scheme, host and port (RFC 6454 §5). Same site = same scheme and
// registrable domain (RFC 6265bis §5.2; Fetch Metadata "same-site"). The address space is
// Local Network Access's (catalog/local-network-access.ts).
import { planAllowlists } from './allowlists.js';
import { LAB_ADDRESS_SPACE, type AddressSpace, type LocalNetworkPermission } from './local-network-access.js';
import type { PlanHosts } from './plan-hosts.js';
import { siteOf } from './sites.js';

export type OriginId = 'same-origin' | 'attacker' | 'partner' | 'sibling' | 'lookalike-suffix' | 'lookalike-prefix' | 'null' | 'public' | 'public-granted';

export interface AttackOrigin {
  id: OriginId;
  title: string;
  whatGoesWrong: string;
  /** Host name of the page that runs the attack. */
  host: string;
  /** The origin of the page the runner is served on: for a sandboxed frame, its embedder's. */
  pageOrigin: string;
  /** Which server serves the runner page. */
  servedBy: 'bank' | 'attacker';
  /** The attack runs in a sandboxed iframe, so its origin is opaque and serializes as `null`. */
  sandboxed: boolean;
  /** The `Origin` header value a request from this page carries. */
  origin: string;
  /** The registrable domain of the page (its site, RFC 6265bis §5.2); null when opaque. */
  site: string | null;
  /** The IP address space the browser puts the page in (Local Network Access, "IP address space"). */
  addressSpace: AddressSpace;
  /**
   * For a public page: whether the user allowed it to reach the local network (the lab grants
   * it at launch, engine/browsers/launch.ts). null for a page in the lab's own address space.
   */
  localNetworkPermission: LocalNetworkPermission | null;
}

/** Every attacking page of one site plan, named after its hosts (catalog/plan-hosts.ts). */
export function planOrigins(hosts: PlanHosts): AttackOrigin[] {
  const allow = planAllowlists(hosts);
  function attackerPage(id: OriginId, host: string, title: string, whatGoesWrong: string): AttackOrigin {
    const origin = hosts.attackerOrigin(host);
    return {
      id,
      title,
      whatGoesWrong,
      host,
      pageOrigin: origin,
      servedBy: 'attacker',
      sandboxed: false,
      origin,
      site: siteOf(host),
      addressSpace: LAB_ADDRESS_SPACE,
      localNetworkPermission: null,
    };
  }
  /** A page of the attacker site on the public port, which the lab's browsers count as a public website. */
  function publicPage(id: OriginId, host: string, permission: LocalNetworkPermission, title: string, whatGoesWrong: string): AttackOrigin {
    const origin = hosts.publicOrigin(host);
    return {
      ...attackerPage(id, host, title, whatGoesWrong),
      pageOrigin: origin,
      origin,
      addressSpace: 'public',
      localNetworkPermission: permission,
    };
  }
  return [
    {
      id: 'same-origin',
      title: 'The bank’s own page (control)',
      whatGoesWrong: 'Nothing: this is the bank talking to itself. Every cookie rides along and every answer is readable.',
      host: hosts.bank,
      pageOrigin: hosts.bankOrigin,
      servedBy: 'bank',
      sandboxed: false,
      origin: hosts.bankOrigin,
      site: siteOf(hosts.bank),
      addressSpace: LAB_ADDRESS_SPACE,
      localNetworkPermission: null,
    },
    attackerPage(
      'attacker',
      hosts.attacker,
      'An unrelated attacker site',
      'The “free movies” site: cross-site, trusted by nobody — unless a configuration trusts everybody.',
    ),
    attackerPage(
      'partner',
      hosts.partner,
      'The trusted partner',
      'The one cross-site origin the correct allowlist trusts. Trust is only as good as the partner.',
    ),
    attackerPage(
      'sibling',
      hosts.sibling,
      'A compromised sibling subdomain',
      'Same site as the bank, so SameSite=Strict cookies ride along; trusting subdomains trusts every one of them.',
    ),
    attackerPage(
      'lookalike-suffix',
      hosts.suffixLookalike,
      'Lookalike: ends like the partner',
      `Beats an origin check that forgot the start anchor: ${allow.unanchored} matches it.`,
    ),
    attackerPage(
      'lookalike-prefix',
      hosts.prefixLookalike,
      'Lookalike: starts like the partner',
      `Beats an origin check written as startsWith("${allow.prefix}").`,
    ),
    {
      ...attackerPage(
        'null',
        hosts.attacker,
        'Opaque origin: a sandboxed iframe',
        'A sandboxed iframe sends `Origin: null`; a server that trusts "null" trusts every sandbox on the web.',
      ),
      sandboxed: true,
      origin: 'null',
      site: null,
    },
    publicPage(
      'public',
      hosts.public,
      'denied',
      'A public website (local network access not allowed)',
      'A site on the internet reaching for the bank on this machine: the browser asks the user first, and until someone says yes it sends nothing — yet a form still navigates there.',
    ),
    publicPage(
      'public-granted',
      hosts.grantedPublic,
      'granted',
      'A public website the user allowed on the local network',
      'One click on “Allow” and the public site is just another cross-site attacker: CORS and SameSite decide again.',
    ),
  ];
}

/**
 * Whether the dashboard offers this origin's runner (teaching/dashboard): the attacker site's
 * pages, the public ones included.
 */
export function onDashboard(origin: AttackOrigin): boolean {
  return origin.servedBy === 'attacker';
}

/**
 * Whether the dashboard drives this origin's runner unless told otherwise: not the public pages.
 * The dashboard runs in the trainer's own browser, where a page on PUBLIC_PORT is public only if
 * the browser was started with `publicPagesLaunch` (catalog/local-network-access.ts); otherwise
 * it is on loopback like any other and shows no Local Network Access, and the rules' rows for a
 * public page would not match it. The trainer opts in.
 */
export function onDashboardByDefault(origin: AttackOrigin): boolean {
  return onDashboard(origin) && origin.addressSpace === LAB_ADDRESS_SPACE;
}

/** The URL of the page that runs attacks from `origin` (the sandbox wrapper for `null`). */
export function runnerUrl(origin: AttackOrigin): string {
  if (origin.servedBy === 'bank') return `${origin.pageOrigin}/lab/runner/`;
  return origin.sandboxed ? `${origin.pageOrigin}/sandboxed.html` : `${origin.pageOrigin}/runner/`;
}
