// The lab's own configurations, moved into the origin world under names that keep the lab's
// relations: the bank at https://bank.example, its trusted partner on another site at
// https://partner.example (as partner.localhost is to bank.localhost). Generated from the
// catalog, never rewritten by hand, so `cors-lab check` can be compared with the matrix.
import type { FastifyCorsOptions } from '@fastify/cors';
import { bankOrigin, configurations, origins, partnerOrigin, type LabConfiguration, type OriginId } from '../../catalog/index.js';
import { relationOfLabOrigin, type DerivedOrigin, type OriginRelation } from '../../rules/derive-origins.js';

export const WORLD_BANK = new URL('https://bank.example');
export const WORLD_PARTNER = new URL('https://partner.example');

/**
 * The matrix's origin each derived relation stands for, where the lab has one: the lab's own
 * relations, inverted. Neither the control nor the public pages, which check never derives.
 */
export const labOriginOfRelation: Partial<Record<OriginRelation, OriginId>> = Object.fromEntries(
  Object.entries(relationOfLabOrigin)
    .filter(([, relation]) => relation !== 'same-origin' && relation !== 'public')
    .map(([id, relation]) => [relation, id]),
);

/** World origin → the lab origin with the same relation to its bank (the derived origins of bank.example + partner.example). */
export function labOriginMap(derived: readonly DerivedOrigin[]): Map<string, string> {
  const map = new Map<string, string>([[WORLD_BANK.origin, bankOrigin]]);
  for (const d of derived) {
    const labId = labOriginOfRelation[d.relation];
    if (labId === undefined || d.sandboxed) continue;
    map.set(d.origin, origins.find((o) => o.id === labId)!.origin);
  }
  return map;
}

type OriginOption = FastifyCorsOptions['origin'];
type OriginCallback = (origin: string | undefined, callback: (error: Error | null, allow: boolean) => void) => void;

/**
 * The same decision, asked in world names: literal origins are translated as data; a
 * regular expression or a function is asked about the lab origin that stands in the same
 * relation (an origin with no lab counterpart is asked as it is).
 */
function translateOrigin(option: OriginOption, toLab: Map<string, string>): OriginOption {
  const toWorld = new Map([...toLab].map(([world, lab]) => [lab, world]));
  const asLab = (origin: string | undefined) => (origin === undefined ? undefined : (toLab.get(origin) ?? origin));
  if (typeof option === 'string') return option === '*' ? option : (toWorld.get(option) ?? option);
  if (Array.isArray(option)) return option.map((o) => (typeof o === 'string' ? (toWorld.get(o) ?? o) : o)) as OriginOption;
  if (option instanceof RegExp) {
    const regex = option;
    const decide: OriginCallback = (origin, callback) => callback(null, origin !== undefined && regex.test(asLab(origin)!));
    return decide as OriginOption;
  }
  if (typeof option === 'function') {
    const labDecision = option as OriginCallback;
    const decide: OriginCallback = (origin, callback) => labDecision(asLab(origin), callback);
    return decide as OriginOption;
  }
  return option;
}

/** Every catalog configuration, as its bank would be set up at https://bank.example. */
export function labConfigurationsInTheWorld(derived: readonly DerivedOrigin[]): LabConfiguration[] {
  const toLab = labOriginMap(derived);
  return configurations.map((config) => ({
    ...config,
    cors: config.cors && { ...config.cors, origin: translateOrigin(config.cors.origin, toLab) },
    originCheckAllows: (config.originCheckAllows ?? [bankOrigin, partnerOrigin]).map((o) => [...toLab].find(([, lab]) => lab === o)?.[0] ?? o),
  }));
}
