// `cors-lab check`'s input: its flags and the user's @fastify/cors options, checked before
// anything starts. Every bad input is one InputError with a one-line message (exit code 2).
// Unsafe server behaviour is only switched on by a flag named `dangerously-…`
// (as jub0bs/cors names its unsafe settings).
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { FastifyCorsOptions } from '@fastify/cors';
import { cookieVariants, type CookieVariantId } from '../catalog/cookie-variants.js';
import { serverFlaws, type ServerFlawId } from '../catalog/server-flaws.js';
import { didYouMean, fail, flagError, oneOf, outputFile, parseOrigin } from './command-core.js';
import { defenses as labDefenses, type DefenseId } from '../catalog/configurations.js';
import type { LabBrowserName } from '../catalog/browsers.js';

export type SessionCookie = Extract<CookieVariantId, 'none' | 'lax' | 'strict' | 'unset' | 'partitioned'>;
export type BodyType = 'json' | 'form' | 'text';
export type CheckBrowser = Extract<LabBrowserName, 'chromium' | 'firefox'>;

export const SESSION_COOKIES: readonly SessionCookie[] = cookieVariants.map((v) => v.id);
export const DEFENSES: readonly DefenseId[] = labDefenses.map((d) => d.id);
export const BODY_TYPES: readonly BodyType[] = ['json', 'form', 'text'];
export const CHECK_BROWSERS: readonly CheckBrowser[] = ['chromium', 'firefox'];

export interface CheckInput {
  /** The API's origin (path `/`). */
  api: URL;
  /** The origins the API means to trust, as given (duplicates kept; deriveOrigins drops them). */
  trusted: URL[];
  /** The --cors file, as an absolute path. */
  corsFile: string;
  cors: FastifyCorsOptions;
  sessionCookie: SessionCookie;
  defenses: DefenseId[];
  accepts: BodyType[];
  /** The lab's deliberate server-side flaws the user's app shares; none unless a flag asks. */
  serverFlaws: ServerFlawId[];
  browsers: CheckBrowser[];
  /** Where to write the JSON report. */
  json?: string;
  /** Where to write the HTML report. */
  html?: string;
  /** Where to write the findings as SARIF (results located in the --cors file). */
  sarif?: string;
  /** Where to write the verdicts as JUnit XML. */
  junit?: string;
}

/**
 * The lab's deliberate server-side flaws a user's app may share (catalog/server-flaws.ts), each
 * switched on only by its flag named `dangerously-…`.
 */
const flawFlags = serverFlaws;

export const checkUsage = `Usage: cors-lab check --api <origin> --cors <file> [options]

Runs your CORS setup in real browsers (Chromium and Firefox) against attacker origins derived
from your names, and says which origins can read your users' data or make writes.

Required:
  --api <origin>             your API's origin, e.g. https://api.example.com
  --cors <file>              a .js/.mjs/.ts module whose default export is your @fastify/cors
                             options (functions allowed), or a .json file where a regular
                             expression is written { "regex": "…", "flags": "…" }

Options:
  --trusted <origin>         an origin your API means to trust (repeatable)
  --session-cookie <s>       your session cookie: ${SESSION_COOKIES.join(' | ')}
                             (default none; unset = no SameSite attribute; partitioned =
                             SameSite=None; Secure; Partitioned, CHIPS)
  --defense <d>              a defense your app has (repeatable):
                             ${DEFENSES.join(' | ')}
  --accepts <t>              a body type your app parses: ${BODY_TYPES.join(' | ')} (repeatable;
                             default all three)
  --browser <b>              ${CHECK_BROWSERS.join(' | ')} (repeatable; default both)
  --json <file>              write the JSON report here
  --html <file>              write the HTML report here
  --sarif <file>             write the findings as SARIF 2.1.0 (for GitHub code scanning),
                             each at the line of --cors where origin is set
  --junit <file>             write the verdicts as JUnit XML, one test case per origin,
                             browser and cookie policy
${flawFlags.map((f) => `  --${f.flag}\n                             your app has this flaw: ${f.title.charAt(0).toLowerCase()}${f.title.slice(1)}`).join('\n')}
  -h, --help                 show this help

Exit codes: 0 no untrusted origin can read or write, 1 one can, 2 bad input, 3 no verdict.
`;

