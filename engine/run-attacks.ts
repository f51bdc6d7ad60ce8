// Fires every attack of the catalog from one attacking origin's page, against one bank
// configuration, all at once. Navigation attacks land in the victim's other tabs; the
// run is over when each has loaded the bank's answer.
import { attacks, type AttackId } from '../catalog/index.js';
import type { ScriptView } from './observe.js';
import type { Victim } from './victim.js';

const attackIds = attacks.map((a) => a.id);
const navigations = attacks.filter((a) => a.request.mode === 'navigate').map((a) => a.id);

/** Which bank the attacks aim at: one of the lab bank's configurations, or another base URL. */
export type AttackTarget = { config: string; bank?: string };

type Lab = { lab: { runAttack: (id: string, options: AttackTarget & { probe: string }) => Promise<ScriptView> } };

export async function runAttacksFrom(victim: Victim, pageId: string, target: AttackTarget, probePrefix: string): Promise<Map<AttackId, ScriptView>> {
  const results = await victim.runners.get(pageId)!.evaluate(
    ({ ids, target, probePrefix }) =>
      Promise.all(ids.map(async (id) => [id, await (window as unknown as Lab).lab.runAttack(id, { ...target, probe: probePrefix + id })] as const)),
    { ids: attackIds, target, probePrefix },
  );
  await Promise.all(navigations.map((id) => victim.navigationLanded(probePrefix + id)));
  return new Map(results.map(([id, view]) => [id as AttackId, view]));
}
