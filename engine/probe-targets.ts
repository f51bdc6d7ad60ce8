// The targets of one `cors-lab probe` run. A target is one setup of the API: its own read and
// write endpoints and write body, behind the run's one origin, origin world and session.
// `cors-lab probe` has one, the user's API as its flags describe it. A test may serve several
// setups side by side under their own paths (as check's engine serves several configurations
// under /c/<id>) and observe them all with one victim per browser and cookie policy: each
// target then has its own setup checks, oracle, attacks and evidence markers, and every cell
// names its target.
import { probeParts } from '../catalog/index.js';
import type { ProbeAttack, ProbeAttackInput } from './probe-attacks.js';
import type { Prediction } from '../rules/predict.js';
import type { ProbeCell, ProbeRun } from './probe-run.js';

export interface ProbeTargetInput extends ProbeAttackInput {
  /** Names the target in its cells and in its evidence markers (catalog/probe-ids.ts, part `target`). */
  id: string;
}

/** The one target of `cors-lab probe`: the user's API, as check names the user's configuration. */
export const SOLE_TARGET = 'yours';

/** A target named `id` with the endpoints and write body of `input` (a parsed probe input, say). */
export function targetOf(id: string, input: ProbeAttackInput): ProbeTargetInput {
  return { id, read: input.read, write: input.write, writeBody: input.writeBody };
}

const TARGET_ID = new RegExp(`^${probeParts.target}$`);

/** Throws unless there is a target and each has its own id that fits in a probe marker. */
export function checkTargets(targets: readonly ProbeTargetInput[]): void {
  if (targets.length === 0) throw new Error('a probe run needs a target');
  const seen = new Set<string>();
  for (const { id } of targets) {
    if (!TARGET_ID.test(id)) throw new Error(`probe target "${id}" does not fit in a probe marker (${probeParts.target})`);
    if (seen.has(id)) throw new Error(`probe target "${id}" is given twice: each target's cells and markers need their own name`);
    seen.add(id);
  }
}

/** One target's part of a run, in the shape `cors-lab probe` reports on (cli/probe-output.ts). */
export interface TargetRun {
  /** The target's cells, in the run's order, without the target's name: a report is about one target. */
  cells: ProbeCell[];
  browsers: ProbeRun['browsers'];
  attacks: ProbeAttack[];
  session: ProbeRun['session'];
  untagged: ProbeRun['untagged'];
  writesRefused: number;
  /** Each cell's whole prediction: for drawing the cell; not in the JSON report. */
  predictions: Map<ProbeCell, Prediction>;
}

/** The part of `run` that belongs to target `id`; the browsers, the session and the setup evidence are shared by every target. */
export function targetRun(run: ProbeRun, id: string): TargetRun {
  const target = run.targets.find((t) => t.id === id);
  if (!target) throw new Error(`the run has no target "${id}" (it has ${run.targets.map((t) => t.id).join(', ')})`);
  const predictions = new Map<ProbeCell, Prediction>();
  const cells = run.cells
    .filter((c) => c.targetId === id)
    .map(({ targetId: _, prediction, ...cell }) => {
      predictions.set(cell, prediction);
      return cell;
    });
  return {
    cells,
    browsers: run.browsers,
    attacks: target.attacks,
    session: run.session,
    untagged: run.untagged,
    writesRefused: target.writesRefused,
    predictions,
  };
}