/** The flags that describe the setup itself (also taken by `cors-lab explain`). */
export const setupFlagOptions = {
  api: { type: 'string' },
  trusted: { type: 'string', multiple: true },
  cors: { type: 'string' },
  'session-cookie': { type: 'string' },
  defense: { type: 'string', multiple: true },
  accepts: { type: 'string', multiple: true },
  ...Object.fromEntries(flawFlags.map(({ flag }) => [flag, { type: 'boolean' as const }])),
} as const;

const flagOptions = {
  ...setupFlagOptions,
  browser: { type: 'string', multiple: true },
  json: { type: 'string' },
  html: { type: 'string' },
  sarif: { type: 'string' },
  junit: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/**
 * Parses the arguments after `check`. Flags are checked first and the --cors file is loaded
 * last, so a typo never runs the user's module. `--help` is accepted but not acted on:
 * ask `wantsHelp` first.
 */
export async function parseCheckArgs(argv: string[]): Promise<CheckInput> {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof flagOptions; strict: true; allowPositionals: false; tokens: true }>>;
  try {
    parsed = parseArgs({ args: argv, options: flagOptions, strict: true, allowPositionals: false, tokens: true });
  } catch (error) {
    throw flagError(error, 'check', Object.keys(flagOptions));
  }
  const { values, tokens } = parsed;
  for (const name of ['api', 'cors', 'session-cookie', 'json', 'html', 'sarif', 'junit']) {
    if (tokens.filter((t) => t.kind === 'option' && t.name === name).length > 1) fail(`--${name} is given more than once`);
  }
  const flag = (name: string) => (values as Record<string, unknown>)[name];

  if (values.api === undefined) fail('missing --api: the origin of the API to check, e.g. --api https://api.example.com');
  const api = parseOrigin('--api', values.api);
  const trusted = (values.trusted ?? []).map((t) => parseOrigin('--trusted', t));
  if (values.cors === undefined) {
    fail('missing --cors: a file whose default export is your @fastify/cors options, e.g. --cors examples/allowlist.mjs');
  }
  const sessionCookie = oneOf('--session-cookie', [values['session-cookie'] ?? 'none'], SESSION_COOKIES)[0]!;
  const defenses = oneOf('--defense', values.defense ?? [], DEFENSES);
  const accepts = oneOf('--accepts', values.accepts ?? BODY_TYPES, BODY_TYPES);
  const browsers = oneOf('--browser', values.browser ?? CHECK_BROWSERS, CHECK_BROWSERS);
  const serverFlaws = flawFlags.filter(({ flag: name }) => flag(name) === true).map(({ id }) => id);
  const json = outputFile('--json', values.json);
  const html = outputFile('--html', values.html);
  const sarif = outputFile('--sarif', values.sarif);
  const junit = outputFile('--junit', values.junit);

  const corsFile = resolve(values.cors);
  const cors = await loadCorsOptions(values.cors);
  return {
    api,
    trusted,
    corsFile,
    cors,
    sessionCookie,
    defenses,
    accepts,
    serverFlaws,
    browsers,
    ...(json !== undefined && { json }),
    ...(html !== undefined && { html }),
    ...(sarif !== undefined && { sarif }),
    ...(junit !== undefined && { junit }),
  };
}

// ---------------------------------------------------------------------------------------
// The --cors file

const MODULE_EXTENSIONS = ['.js', '.mjs', '.cjs', '.ts', '.mts', '.cts'];
const TS_EXTENSIONS = ['.ts', '.mts', '.cts'];

/** The first line of an error worth showing (esbuild puts its detail on the second line). */
function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !/^Transform failed with \d+ errors?:?$/.test(l));
  return lines[0] ?? text;
}

