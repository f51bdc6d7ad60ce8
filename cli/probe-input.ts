// `cors-lab probe`'s input, checked before anything starts: each bad input is one InputError
// line and exit 2, as in `check`. What only the running API can tell (it doesn't answer, the
// login sets no cookie, the session is stale) is checked by the run's setup (SetupError).
import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Endpoint, ProbeAttackInput } from '../engine/probe-attacks.js';
import type { ProbeRunInput } from '../engine/probe-run.js';
import { cookieAppliesTo, type SessionSource, type StorageStateCookie } from '../engine/probe-session.js';
import { isLocalHost } from '../world/upstream-client.js';
import { CHECK_BROWSERS, type CheckBrowser } from './check-input.js';
import { fail, flagError, oneOf, outputFile, parseOrigin } from './command-core.js';

/** What the engine runs (engine/probe-run.ts) on its one target, the endpoints the flags name, and what only the command needs. */
export interface ProbeInput extends Omit<ProbeRunInput, 'origins' | 'policies' | 'progress' | 'browsers' | 'targets'>, ProbeAttackInput {
  trusted: URL[];
  dryRun: boolean;
  browsers: CheckBrowser[];
  json?: string;
  html?: string;
  sarif?: string;
  /** The file the SARIF results are located in (absolute): SARIF needs one, and a running API has none of its own. */
  sarifLocation?: string;
  junit?: string;
}

/** Pacing between writes against a host that isn't local; none on loopback. */
const REMOTE_PACE_MS = 500;

export const probeUsage = `Usage: cors-lab probe --api <origin> --read 'GET /path' --write 'METHOD /path'
                       (--login 'POST /path' --login-body <body> | --storage-state <file>) [options]

Aims every attack of the lab at your running API, from attacker origins derived from your
names, in real browsers (Chromium and Firefox), logged in as a real user; says which origins
can read the user's data and which writes go through, with evidence from both sides.

Required:
  --api <origin>             your API's public origin, e.g. https://api.example.com
  --read 'GET /path'         an endpoint that shows the logged-in user's own data
  --write 'METHOD /path'     an endpoint that changes state; only it is written to
  --login 'POST /path'       log in in each browser by sending --login-body there (preferred)
  --login-body <body>        JSON, or a url-encoded form (a=1&b=2)
  --storage-state <file>     or: a Playwright storage state (codegen --save-storage). It can't
                             hold a cookie with no SameSite: loading it makes that cookie Lax

Options:
  --upstream <url>           where the API really runs, e.g. http://127.0.0.1:3000 (Host kept);
                             without it, requests go through to the real host
  --trusted <origin>         an origin your API means to trust (repeatable)
  --write-body <json>        the body of every write (default {}); a form flattens it one level
  --write-ok 3xx             count a 3xx answer to a write as done (a redirect to a login
                             page is not a write, so by default only 2xx counts)
  --allow-writes             needed to write to an API that isn't on this machine
  --write-cap <n>            writes per attack, origin, browser and policy (default 1)
  --dry-run                  list every request that would be sent, and send none
  --browser <b>              ${CHECK_BROWSERS.join(' | ')} (repeatable; default both)
  --json <file>              write the JSON report here (secrets redacted)
  --html <file>              write the HTML report here (secrets redacted)
  --sarif <file>             write the findings as SARIF 2.1.0 (for GitHub code scanning);
                             needs --sarif-location
  --sarif-location <file>    the file of yours that the SARIF results point at (where your
                             CORS setup lives, say): the line where origin is set, else line 1
  --junit <file>             write the verdicts as JUnit XML, one test case per origin,
                             browser and cookie policy
  -h, --help                 show this help

Exit codes: 0 no untrusted origin can read or write, 1 one can, 2 bad input, 3 no verdict.
`;

