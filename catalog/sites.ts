// Sites: which origins are "same-site". One function for the whole lab: the catalog's own
// hosts, the rules and `cors-lab check`'s derived origins all ask it.
import { getDomain } from 'tldts';

/**
 * The site of a host: its registrable domain under the Public Suffix List, private section
 * included (RFC 6265bis §5.2; github.io users are separate sites). A host with no registrable
 * domain (`localhost`, an IP address, a bare suffix) is its own site. `localhost` acts as a
 * TLD, so `bank.localhost` and `something.bank.localhost` share the site `bank.localhost`.
 */
export function siteOf(host: string): string {
  return getDomain(host, { allowPrivateDomains: true }) ?? host;
}
