// `cors-lab check`: parse the input (exit 2 on bad input, before anything starts), derive the
// attacking origins, run the engine, print the summary, write the files, return the exit code.
import { EXIT, exitCodeOf, parsedOrReported, wantsHelp, withStatus, type CommandOutput } from './command-core.js';
import { writeFileSync } from 'node:fs';
import { attacks, type LabConfiguration } from '../catalog/index.js';
import { deriveOrigins } from '../rules/derive-origins.js';
import { checkReport, summaryText, writeHtml, type CheckReport } from './check-output.js';
import type { CheckCell } from '../engine/check-run.js';
import type { Prediction } from '../rules/predict.js';
import { checkUsage, parseCheckArgs, type CheckInput } from './check-input.js';
import { junitXml } from './junit.js';
import { sarifText } from './sarif.js';

/** The user's app as a lab configuration: their options, their cookie, their defenses. */
export function configurationOf(input: CheckInput): LabConfiguration {
  return {
    id: 'yours',
    title: `Your @fastify/cors options (${input.corsFile})`,
    whatGoesWrong: 'What this check finds out.',
    cors: input.cors,
    defenses: input.defenses,
    sessionCookie: input.sessionCookie,
    serverFlaws: input.serverFlaws,
    unsafe: null,
    accepts: input.accepts,
    // An Origin/Referer check in your app accepts writes from your API and the origins you trust.
    originCheckAllows: [input.api.origin, ...input.trusted.map((t) => t.origin)],
    // The lab bank's WebSocket is not part of your app: its attacks find no socket (404).
    websocket: false,
  };
}

/** A check's report, and each cell's whole prediction (what the HTML draws; not in the JSON). */
export interface CheckResult {
  report: CheckReport;
  predictions: ReadonlyMap<CheckCell, Prediction>;
}

/** Runs the check `input` describes in the browsers it names; throws when the run can't finish. */
export async function checkSetup(input: CheckInput, progress: (line: string) => void = () => {}): Promise<CheckResult> {
  const { origins, notes } = deriveOrigins(input.api, input.trusted);
  // The engine (browsers, servers, the proxy) loads only once the input is good: help and bad input answer at once.
  const { runCheck } = await import('../engine/check-run.js');
  const run = await runCheck({ api: input.api, configs: [configurationOf(input)], origins, browsers: input.browsers, progress });
  return { report: checkReport({ api: input.api, trusted: input.trusted, corsFile: input.corsFile, origins, notes }, run), predictions: run.predictions };
}

/** Writes the report files the input names. */
export async function writeReportFiles(input: CheckInput, { report, predictions }: CheckResult): Promise<void> {
  if (input.json) writeFileSync(input.json, `${JSON.stringify(report, null, 2)}\n`);
  if (input.html) await writeHtml(input.html, report, predictions);
  // Written on exit 1 and 3 as on 0: a CI reads them for what was found, and each says when there was no verdict.
  if (input.sarif) writeFileSync(input.sarif, sarifText(report, 'check', input.corsFile));
  if (input.junit) writeFileSync(input.junit, junitXml(report, 'check'));
}

export async function checkCommand(argv: string[], out: CommandOutput): Promise<number> {
  if (wantsHelp(argv)) {
    out.log(checkUsage);
    return EXIT.safe;
  }
  const input = await parsedOrReported('check', () => parseCheckArgs(argv), out);
  if (input === null) return EXIT.badInput;
  const { origins } = deriveOrigins(input.api, input.trusted);
  const httpAttacks = attacks.filter((a) => a.request.mode !== 'websocket').length;
  out.error(
    `cors-lab check: ${origins.length} attacking origins × ${httpAttacks} attacks × ${input.browsers.join(', ')} × 2 cookie policies (your app has no WebSocket here)`,
  );
  let result: CheckResult;
  try {
    result = await withStatus(
      out,
      `${input.browsers.join(' and ')} running`,
      checkSetup(input, (line) => out.error(`  ${line}`)),
    );
  } catch (error) {
    out.error(`cors-lab check: no verdict, the run could not finish: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    return EXIT.noVerdict;
  }
  out.log(summaryText(result.report));
  await writeReportFiles(input, result);
  return exitCodeOf(result.report);
}
