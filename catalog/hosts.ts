// Where the lab lives. Every `*.localhost` name resolves to loopback inside Chromium and
// Firefox (RFC 6761 §6.3), so each name below is a real, separate origin without DNS.
// Sites are registrable domains (RFC 6265bis §5.2, "site"): `localhost` is the TLD here, so
// bank.localhost, attacker.localhost and partner.localhost are three different sites, while
// something.bank.localhost shares the bank's site. Ports never separate sites.

export const BANK_PORT = 4000;
export const ATTACKER_PORT = 4100;
/**
 * The attacker site again, on a port whose pages the lab's browsers are told to treat as
 * public websites (Local Network Access; engine/browsers/launch.ts): the same loopback server
 * is the internet here. Ports never separate sites, but they do separate these address spaces.
 */
export const PUBLIC_PORT = 4200;
export const BANK_HOST = 'bank.localhost';
/** The unrelated attacker's site; its server also hosts the lab's dashboard, narrator and explainer. */
export const ATTACKER_HOST = 'attacker.localhost';
/** The one cross-site partner the correct allowlist trusts. */
export const PARTNER_HOST = 'partner.localhost';
/** A public website (on PUBLIC_PORT) that the user never allowed to reach the local network. */
export const PUBLIC_HOST = 'public.localhost';
/** A public website (on PUBLIC_PORT) that the user allowed to reach the local network. */
export const GRANTED_PUBLIC_HOST = `granted.${PUBLIC_HOST}`;

export const bankOrigin = `http://${BANK_HOST}:${BANK_PORT}`;

/** The serialized origin of a page on the attacker server under `host`. */
export function attackerOrigin(host: string): string {
  return `http://${host}:${ATTACKER_PORT}`;
}

/** The serialized origin of a public page (served by the attacker server on PUBLIC_PORT) under `host`. */
export function publicOrigin(host: string): string {
  return `http://${host}:${PUBLIC_PORT}`;
}

/** The partner's origin, as an allowlist names it. */
export const partnerOrigin = attackerOrigin(PARTNER_HOST);
