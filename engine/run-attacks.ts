// Fires every attack of the catalog from one attacking origin's page, against one bank
// configuration. The requests go all at once; the navigations take turns in the page's one
// navigation window (catalog NAVIGATION_WINDOW), each waited for until the bank's answer has
// loaded, since a second navigation of a window cancels the first.
import { attacks, type AttackId } from '../catalog/index.js';
import type { ScriptView } from './observe.js';
import type { Victim } from './victim.js';

const attackIds = attacks.map((a) => a.id);
/** How long a navigation may take to land before the next one goes ahead. */
const NAVIGATION_LANDS_WITHIN_MS = 30_000;

const navigations = new Set(attacks.filter((a) => a.request.mode === 'navigate').map((a) => a.id));

/**
 * Which bank the attacks aim at: one of the lab bank's configurations, or another base URL;
 * `code` gives an attack other code than the catalog's (cors-lab probe's re-aimed attacks).
 */
export type AttackTarget = { config: string; bank?: string; code?: Partial<Record<AttackId, string>> };

type Lab = { lab: { runAttack: (id: string, options: { config: string; bank?: string; code?: string; probe: string }) => Promise<ScriptView> } };

/** Fires the attacks `ids` (every catalog attack by default) from one page; only engine/cell-pipeline.ts calls it. */
export async function runAttacksFrom(
  victim: Victim,
  pageId: string,
  target: AttackTarget,
  probePrefix: string,
  ids: readonly AttackId[] = attackIds,
): Promise<Map<AttackId, ScriptView>> {
  const runner = victim.runners.get(pageId)!;
  const run = (ids: readonly AttackId[]) =>
    runner.evaluate(
      ({ ids, target: { code, ...aim }, probePrefix }) =>
        Promise.all(
          ids.map(async (id) => [id, await (window as unknown as Lab).lab.runAttack(id, { ...aim, code: code?.[id], probe: probePrefix + id })] as const),
        ),
      { ids, target, probePrefix },
    );
  const inTurn = async () => {
    const seen: (readonly [string, ScriptView])[] = [];
    for (const id of ids.filter((id) => navigations.has(id))) {
      const views = await run([id]);
      seen.push(...views);
      // No window opened (a blocked pop-up): nothing will land. Otherwise wait for it, generously:
      // the next navigation of the window would cancel this one, and on two busy cores with four
      // browsers a landing can take well over ten seconds.
      if (views.some(([, view]) => view.popupBlocked)) continue;
      const landed = await victim.navigationLanded(probePrefix + id, NAVIGATION_LANDS_WITHIN_MS);
      if (landed === null) console.warn(`[cors-lab] the navigation ${probePrefix}${id} did not land within ${NAVIGATION_LANDS_WITHIN_MS / 1000} s`);
    }
    return seen;
  };
  const [requests, navigated] = await Promise.all([run(ids.filter((id) => !navigations.has(id))), inTurn()]);
  return new Map([...requests, ...navigated].map(([id, view]) => [id as AttackId, view]));
}
