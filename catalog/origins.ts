// Every page an attack can be launched from, and how it stands to the bank.
// Same origin = same scheme, host and port (RFC 6454 §5). Same site = same scheme and
// registrable domain (RFC 6265bis §5.2; Fetch Metadata "same-site").
import { ATTACKER_HOST, ATTACKER_PORT, BANK_HOST, BANK_PORT, PARTNER_HOST, attackerOrigin, bankOrigin } from './hosts.js';
import { siteOf } from './sites.js';

export type OriginId = 'same-origin' | 'attacker' | 'partner' | 'sibling' | 'lookalike-suffix' | 'lookalike-prefix' | 'null';

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
];

export function attackOrigin(id: OriginId): AttackOrigin {
  const found = origins.find((o) => o.id === id);
  if (!found) throw new Error(`unknown origin ${id}`);
  return found;
}

/** The URL of the page that runs attacks from `origin` (the sandbox wrapper for `null`). */
export function runnerUrl(origin: AttackOrigin): string {
  const base = `http://${origin.host}:${origin.port}`;
  if (origin.servedBy === 'bank') return `${base}/lab/runner/`;
  return origin.sandboxed ? `${base}/sandboxed.html` : `${base}/runner/`;
}
