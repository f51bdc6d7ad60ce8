// Fires every attack of the catalog from one attacking origin's page, against one bank
// configuration, all at once. Navigation attacks land in the victim's other tabs; the
// run is over when each has loaded the bank's answer.
import { attacks, type AttackId, type OriginId } from '../../catalog/index.js';
import type { ScriptView } from '../../engine/observe.js';
import type { Victim } from './victim.js';

const attackIds = attacks.map((a) => a.id);
const navigations = attacks.filter((a) => a.request.mode === 'navigate').map((a) => a.id);

type Lab = { lab: { runAttack: (id: string, options: { config: string; probe: string }) => Promise<ScriptView> } };

export async function runAttacksFrom(victim: Victim, origin: OriginId, config: string, probePrefix: string): Promise<Map<AttackId, ScriptView>> {
  const results = await victim.runners.get(origin)!.evaluate(
    ({ ids, config, probePrefix }) =>
      Promise.all(ids.map(async (id) => [id, await (window as unknown as Lab).lab.runAttack(id, { config, probe: probePrefix + id })] as const)),
    { ids: attackIds, config, probePrefix },
  );
  await Promise.all(navigations.map((id) => victim.navigationLanded(probePrefix + id)));
  return new Map(results.map(([id, view]) => [id as AttackId, view]));
}
