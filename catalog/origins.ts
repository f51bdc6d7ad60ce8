// The running lab's attacking pages: those of its site plan (catalog/hosts.ts).
import { labHosts } from './hosts.js';
import { planOrigins, type AttackOrigin, type OriginId } from './plan-origins.js';

export const origins: readonly AttackOrigin[] = planOrigins(labHosts);

export function attackOrigin(id: OriginId): AttackOrigin {
  const found = origins.find((o) => o.id === id);
  if (!found) throw new Error(`unknown origin ${id}`);
  return found;
}
