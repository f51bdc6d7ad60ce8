// `cors-lab doctor`: which lab browsers this machine can run, and why not when it can't. Each
// browser found is launched once and runs a page (engine/browsers/diagnose.ts), one after the
// other (two cores); one line each, and for one that isn't usable, the one line that check,
// probe and the test run would say, with the command that gets a usable one.
import { parseArgs } from 'node:util';
import { labBrowserNames, labBrowsers, type LabBrowserName } from '../catalog/index.js';
import { diagnose, type BrowserDiagnosis } from '../engine/browsers/diagnose.js';
import { playwrightVersion } from '../engine/browsers/supported.js';
import { CHECK_BROWSERS } from './check-input.js';
import { DOCTOR_EXIT, flagError, oneOf, parsedOrReported, wantsHelp, type CommandOutput } from './command-core.js';

export const doctorUsage = `Usage: cors-lab doctor [--browser <b>]... [--json]

Finds each lab browser (Chromium, Firefox, and WebKit where Playwright's build is installed),
reads its version, and launches it once to run a page, as check, probe and the tests would.
One line per browser: where it is, its version, the oldest version this tool is verified with,
and whether it is usable; for one that isn't, why, and the command that gets a usable one.

Options:
  --browser <b>   ${labBrowserNames.join(' | ')} (repeatable; default all)
  --json          print the findings as JSON instead
  -h, --help      show this help

Environment: LAB_CHROMIUM_PATH, LAB_FIREFOX_PATH name a browser's executable (as for every command).

Exit codes: 0 Chromium or Firefox is usable (check and probe can run, with --browser if only
one is), 1 neither is, 2 bad input. A missing or too-old browser is a finding, not bad input.
`;

const flagOptions = { browser: { type: 'string', multiple: true }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } as const;

interface DoctorInput {
  browsers: LabBrowserName[];
  json: boolean;
}

function parseDoctorArgs(argv: string[]): DoctorInput {
  let values: { browser?: string[]; json?: boolean };
  try {
    ({ values } = parseArgs({ args: argv, options: flagOptions, strict: true, allowPositionals: false }));
  } catch (error) {
    throw flagError(error, 'doctor', Object.keys(flagOptions));
  }
  return { browsers: oneOf('--browser', values.browser ?? labBrowserNames, labBrowserNames), json: values.json === true };
}

/** One line: `firefox   /usr/bin/firefox-esr · Firefox ESR 153.8.0 · verified from 153 · usable: yes (a page ran in 3.1 s)`. */
function browserLine(d: BrowserDiagnosis): string {
  const parts = [d.where ?? 'not found'];
  if (d.where !== null) parts.push(d.version ?? 'version unknown');
  if (d.verifiedFrom !== null) parts.push(`verified from ${d.verifiedFrom}`);
  const usable = d.usable ? `yes (a page ran in ${d.seconds} s)` : `no (${d.problem}${d.required ? '' : '; optional'})`;
  parts.push(`usable: ${usable}`);
  const line = `${d.name.padEnd(9)} ${parts.join(' · ')}`;
  return d.reason === null ? line : `${line}\n${' '.repeat(10)}${d.reason}`;
}

/** The usable browsers that check and probe can run in (they don't drive WebKit). */
const forCheck = (found: BrowserDiagnosis[]) => found.filter((d) => d.usable && (CHECK_BROWSERS as readonly string[]).includes(d.name));

/** The closing line: what can run here, from the browsers checked. */
export function verdictLine(found: BrowserDiagnosis[]): string {
  const count = `${found.filter((d) => d.usable).length} of ${found.length} usable`;
  const usable = forCheck(found);
  const required = labBrowsers.filter((b) => b.required);
  const unusable = required.filter((b) => found.some((d) => d.name === b.name && !d.usable)).map((b) => b.title);
  const unchecked = required.filter((b) => !found.some((d) => d.name === b.name)).map((b) => b.title);
  if (usable.length === 0) return `${count}: check, probe and the test run can't run here.`;
  if (unusable.length === 0 && unchecked.length === 0) return `${count}: check, probe and the test run can run.`;
  const withBrowsers = `check and probe can run with ${usable.map((d) => `--browser ${d.name}`).join(' ')}`;
  if (unusable.length > 0) return `${count}: ${withBrowsers}; the test run needs ${unusable.join(' and ')} too.`;
  return `${count}: ${withBrowsers}; the test run also needs ${unchecked.join(' and ')}, not checked here.`;
}

export async function doctorCommand(argv: string[], out: CommandOutput, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  if (wantsHelp(argv)) {
    out.log(doctorUsage);
    return DOCTOR_EXIT.someUsable;
  }
  const input = await parsedOrReported('doctor', () => parseDoctorArgs(argv), out);
  if (input === null) return DOCTOR_EXIT.badInput;
  if (!input.json) out.log(`cors-lab doctor: Playwright ${playwrightVersion}; each browser found is launched once and runs a page`);
  const found: BrowserDiagnosis[] = [];
  for (const name of input.browsers) {
    const diagnosis = await diagnose(name, env);
    found.push(diagnosis);
    if (!input.json) out.log(browserLine(diagnosis));
  }
  if (input.json) out.log(JSON.stringify({ playwright: playwrightVersion, browsers: found }, null, 2));
  else out.log(verdictLine(found));
  return forCheck(found).length > 0 ? DOCTOR_EXIT.someUsable : DOCTOR_EXIT.noneUsable;
}
