// Every page an attack can be launched from, and how it stands to the bank.
// Same origin = same scheme, host and port (RFC 6454 §5). Same site = same scheme and
// registrable domain (RFC 6265bis §5.2; Fetch Metadata "same-site"). The address space is
// Local Network Access's (catalog/local-network-access.ts).
import {
  ATTACKER_HOST,
  ATTACKER_PORT,
  BANK_HOST,
  BANK_PORT,
  GRANTED_PUBLIC_HOST,
  PARTNER_HOST,
  PUBLIC_HOST,
  PUBLIC_PORT,
  attackerOrigin,
  bankOrigin,
  publicOrigin,
} from './hosts.js';
import { LAB_ADDRESS_SPACE, type AddressSpace, type LocalNetworkPermission } from './local-network-access.js';
import { siteOf } from './sites.js';

export type OriginId = 'same-origin' | 'attacker' | 'partner' | 'sibling' | 'lookalike-suffix' | 'lookalike-prefix' | 'null' | 'public' | 'public-granted';

export interface AttackOrigin {
  id: OriginId;
  title: string;
  whatGoesWrong: string;
  /** Host name of the page that runs the attack. */
  host: string;
  port: number;
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

function attackerPage(id: OriginId, host: string, title: string, whatGoesWrong: string): AttackOrigin {
  return {
    id,
    title,
    whatGoesWrong,
    host,
    port: ATTACKER_PORT,
    servedBy: 'attacker',
    sandboxed: false,
    origin: attackerOrigin(host),
    site: siteOf(host),
    addressSpace: LAB_ADDRESS_SPACE,
    localNetworkPermission: null,
  };
}

/** A page of the attacker site on PUBLIC_PORT, which the lab's browsers count as a public website. */
function publicPage(id: OriginId, host: string, permission: LocalNetworkPermission, title: string, whatGoesWrong: string): AttackOrigin {
  return {
    ...attackerPage(id, host, title, whatGoesWrong),
    port: PUBLIC_PORT,
    origin: publicOrigin(host),
    addressSpace: 'public',
    localNetworkPermission: permission,
  };
}

export const origins: readonly AttackOrigin[] = [
  {
    id: 'same-origin',
    title: 'The bank’s own page (control)',
    whatGoesWrong: 'Nothing: this is the bank talking to itself. Every cookie rides along and every answer is readable.',
    host: BANK_HOST,
    port: BANK_PORT,
    servedBy: 'bank',
    sandboxed: false,
    origin: bankOrigin,
    site: siteOf(BANK_HOST),
    addressSpace: LAB_ADDRESS_SPACE,
    localNetworkPermission: null,
  },
  attackerPage(
    'attacker',
    ATTACKER_HOST,
    'An unrelated attacker site',
    'The “free movies” site: cross-site, trusted by nobody — unless a configuration trusts everybody.',
  ),
  attackerPage('partner', PARTNER_HOST, 'The trusted partner', 'The one cross-site origin the correct allowlist trusts. Trust is only as good as the partner.'),
  attackerPage(
    'sibling',
    `something.${BANK_HOST}`,
    'A compromised sibling subdomain',
    'Same site as the bank, so SameSite=Strict cookies ride along; trusting subdomains trusts every one of them.',
  ),
  attackerPage(
    'lookalike-suffix',
    `evil${PARTNER_HOST}`,
    'Lookalike: ends like the partner',
    'Beats an origin check that forgot the start anchor: /partner\\.localhost:4100$/ matches it.',
  ),
  attackerPage(
    'lookalike-prefix',
    `${PARTNER_HOST}.${ATTACKER_HOST}`,
    'Lookalike: starts like the partner',
    'Beats an origin check written as startsWith("http://partner.localhost").',
  ),
  {
    ...attackerPage(
      'null',
      ATTACKER_HOST,
      'Opaque origin: a sandboxed iframe',
      'A sandboxed iframe sends `Origin: null`; a server that trusts "null" trusts every sandbox on the web.',
    ),
    sandboxed: true,
    origin: 'null',
    site: null,
  },
  publicPage(
    'public',
    PUBLIC_HOST,
    'denied',
    'A public website (local network access not allowed)',
    'A site on the internet reaching for the bank on this machine: the browser asks the user first, and until someone says yes it sends nothing — yet a form still navigates there.',
  ),
  publicPage(
    'public-granted',
    GRANTED_PUBLIC_HOST,
    'granted',
    'A public website the user allowed on the local network',
    'One click on “Allow” and the public site is just another cross-site attacker: CORS and SameSite decide again.',
  ),
];

export function attackOrigin(id: OriginId): AttackOrigin {
  const found = origins.find((o) => o.id === id);
  if (!found) throw new Error(`unknown origin ${id}`);
  return found;
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
  const base = `http://${origin.host}:${origin.port}`;
  if (origin.servedBy === 'bank') return `${base}/lab/runner/`;
  return origin.sandboxed ? `${base}/sandboxed.html` : `${base}/runner/`;
}
