// Fires every attack of the catalog from one attacking origin's page, against one bank
// configuration, all at once. Navigation attacks land in the victim's other tabs; the
// run is over when each has loaded the bank's answer.
import { attacks, type AttackId } from '../catalog/index.js';
import type { ScriptView } from './observe.js';
import type { Victim } from './victim.js';

const attackIds = attacks.map((a) => a.id);
const navigations = attacks.filter((a) => a.request.mode === 'navigate').map((a) => a.id);

/**
 * Which bank the attacks aim at: one of the lab bank's configurations, or another base URL;
 * `code` runs only the attacks it names, with this code instead of the catalog's (cors-lab
 * probe's re-aimed attacks).
 */
export type AttackTarget = { config: string; bank?: string; code?: Partial<Record<AttackId, string>> };

type Lab = { lab: { runAttack: (id: string, options: { config: string; bank?: string; code?: string; probe: string }) => Promise<ScriptView> } };

export async function runAttacksFrom(victim: Victim, pageId: string, target: AttackTarget, probePrefix: string): Promise<Map<AttackId, ScriptView>> {
  // With `code`, only the attacks it gives run.
  const ids = target.code ? attackIds.filter((id) => target.code![id] !== undefined) : attackIds;
  const results = await victim.runners.get(pageId)!.evaluate(
    ({ ids, target: { code, ...aim }, probePrefix }) =>
      Promise.all(ids.map(async (id) => [id, await (window as unknown as Lab).lab.runAttack(id, { ...aim, code: code?.[id], probe: probePrefix + id })] as const)),
    { ids, target, probePrefix },
  );
  await Promise.all(navigations.filter((id) => ids.includes(id)).map((id) => victim.navigationLanded(probePrefix + id)));
  return new Map(results.map(([id, view]) => [id as AttackId, view]));
}
