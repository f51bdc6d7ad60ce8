// Runs the `run:` steps of this repository's action.yml the way GitHub's runner runs a
// composite action (GitHub can't be reached from here): each step in bash
// (`bash --noprofile --norc -eo pipefail`, GitHub's `shell: bash`), in its working directory,
// with its `env:` expressions evaluated from the inputs (defaults filled in) and the outputs of
// the steps before it, GITHUB_ACTION_PATH and GITHUB_OUTPUT set. A `uses:` step is GitHub's own:
// it is recorded, not run.
// Expressions: https://docs.github.com/en/actions/reference/workflows-and-actions/expressions
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';

interface ActionStep {
  id?: string;
  name: string;
  shell?: string;
  run?: string;
  uses?: string;
  if?: string;
  env?: Record<string, string>;
  'working-directory'?: string;
}

export interface Action {
  inputs: Record<string, { default?: string; required?: boolean }>;
  runs: { using: string; steps: ActionStep[] };
}

export interface StepRun {
  name: string;
  /** null for a `uses:` step, which only GitHub runs. */
  status: number | null;
  output: string;
}

export function readAction(file = 'action.yml'): Action {
  return parse(readFileSync(file, 'utf8')) as Action;
}

/** Evaluates the `${{ … }}` expressions this action uses in `env:` and `working-directory:`: inputs and step outputs. */
function evaluate(text: string, inputs: Record<string, string>, outputs: Record<string, Record<string, string>>): string {
  return text.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_, expression: string) => {
    const input = /^inputs\.([\w-]+)$/.exec(expression);
    if (input) return inputs[input[1]!] ?? '';
    const output = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(expression);
    if (output) return outputs[output[1]!]?.[output[2]!] ?? '';
    throw new Error(`action.yml uses an expression this test runner doesn't know: ${expression}`);
  });
}

/** The `name=value` lines a step wrote to GITHUB_OUTPUT. */
function outputsOf(file: string): Record<string, string> {
  const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean);
  return Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
}

/**
 * Runs the action from `actionPath` in `workspace` with `given` inputs, as GitHub would, stopping
 * at the first step that fails (the job's default). Inputs are checked like the runner does.
 */
export function runAction(action: Action, actionPath: string, workspace: string, given: Record<string, string>): StepRun[] {
  const unknown = Object.keys(given).filter((name) => !(name in action.inputs));
  if (unknown.length > 0) throw new Error(`unexpected inputs: ${unknown.join(', ')}`);
  const inputs = Object.fromEntries(Object.entries(action.inputs).map(([name, spec]) => [name, given[name] ?? spec.default ?? '']));
  for (const [name, spec] of Object.entries(action.inputs)) if (spec.required && !inputs[name]) throw new Error(`input required and not supplied: ${name}`);
  const outputs: Record<string, Record<string, string>> = {};
  const runs: StepRun[] = [];
  const scratch = mkdtempSync(join(tmpdir(), 'cors-lab-action-'));
  for (const [n, step] of action.runs.steps.entries()) {
    if (step.uses) {
      runs.push({ name: step.name, status: null, output: `uses: ${step.uses} (GitHub's own; not run here)` });
      continue;
    }
    if (step.if) throw new Error(`step "${step.name}": a run step's if: is not evaluated here`);
    if (step.shell !== 'bash') throw new Error(`step "${step.name}": only shell: bash is run here`);
    const outputFile = join(scratch, `output-${n}`);
    writeFileSync(outputFile, '');
    const env = Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, evaluate(String(v), inputs, outputs)]));
    const cwd = resolve(workspace, evaluate(step['working-directory'] ?? '.', inputs, outputs));
    const script = join(scratch, `step-${n}.sh`);
    writeFileSync(script, step.run ?? '');
    const run = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], {
      cwd,
      encoding: 'utf8',
      timeout: 900_000,
      env: { ...process.env, ...env, GITHUB_ACTION_PATH: actionPath, GITHUB_OUTPUT: outputFile, GITHUB_WORKSPACE: workspace, CI: 'true' },
    });
    runs.push({ name: step.name, status: run.status, output: `${run.stdout}${run.stderr}` });
    if (step.id) outputs[step.id] = outputsOf(outputFile);
    if (run.status !== 0) break;
  }
  return runs;
}