/**
 * Why a module did not load, in one line, with the position of a syntax error. The loader
 * decides the wording: esbuild (tsx) writes `path:line:column: ERROR: …`, Babel (Playwright's
 * loader, in tests) `path: … (line:column)`, and Node's own SyntaxError from `import()` has no
 * position, so `node --check` is asked for the line (only on this failure path).
 */
function loadFailure(path: string, ext: string, error: unknown): string {
  const line = firstLine(error);
  const esbuild = /^.*:(\d+):(\d+): ERROR: (.*)$/.exec(line);
  if (esbuild) return `SyntaxError at line ${esbuild[1]}:${esbuild[2]}: ${esbuild[3]}`;
  const babel = /^.*: (.*) \((\d+):(\d+)\)$/.exec(line);
  if (error instanceof SyntaxError && babel) return `SyntaxError at line ${babel[2]}:${babel[3]}: ${babel[1]}`;
  if (error instanceof SyntaxError && !TS_EXTENSIONS.includes(ext)) {
    const check = spawnSync(process.execPath, ['--check', path], { encoding: 'utf8' });
    const at = new RegExp(`^${escapeRegExp(path)}:(\\d+)$`).exec(check.stderr.split('\n')[0] ?? '');
    return `SyntaxError${at ? ` at line ${at[1]}` : ''}: ${line}`;
  }
  return error instanceof Error ? `${error.name}: ${line}` : line;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Loads and checks the options object in `file` (relative to the working directory). A module's
 * default export is taken as it is: an `origin` function is kept, never called here (a throw at
 * run time is a finding about the origins it throws for, not bad input).
 */
export async function loadCorsOptions(file: string): Promise<FastifyCorsOptions> {
  const path = resolve(file);
  if (!existsSync(path)) fail(`--cors ${file}: no such file`);
  if (!statSync(path).isFile()) fail(`--cors ${file}: not a file`);
  const ext = extname(path).toLowerCase();
  let options: unknown;
  if (ext === '.json') {
    let data: unknown;
    try {
      data = JSON.parse(await readFile(path, 'utf8'));
    } catch (error) {
      fail(`--cors ${file} is not valid JSON: ${firstLine(error)}`);
    }
    options = isPlainObject(data) && 'origin' in data ? { ...data, origin: reviveOrigin(file, data.origin) } : data;
  } else if (MODULE_EXTENSIONS.includes(ext)) {
    let module: { default?: unknown };
    try {
      const url = pathToFileURL(path).href;
      // TypeScript goes through tsx's loader, so it loads whether or not the process runs under tsx.
      module = TS_EXTENSIONS.includes(ext) ? await (await import('tsx/esm/api')).tsImport(url, import.meta.url) : await import(url);
    } catch (error) {
      fail(`--cors ${file} could not be loaded: ${loadFailure(path, ext, error)}`);
    }
    options = module.default;
    if (typeof options === 'function') {
      fail(`--cors ${file} exports a function: export the @fastify/cors options object itself, e.g. export default { origin: ['https://www.example.com'] }`);
    }
    if (options === undefined) {
      fail(`--cors ${file} has no default export: write export default { origin: … } with your @fastify/cors options`);
    }
  } else {
    fail(`--cors ${file}: expected a .js, .mjs, .ts or .json file, not ${ext || 'a file without extension'}`);
  }
  if (!isPlainObject(options)) {
    fail(`--cors ${file} exports ${describeValue(options)}, not an options object such as { origin: ['https://www.example.com'] }`);
  }
  return checkCorsOptions(file, options);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof RegExp);
}

/** JSON has no regular expressions: `{ "regex": "…", "flags": "…" }` stands for one, wherever an origin may be. */
function reviveOrigin(file: string, value: unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => reviveOrigin(file, v));
  if (!isPlainObject(value) || !('regex' in value)) return value;
  const { regex, flags = '', ...rest } = value;
  const extra = Object.keys(rest);
  if (typeof regex !== 'string' || typeof flags !== 'string' || extra.length > 0) {
    fail(
      `origin in ${file}: a regular expression is written { "regex": "…", "flags": "…" } with two strings${extra.length ? `, not "${extra.join('", "')}"` : ''}`,
    );
  }
  try {
    return new RegExp(regex, flags);
  } catch (error) {
    fail(`origin in ${file}: { "regex": ${JSON.stringify(regex)} } is not a valid regular expression: ${firstLine(error)}`);
  }
}

