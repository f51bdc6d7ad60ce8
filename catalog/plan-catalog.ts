// Everything the catalog names for one site plan: its hosts and origins, its attacking pages
// and its configurations with their allowlists. The running lab's catalog is this for its own
// plan (catalog/hosts.ts); another plan's is one call away, for a test or a tool that
// compares plans.
import { planAllowlists } from './allowlists.js';
import { planConfigurations } from './configurations.js';
import { planHosts } from './plan-hosts.js';
import { planOrigins } from './plan-origins.js';
import type { SitePlan } from './site-plan.js';

export function planCatalog(plan: SitePlan) {
  const hosts = planHosts(plan);
  return { hosts, allowlists: planAllowlists(hosts), origins: planOrigins(hosts), configurations: planConfigurations(hosts) };
}