const flagOptions = {
  api: { type: 'string' },
  upstream: { type: 'string' },
  trusted: { type: 'string', multiple: true },
  login: { type: 'string' },
  'login-body': { type: 'string' },
  'storage-state': { type: 'string' },
  read: { type: 'string' },
  write: { type: 'string' },
  'write-body': { type: 'string' },
  'write-ok': { type: 'string' },
  'write-cap': { type: 'string' },
  'allow-writes': { type: 'boolean' },
  'dry-run': { type: 'boolean' },
  browser: { type: 'string', multiple: true },
  json: { type: 'string' },
  html: { type: 'string' },
  sarif: { type: 'string' },
  'sarif-location': { type: 'string' },
  junit: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** `METHOD /path`: an upper-case method, one space, a path that starts with `/`. */
export function parseEndpoint(flag: string, text: string): Endpoint {
  const match = /^([A-Z]+) (\/[^\s'"\\`]*)$/.exec(text.trim());
  if (!match)
    fail(`${flag} "${text}" is not METHOD /path, e.g. ${flag} '${flag === '--read' ? 'GET /me' : flag === '--login' ? 'POST /session' : 'POST /transfer'}'`);
  return { method: match[1]!, path: match[2]! };
}

function parseJsonObject(flag: string, text: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    fail(`${flag} is not JSON: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(`${flag} must be a JSON object, e.g. '{"to":"x","amount":1}'`);
  return value as Record<string, unknown>;
}

/** A Playwright storage state: `{ cookies: [{ name, value, domain, path, expires, httpOnly, secure, sameSite }], origins }`. */
export function loadStorageState(file: string, api: URL): StorageStateCookie[] {
  if (!existsSync(file) || !statSync(file).isFile()) fail(`--storage-state ${file}: no such file`);
  let state: unknown;
  try {
    state = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    fail(`--storage-state ${file} is malformed: not JSON (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`);
  }
  const cookies = (state as { cookies?: unknown } | null)?.cookies;
  if (!Array.isArray(cookies))
    fail(`--storage-state ${file} is malformed: no "cookies" array (write it with npx playwright codegen --save-storage, or context.storageState())`);
  cookies.forEach((c: Record<string, unknown>, i) => {
    const ok =
      typeof c === 'object' &&
      c !== null &&
      ['name', 'value', 'domain', 'path'].every((k) => typeof c[k] === 'string') &&
      typeof c.expires === 'number' &&
      typeof c.httpOnly === 'boolean' &&
      typeof c.secure === 'boolean' &&
      ['Strict', 'Lax', 'None'].includes(c.sameSite as string);
    if (!ok)
      fail(`--storage-state ${file} is malformed: cookie ${i + 1} lacks name, value, domain, path, expires, httpOnly, secure or sameSite (Strict|Lax|None)`);
  });
  const applies = (cookies as StorageStateCookie[]).filter((c) => cookieAppliesTo(c, api));
  if (applies.length === 0)
    fail(
      `--storage-state ${file} has no cookie for ${api.host}: its cookies are for ${[...new Set(cookies.map((c: StorageStateCookie) => c.domain))].join(', ') || 'no host'}`,
    );
  return cookies as StorageStateCookie[];
}

export function parseProbeArgs(argv: string[]): ProbeInput {
  let values: ReturnType<typeof parseArgs<{ options: typeof flagOptions; strict: true; allowPositionals: false }>>['values'];
  try {
    ({ values } = parseArgs({ args: argv, options: flagOptions, strict: true, allowPositionals: false }));
  } catch (error) {
    throw flagError(error, 'probe', Object.keys(flagOptions));
  }
  if (values.api === undefined) fail('missing --api: the public origin of your API, e.g. --api https://api.example.com');
  const api = parseOrigin('--api', values.api);
  const upstream = values.upstream === undefined ? null : parseOrigin('--upstream', values.upstream);
  const trusted = (values.trusted ?? []).map((t) => parseOrigin('--trusted', t));
  if (values.read === undefined) fail("missing --read: an endpoint that shows the user's own data, e.g. --read 'GET /me'");
  if (values.write === undefined) fail("missing --write: the endpoint to try writes on, e.g. --write 'POST /transfer'");
  const read = parseEndpoint('--read', values.read);
  if (read.method !== 'GET') fail(`--read ${values.read}: the read attacks are GETs, as a script's reads are; name a GET endpoint`);
  const write = parseEndpoint('--write', values.write);
  const writeBody = parseJsonObject('--write-body', values['write-body'] ?? '{}');
  if (values['write-ok'] !== undefined && values['write-ok'] !== '3xx') fail(`--write-ok "${values['write-ok']}": the only value is 3xx (2xx always counts)`);
  const cap = values['write-cap'] ?? '1';
  if (!/^[1-9][0-9]?$/.test(cap)) fail(`--write-cap "${cap}" is not a number from 1 to 99`);

  let session: SessionSource;
  if (values.login !== undefined && values['storage-state'] !== undefined) fail('give --login or --storage-state, not both');
  if (values.login !== undefined) {
    if (values['login-body'] === undefined) fail('--login needs --login-body, e.g. --login-body \'{"username":"alice","password":"…"}\'');
    session = { kind: 'login', endpoint: parseEndpoint('--login', values.login), body: values['login-body'] };
  } else if (values['storage-state'] !== undefined) {
    session = { kind: 'storage-state', file: values['storage-state'], cookies: loadStorageState(values['storage-state'], api) };
  } else {
    fail("missing the victim's session: --login 'POST /session' --login-body '…', or --storage-state auth.json");
  }

  const dryRun = values['dry-run'] === true;
  const local = isLocalHost((upstream ?? api).hostname);
  if (!local && !dryRun && values['allow-writes'] !== true) {
    fail(`${(upstream ?? api).origin} is not on this machine: writes to it need --allow-writes (see them first with --dry-run)`);
  }
  const browsers = oneOf('--browser', values.browser ?? CHECK_BROWSERS, CHECK_BROWSERS);
  const json = outputFile('--json', values.json);
  const html = outputFile('--html', values.html);
  const sarif = outputFile('--sarif', values.sarif);
  const junit = outputFile('--junit', values.junit);
  const sarifLocation = sarifLocationFile(sarif, values['sarif-location']);
  return {
    api,
    upstream,
    trusted,
    session,
    read,
    write,
    writeBody,
    writeOk3xx: values['write-ok'] === '3xx',
    writeCap: Number(cap),
    paceMs: local ? 0 : REMOTE_PACE_MS,
    dryRun,
    browsers,
    ...(json !== undefined && { json }),
    ...(html !== undefined && { html }),
    ...(sarif !== undefined && { sarif, sarifLocation }),
    ...(junit !== undefined && { junit }),
  };
}

/**
 * The file SARIF results are shown on. Every result needs a file GitHub can show (its SARIF
 * support page: `physicalLocation.artifactLocation.uri`), and a running API is no file, so the
 * user names one: --sarif without it, or it without --sarif, is bad input.
 */
function sarifLocationFile(sarif: string | undefined, location: string | undefined): string | undefined {
  if (sarif === undefined) {
    if (location !== undefined) fail('--sarif-location goes with --sarif: it names the file the SARIF results point at');
    return undefined;
  }
  if (location === undefined) fail('--sarif needs --sarif-location <file>: the file of yours the results point at, e.g. where your CORS setup lives');
  if (location === '' || !existsSync(location) || !statSync(location).isFile()) fail(`--sarif-location ${location}: no such file`);
  return resolve(location);
}
