// `cors-lab probe`: parse the input (exit 2 on bad input, before anything starts), derive the
// attacking origins, then either list the requests (--dry-run) or run the engine against the
// user's running API; print the summary, write the files, return the exit code as `check` does.
import { EXIT, exitCodeOf, parsedOrReported, withStatus, type CommandOutput } from './command-core.js';
import { probeAttacks } from '../engine/probe-attacks.js';
import { SetupError } from '../engine/probe-session.js';
import { SOLE_TARGET, targetOf, targetRun, type TargetRun } from '../engine/probe-targets.js';
import { deriveOrigins } from '../rules/derive-origins.js';
import { parseProbeArgs, probeUsage, type ProbeInput } from './probe-input.js';
import { dryRunText, probeNotes, probeReport, probeSummary, redactValues, writeProbeFiles, type ProbeReport } from './probe-output.js';

/**
 * Runs the probe `input` describes against the running API; throws a SetupError when the API
 * can't be probed as described, or an Error when the run can't finish. The secrets are the
 * session's values, to redact from anything shown or written.
 */
export async function probeSetup(
  input: ProbeInput,
  progress: (line: string) => void = () => {},
): Promise<{ report: ProbeReport; secrets: readonly string[]; predictions: TargetRun['predictions'] }> {
  const { origins, notes } = deriveOrigins(input.api, input.trusted);
  // The engine loads only once the input is good, as in `check`.
  const { runProbe } = await import('../engine/probe-run.js');
  const run = await runProbe({ ...input, origins, progress, targets: [targetOf(SOLE_TARGET, input)] });
  const sole = targetRun(run, SOLE_TARGET);
  return { report: probeReport(input, origins, [...probeNotes(input), ...notes], sole), secrets: run.secrets, predictions: sole.predictions };
}

export async function probeCommand(argv: string[], out: CommandOutput): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    out.log(probeUsage);
    return EXIT.safe;
  }
  const input = await parsedOrReported('probe', () => parseProbeArgs(argv), out);
  if (input === null) return EXIT.badInput;
  const { origins } = deriveOrigins(input.api, input.trusted);
  if (input.dryRun) {
    out.log(dryRunText(input, origins));
    return EXIT.safe;
  }
  // Nothing is printed before the setup checks pass, so that a setup error is one line alone.
  let started = false;
  const progress = (line: string) => {
    if (!started)
      out.error(
        `cors-lab probe: ${origins.length} attacking origins × ${probeAttacks(input).length} attacks × ${input.browsers.join(', ')} × 2 cookie policies, against ${input.upstream?.origin ?? input.api.origin}`,
      );
    started = true;
    out.error(`  ${line}`);
  };
  let probed: Awaited<ReturnType<typeof probeSetup>>;
  try {
    probed = await withStatus(out, `${input.browsers.join(' and ')} running`, probeSetup(input, progress));
  } catch (error) {
    if (error instanceof SetupError) {
      out.error(`cors-lab probe: ${error.message}`);
      return EXIT.badInput;
    }
    out.error(`cors-lab probe: no verdict, the run could not finish: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    return EXIT.noVerdict;
  }
  const { report, secrets, predictions } = probed;
  out.log(redactValues(probeSummary(report), secrets));
  await writeProbeFiles(input, report, secrets, predictions);
  return exitCodeOf(report);
}
