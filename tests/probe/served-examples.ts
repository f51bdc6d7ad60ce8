// The README's examples served side by side, each under /c/<example> behind its own options,
// with one login: the bank `cors-lab serve` starts, given each file's configuration as check's
// own parser reads it, and laid out as check's engine serves the examples in the check project
// (tests/check/check-examples.spec.ts).
import { configurationOf } from '../../cli/check-command.js';
import { parseCheckArgs } from '../../cli/check-input.js';
import { serveConfigurations } from '../../cli/serve-command.js';
import { exampleId } from '../check/example-reports.js';

/** Starts the bank of `examples` (file names in examples/), as `check --api <api> --trusted <trusted> --cors examples/<file>` reads each. */
export async function serveExamples(examples: readonly string[], api: string, trusted: string) {
  const configurations = await Promise.all(
    examples.map(async (example) => ({
      ...configurationOf(await parseCheckArgs(['--api', api, '--trusted', trusted, '--cors', `examples/${example}`])),
      id: exampleId(example),
    })),
  );
  return serveConfigurations(configurations, 0);
}
