// The one catalog: the bank, the attacker site, the browser matrix and the report all
// read it from here.
export * from './ports.js';
export * from './site-plan.js';
export * from './active-site-plan.js';
export * from './check-site-plan.js';
export * from './plan-hosts.js';
export * from './hosts.js';
export * from './allowlists.js';
export * from './cookie-variants.js';
export * from './cookie-policies.js';
export * from './sites.js';
export * from './plan-origins.js';
export * from './origins.js';
export * from './configurations.js';
export * from './plan-catalog.js';
export * from './attacks.js';
export * from './public-catalog.js';
export * from './browsers.js';
export * from './describe-cors.js';
export * from './transfer.js';
export * from './probe-ids.js';
export * from './ledger-entry.js';
export * from './loopback.js';
export * from './learners.js';
export * from './local-network-access.js';
export * from './outcomes.js';
export * from './server-flaws.js';
