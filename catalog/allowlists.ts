// The origins and patterns the configurations hand to @fastify/cors, for one site plan: the
// partner's exact origin, and the hurried checks that also let a lookalike or the sibling in
// (PortSwigger's CORS labs; OWASP WSTG-CLNT-07).
import type { PlanHosts } from './plan-hosts.js';

/** A regex literal that matches `text` exactly (dots escaped), as a careful author writes it. */
export function regexLiteral(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

export interface PlanAllowlists {
  /** The partner's origin: what the correct allowlist names, and nothing else. */
  partner: string;
  /** The partner's host and port with no start anchor, the shape of @fastify/cors's own README example. */
  unanchored: RegExp;
  /** The partner's origin without its port: what a hurried startsWith check is written against. */
  prefix: string;
  /** The partner's host name: what a hurried includes check looks for. */
  substring: string;
  /** Any subdomain of the bank's name, on any port: "trust our own subdomains". */
  subdomains: RegExp;
}

export function planAllowlists(hosts: PlanHosts): PlanAllowlists {
  const partner = new URL(hosts.partnerOrigin);
  return {
    partner: hosts.partnerOrigin,
    unanchored: new RegExp(`${regexLiteral(partner.host)}$`),
    prefix: `${partner.protocol}//${partner.hostname}`,
    substring: partner.hostname,
    subdomains: new RegExp(`^${hosts.scheme}:\\/\\/([a-z0-9-]+\\.)+${regexLiteral(hosts.bank)}(:\\d+)?$`),
  };
}
