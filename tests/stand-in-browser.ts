// A stand-in for an installed browser: a shell script that answers `--version` with the line a
// real browser prints and fails anything else, so a test can make any version appear without
// installing it. Used through LAB_CHROMIUM_PATH / LAB_FIREFOX_PATH.
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** What the real browsers print: Debian's Chromium 120 and Firefox ESR 140 (the one stale package lists give). */
export const OLD_CHROMIUM_VERSION = 'Chromium 120.0.0.0 built on Debian GNU/Linux 12 (bookworm)';
export const OLD_FIREFOX_VERSION = 'Mozilla Firefox 140.12.0esr';

export interface StandIn {
  path: string;
  /** How many times it was run. */
  runs(): number;
  remove(): void;
}

/** An executable at `<temp>/<name>` that prints `versionLine` for `--version` and exits 1 otherwise. */
export function standInBrowser(name: string, versionLine: string): StandIn {
  const dir = mkdtempSync(join(tmpdir(), 'cors-lab-stand-in-'));
  const path = join(dir, name);
  const runsFile = join(dir, 'runs');
  const quoted = (text: string) => `'${text.replaceAll("'", `'\\''`)}'`;
  writeFileSync(
    path,
    [
      '#!/bin/sh',
      `echo run >> ${quoted(runsFile)}`,
      `if [ "$1" = "--version" ]; then echo ${quoted(versionLine)}; exit 0; fi`,
      'echo "stand-in browser: it only answers --version" >&2',
      'exit 1',
      '',
    ].join('\n'),
  );
  chmodSync(path, 0o755);
  return {
    path,
    runs: () => (existsSync(runsFile) ? readFileSync(runsFile, 'utf8').split('\n').length - 1 : 0),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
