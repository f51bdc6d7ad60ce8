// `npm run build` (and `npm pack`, through prepack): compiles the product's TypeScript to
// dist/ with its type declarations, and copies beside it the files the servers read at run
// time, at the same relative places (each is found from its module's import.meta.url). The
// package then runs on plain Node, with no TypeScript loader.
import { execFileSync } from 'node:child_process';
import { cpSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';

/** The files served or read at run time, as the servers find them: next to their modules. */
const RUNTIME_ASSETS = ['runner', 'bank-server/public', 'attacker-site/public', 'teaching/dashboard', 'report/matrix.css', 'report/matrix.js'];

rmSync('dist', { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
// Everything it says goes to stderr: `npm pack --json` keeps stdout for its JSON.
execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { stdio: ['ignore', 2, 2] });
for (const asset of RUNTIME_ASSETS) cpSync(asset, `dist/${asset}`, { recursive: true });
console.error(`build: dist/ holds the compiled CLI, the API's types and ${RUNTIME_ASSETS.length} run-time assets`);
