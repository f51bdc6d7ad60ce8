// Where the lab's servers listen on this machine. Not settings, and not part of a site plan:
// the default plan's origins carry these very ports (browsers reach the servers directly),
// while a hosted plan's origins carry the ports its proxy answers on (catalog/site-plan.ts).

export const BANK_PORT = 4000;
export const ATTACKER_PORT = 4100;
/**
 * The attacker site again, on a port whose pages the lab's browsers are told to treat as
 * public websites (Local Network Access; engine/browsers/launch.ts): the same loopback server
 * is the internet here. Ports never separate sites, but they do separate these address spaces.
 */
export const PUBLIC_PORT = 4200;
