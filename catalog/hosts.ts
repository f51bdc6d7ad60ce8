// Where the lab lives. Every `*.localhost` name resolves to loopback inside Chromium and
// Firefox (RFC 6761 §6.3), so each name below is a real, separate origin without DNS.
// Sites are registrable domains (RFC 6265bis §5.2, "site"): `localhost` is the TLD here, so
// bank.localhost, attacker.localhost and partner.localhost are three different sites, while
// something.bank.localhost shares the bank's site. Ports never separate sites.

export const BANK_PORT = 4000;
export const ATTACKER_PORT = 4100;
export const BANK_HOST = 'bank.localhost';
/** The unrelated attacker's site; its server also hosts the lab's dashboard, narrator and explainer. */
export const ATTACKER_HOST = 'attacker.localhost';
/** The one cross-site partner the correct allowlist trusts. */
export const PARTNER_HOST = 'partner.localhost';

export const bankOrigin = `http://${BANK_HOST}:${BANK_PORT}`;

/** The serialized origin of a page on the attacker server under `host`. */
export function attackerOrigin(host: string): string {
  return `http://${host}:${ATTACKER_PORT}`;
}

/** The partner's origin, as an allowlist names it. */
export const partnerOrigin = attackerOrigin(PARTNER_HOST);