/** "a number (42)", "an array", "null": what the user wrote, for type errors. */
function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (value instanceof RegExp) return `a RegExp (${String(value)})`;
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'function') return 'a function';
  const shown = typeof value === 'string' ? JSON.stringify(value) : String(value);
  return `${/^[aeiou]/.test(typeof value) ? 'an' : 'a'} ${typeof value} (${shown})`;
}

const isString = (v: unknown) => typeof v === 'string';
const isBoolean = (v: unknown) => typeof v === 'boolean';
const isStringOrStrings = (v: unknown) => isString(v) || (Array.isArray(v) && v.every(isString));
const isCount = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const isOriginEntry = (v: unknown) => isString(v) || v instanceof RegExp;

/** The hooks and log levels @fastify/cors accepts (its index.js `validHooks`; Fastify's log levels). */
const HOOKS = ['onRequest', 'preParsing', 'preValidation', 'preHandler', 'preSerialization'];
const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'];

/**
 * Every option @fastify/cors 11 documents (its README "Options" and index.d.ts), with the
 * types it takes. Keyed by the typings, so a new option in the package fails the type check here.
 */
const corsOptionRules: Record<keyof FastifyCorsOptions, { expects: string; ok: (v: unknown) => boolean }> = {
  origin: {
    expects: 'true/false, a string, a RegExp, a function, or an array of strings and RegExps',
    ok: (v) => isBoolean(v) || isOriginEntry(v) || typeof v === 'function' || (Array.isArray(v) && v.every(isOriginEntry)),
  },
  credentials: { expects: 'true or false', ok: isBoolean },
  methods: { expects: "a string such as 'GET,POST' or an array of strings", ok: isStringOrStrings },
  allowedHeaders: { expects: "a string such as 'Content-Type,Authorization' or an array of strings", ok: isStringOrStrings },
  exposedHeaders: { expects: "a string such as 'Content-Range' or an array of strings", ok: isStringOrStrings },
  maxAge: { expects: 'a whole number of seconds', ok: isCount },
  cacheControl: { expects: 'a whole number of seconds or a Cache-Control string', ok: (v) => isCount(v) || isString(v) },
  preflightContinue: { expects: 'true or false', ok: isBoolean },
  optionsSuccessStatus: { expects: 'an HTTP status code such as 204', ok: (v) => isCount(v) && (v as number) >= 200 && (v as number) <= 299 },
  preflight: { expects: 'true or false', ok: isBoolean },
  strictPreflight: { expects: 'true or false', ok: isBoolean },
  hideOptionsRoute: { expects: 'true or false', ok: isBoolean },
  hook: { expects: `one of ${HOOKS.join(', ')}`, ok: (v) => isString(v) && HOOKS.includes(v as string) },
  logLevel: { expects: `one of ${LOG_LEVELS.join(', ')}`, ok: (v) => isString(v) && LOG_LEVELS.includes(v as string) },
  delegator: { expects: 'a function (req, callback)', ok: (v) => typeof v === 'function' },
};

export const corsOptionNames: readonly string[] = Object.keys(corsOptionRules);

function checkCorsOptions(file: string, options: Record<string, unknown>): FastifyCorsOptions {
  const unknown = Object.keys(options).filter((name) => !Object.hasOwn(corsOptionRules, name));
  if (unknown.length > 0) {
    const list = unknown.map((name) => `"${name}"${didYouMean(name, corsOptionNames)}`).join(', ');
    fail(`${file}: unknown @fastify/cors option${unknown.length > 1 ? 's' : ''} ${list}`);
  }
  for (const [name, value] of Object.entries(options)) {
    if (value === undefined) continue;
    const rule = corsOptionRules[name as keyof FastifyCorsOptions];
    if (!rule.ok(value)) fail(`${file}: ${name} must be ${rule.expects}, not ${describeValue(value)}`);
  }
  return options as FastifyCorsOptions;
}
