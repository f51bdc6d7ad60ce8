// What every cors-lab command shares: where it prints, its exit codes, and how bad input ends
// it (one InputError line on stderr, exit 2, before anything starts), with the input checks
// more than one command uses.
import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

export interface CommandOutput {
  log: (line: string) => void;
  error: (line: string) => void;
  /** Where there is a terminal: shows a status line that the next line printed replaces. */
  status?: (line: string) => void;
}

/**
 * While `work` runs, a status line that moves every `everyMs` (elapsed seconds), so a user at a
 * terminal sees the browsers are still at it. Without `out.status` (a CI log, a test) nothing
 * extra is printed.
 */
export async function withStatus<T>(out: CommandOutput, what: string, work: Promise<T>, everyMs = 1000): Promise<T> {
  const status = out.status;
  if (!status) return work;
  const started = Date.now();
  const tick = () => status(`  ${what} · ${Math.round((Date.now() - started) / 1000)} s`);
  tick();
  const timer = setInterval(tick, everyMs);
  try {
    return await work;
  } finally {
    clearInterval(timer);
  }
}

/** Exit codes of `check` and `probe` (and `serve`'s bad input). */
export const EXIT = { safe: 0, exploitable: 1, badInput: 2, noVerdict: 3 } as const;

/** The exit code a report gives: no verdict where a cell disagreed with the rules, else exploitable or safe. */
export function exitCodeOf(report: { disagreements: number; exploitable: boolean }): number {
  if (report.disagreements > 0) return EXIT.noVerdict;
  return report.exploitable ? EXIT.exploitable : EXIT.safe;
}

/**
 * Exit codes of `doctor`: 0 when check and probe have a browser to run in (a usable Chromium or
 * Firefox), 1 when they have none. A missing or too-old browser is a finding, not bad input.
 */
export const DOCTOR_EXIT = { someUsable: 0, noneUsable: 1, badInput: EXIT.badInput } as const;

/** Bad input: the CLI prints the one-line message and exits 2, having started nothing. */
export class InputError extends Error {
  override name = 'InputError';
}

export function fail(message: string): never {
  throw new InputError(message);
}

/** The parsed input, or null after printing `cors-lab <command>: <what is wrong>`; other errors propagate. */
export async function parsedOrReported<T>(command: string, parse: () => T | Promise<T>, out: CommandOutput): Promise<T | null> {
  try {
    return await parse();
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    out.error(`cors-lab ${command}: ${error.message}`);
    return null;
  }
}

/** True when the arguments ask for the usage text; the CLI prints the command's usage and exits 0. */
export function wantsHelp(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  return (end === -1 ? argv : argv.slice(0, end)).some((a) => a === '--help' || a === '-h');
}

/** Levenshtein distance, for "did you mean" suggestions. */
function distance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    row = next;
  }
  return row[b.length]!;
}

/** The known name closest to `name`, if it is close enough to be a likely typo. */
export function nearest(name: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const d = distance(name.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return bestDistance <= Math.max(2, Math.floor(name.length / 3)) ? best : undefined;
}

export const didYouMean = (name: string, known: readonly string[], prefix = '') => {
  const guess = nearest(name, known);
  return guess === undefined ? '' : ` (did you mean ${prefix}${guess}?)`;
};

/** Turns node's parseArgs errors into one line about the flag at fault, for `cors-lab <command>`. */
export function flagError(error: unknown, command: string, knownFlags: readonly string[]): InputError {
  const { code, message } = error as { code?: string; message?: string };
  const quoted = /'([^']+)'/.exec(message ?? '')?.[1] ?? '';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const flag = quoted.replace(/^-+/, '').split('=')[0]!;
    return new InputError(`unknown flag ${quoted}${didYouMean(flag, knownFlags, '--')}; see cors-lab ${command} --help`);
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    const flag = quoted.split(' ')[0]!;
    return /does not take an argument/.test(message ?? '') ? new InputError(`${flag} is a switch and takes no value`) : new InputError(`${flag} needs a value`);
  }
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
    return new InputError(`unexpected argument "${quoted}": every input is a flag, e.g. --api https://api.example.com`);
  }
  return new InputError(message?.split('\n')[0] ?? String(error));
}

/** An origin as the user wrote it: http(s), a host, an optional port, and no path, query or user. */
export function parseOrigin(flag: string, text: string): URL {
  const example = flag === '--api' ? 'https://api.example.com' : 'https://www.example.com';
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return fail(`${flag} "${text}" is not a URL: write an origin such as ${example}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    fail(`${flag} "${text}" is not http or https: write an origin such as ${example}`);
  }
  // An origin is scheme, host and port (RFC 6454 §4); anything more is not what Origin carries.
  if (url.pathname !== '/' || url.search || url.hash || url.username || url.password) {
    fail(`${flag} "${text}" has more than an origin (a path, query, fragment or user): write only ${url.origin}`);
  }
  return url;
}

/** Each value must be one of `allowed`; repeats are dropped, the order kept. */
export function oneOf<T extends string>(flag: string, values: readonly string[], allowed: readonly T[]): T[] {
  for (const value of values) {
    if (!(allowed as readonly string[]).includes(value)) {
      fail(`${flag} "${value}" is not one of ${allowed.join(', ')}${didYouMean(value, allowed)}`);
    }
  }
  return [...new Set(values as T[])];
}

/** An output file: its folder must exist now, rather than fail after the run. */
export function outputFile(flag: string, file: string | undefined): string | undefined {
  if (file === undefined) return undefined;
  if (file === '') fail(`${flag} needs a file name`);
  const folder = dirname(resolve(file));
  if (!existsSync(folder) || !statSync(folder).isDirectory()) fail(`${flag} ${file}: the folder ${dirname(file)} does not exist`);
  return file;
}
