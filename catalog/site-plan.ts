// The lab's sites, as data: the registrable domains it names, the scheme, and the ports its
// origins carry. Every host and origin of the catalog follows from one plan
// (catalog/plan-hosts.ts), and catalog/check-site-plan.ts says whether a plan keeps the
// relations the lessons rest on. The running lab's plan is LAB_SITE_PLAN's
// (catalog/active-site-plan.ts).
import { Type, type Static } from 'typebox';
import { ATTACKER_PORT, BANK_PORT, PUBLIC_PORT } from './ports.js';

/**
 * A lower-case DNS name: labels of letters, digits and inner hyphens (RFC 1123 §2.1), joined
 * by dots, the last one (a top-level domain) starting with a letter. So no IP address, which
 * has no registrable domain, and no name that a URL parser would read as one (URL Standard,
 * "ends in a number").
 */
const HostName = Type.String({
  maxLength: 253,
  pattern: '^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)*[a-z]([a-z0-9-]{0,61}[a-z0-9])?$',
});

const Port = Type.Integer({ minimum: 1, maximum: 65535 });

export const SitePlan = Type.Object(
  {
    /** The scheme of every origin the lab names: the bank's and every attacking page's. */
    scheme: Type.Enum(['http', 'https']),
    /** The bank's registrable domain. Its sibling, something.<bank>, shares its site. */
    bank: HostName,
    /** The unrelated attacker's registrable domain. The prefix lookalike, <partner>.<attacker>, lives under it. */
    attacker: HostName,
    /** The trusted partner's registrable domain: the one cross-site origin the correct allowlist names. */
    partner: HostName,
    /** The suffix lookalike's registrable domain: another site whose name ends with the partner's (evil<partner>). */
    lookalike: HostName,
    /**
     * The host of the public pages (Local Network Access): any name that is not the bank's
     * site; the granted page is granted.<public>. It needs no site of its own: a name under the
     * attacker's will do.
     */
    public: HostName,
    /**
     * The ports the origins carry: the bank's, the attacker site's (partner, sibling and
     * lookalikes included) and the public pages'. Absent: the scheme's default port, which an
     * origin leaves out (RFC 6454 §6.2).
     */
    ports: Type.Optional(Type.Object({ bank: Port, attacker: Port, public: Port }, { additionalProperties: false })),
  },
  { additionalProperties: false },
);

export type SitePlan = Static<typeof SitePlan>;

/**
 * The lab on this machine: every `*.localhost` name resolves to loopback inside Chromium and
 * Firefox (RFC 6761 §6.3), so each name is a real, separate origin without DNS, and browsers
 * reach the servers on their own ports. `localhost` acts as the TLD (RFC 6265bis §5.2, "site"),
 * so bank.localhost, attacker.localhost and partner.localhost are separate sites.
 */
export const defaultSitePlan: SitePlan = {
  scheme: 'http',
  bank: 'bank.localhost',
  attacker: 'attacker.localhost',
  partner: 'partner.localhost',
  lookalike: 'evilpartner.localhost',
  public: 'public.localhost',
  ports: { bank: BANK_PORT, attacker: ATTACKER_PORT, public: PUBLIC_PORT },
};
