// Where the `check` project keeps the JSON report of each README example in each browser, so
// that the `probe` project (which depends on it) compares `serve` + `probe` with the very same
// check run instead of running check again.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const DIR = join('reports', 'check-examples');

export function exampleReportPath(example: string, browser: string): string {
  mkdirSync(DIR, { recursive: true });
  return join(DIR, `${example}.${browser}.json`);
}

/** An example's configuration id when the examples are served side by side, under /c/<id>: its file name without `.mjs`. */
export function exampleId(example: string): string {
  return example.replace(/\.mjs$/, '');
}
