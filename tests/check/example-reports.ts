// Where the `check` project keeps the reports of each README example in each browser: the JSON,
// so that the `probe` project (which depends on it) compares `serve` + `probe` with the very same
// check run instead of running check again; the HTML, whose pictures are checked against the JSON.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const DIR = join('reports', 'check-examples');

export function exampleReportPath(example: string, browser: string, kind: 'json' | 'html' = 'json'): string {
  mkdirSync(DIR, { recursive: true });
  return join(DIR, `${example}.${browser}.${kind}`);
}

/** An example's configuration id when the examples are served side by side, under /c/<id>: its file name without `.mjs`. */
export function exampleId(example: string): string {
  return example.replace(/\.mjs$/, '');
}
