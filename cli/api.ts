// The package's programmatic API: `import { check, probe } from 'cors-lab'`. Each takes the
// command's flags as an object, checks them exactly as the command does (the options become the
// command's arguments, so there is one parser and one set of messages), runs the same engine,
// writes the files the options name, and returns the report the JSON file holds.
// Bad input throws an InputError with the command's one-line message; a run that can't finish
// throws an Error. A report with `disagreements > 0` has no verdict (the command's exit 3).
import { serverFlaws, type DefenseId, type ServerFlawId } from '../catalog/index.js';
import { checkSetup, writeReportFiles } from './check-command.js';
import { parseCheckArgs, type BodyType, type CheckBrowser, type SessionCookie } from './check-input.js';
import { probeSetup } from './probe-command.js';
import { parseProbeArgs } from './probe-input.js';
import { redactValues, writeProbeFiles } from './probe-output.js';

export type { CheckReport } from './check-output.js';
export type { ProbeReport } from './probe-output.js';
export type { Verdict } from './verdicts.js';
export type { OriginRelation, DerivedOrigin } from '../rules/derive-origins.js';
export { InputError, EXIT } from './command-core.js';
export { SetupError } from '../engine/probe-session.js';

/** Where the report files go, each written as the command writes it (paths from the working directory). */
export interface ReportFiles {
  json?: string;
  html?: string;
  /** SARIF 2.1.0, for code scanning (README "SARIF and JUnit"). */
  sarif?: string;
  /** JUnit XML: one test case per origin, browser and cookie policy. */
  junit?: string;
}

const reportFileArguments = (files: ReportFiles) => [
  ...given('--json', files.json),
  ...given('--html', files.html),
  ...given('--sarif', files.sarif),
  ...given('--junit', files.junit),
];

/** `cors-lab check`'s flags as an object (`cors-lab check --help` describes each). */
export interface CheckOptions extends ReportFiles {
  /** --api: the API's origin, e.g. 'https://api.example.com'. */
  api: string;
  /** --cors: a module whose default export is the @fastify/cors options, or a .json file. */
  cors: string;
  /** --trusted: the origins the API means to trust. */
  trusted?: readonly string[];
  sessionCookie?: SessionCookie;
  defenses?: readonly DefenseId[];
  accepts?: readonly BodyType[];
  browsers?: readonly CheckBrowser[];
  /** The lab's deliberate server flaws the API shares (the `--dangerously-…` flags). */
  serverFlaws?: readonly ServerFlawId[];
  /** Called with each progress line (the command prints them on stderr). */
  progress?: (line: string) => void;
}

/** `cors-lab probe`'s flags as an object (`cors-lab probe --help` describes each). */
export interface ProbeOptions extends ReportFiles {
  api: string;
  /** --read: e.g. 'GET /me'. */
  read: string;
  /** --write: e.g. 'POST /transfer'. */
  write: string;
  /** --login and --login-body; or give `storageState`. */
  login?: { endpoint: string; body: string | Record<string, unknown> };
  /** --storage-state: a Playwright storage state file. */
  storageState?: string;
  upstream?: string;
  trusted?: readonly string[];
  writeBody?: Record<string, unknown>;
  /** --write-ok 3xx */
  writeOk3xx?: boolean;
  allowWrites?: boolean;
  writeCap?: number;
  browsers?: readonly CheckBrowser[];
  /** --sarif-location: the file the SARIF results point at (needed with `sarif`). */
  sarifLocation?: string;
  progress?: (line: string) => void;
}

const repeated = (flag: string, values: readonly string[] | undefined) => (values ?? []).flatMap((v) => [flag, v]);
const given = (flag: string, value: string | number | undefined) => (value === undefined ? [] : [flag, String(value)]);
const bodyText = (body: string | Record<string, unknown>) => (typeof body === 'string' ? body : JSON.stringify(body));

/** The `check` arguments these options stand for. */
export function checkArguments(options: CheckOptions): string[] {
  const flaws = new Set(options.serverFlaws ?? []);
  return [
    ...given('--api', options.api),
    ...given('--cors', options.cors),
    ...repeated('--trusted', options.trusted),
    ...given('--session-cookie', options.sessionCookie),
    ...repeated('--defense', options.defenses),
    ...repeated('--accepts', options.accepts),
    ...repeated('--browser', options.browsers),
    ...reportFileArguments(options),
    ...serverFlaws.filter((f) => flaws.has(f.id)).map((f) => `--${f.flag}`),
  ];
}

/** The `probe` arguments these options stand for. */
export function probeArguments(options: ProbeOptions): string[] {
  return [
    ...given('--api', options.api),
    ...given('--upstream', options.upstream),
    ...repeated('--trusted', options.trusted),
    ...given('--read', options.read),
    ...given('--write', options.write),
    ...given('--login', options.login?.endpoint),
    ...given('--login-body', options.login === undefined ? undefined : bodyText(options.login.body)),
    ...given('--storage-state', options.storageState),
    ...given('--write-body', options.writeBody === undefined ? undefined : JSON.stringify(options.writeBody)),
    ...(options.writeOk3xx ? ['--write-ok', '3xx'] : []),
    ...(options.allowWrites ? ['--allow-writes'] : []),
    ...given('--write-cap', options.writeCap),
    ...repeated('--browser', options.browsers),
    ...given('--sarif-location', options.sarifLocation),
    ...reportFileArguments(options),
  ];
}

/** Runs `cors-lab check` and returns its report. */
export async function check(options: CheckOptions) {
  const input = await parseCheckArgs(checkArguments(options));
  const result = await checkSetup(input, options.progress);
  await writeReportFiles(input, result);
  return result.report;
}

/** Runs `cors-lab probe` against the running API and returns its report, with the session's secrets redacted as in its files. */
export async function probe(options: ProbeOptions) {
  const input = parseProbeArgs(probeArguments(options));
  const { report, secrets, predictions } = await probeSetup(input, options.progress);
  await writeProbeFiles(input, report, secrets, predictions);
  return redacted(report, secrets);
}

/** The report as the JSON file holds it: every secret value replaced. */
function redacted<T>(report: T, secrets: readonly string[]): T {
  return JSON.parse(redactValues(JSON.stringify(report), secrets)) as T;
}
