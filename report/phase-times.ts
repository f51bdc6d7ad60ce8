// The matrix's phase times: workers note them, `npm run bench:matrix` adds them up.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { TIMINGS_DIR, type PhaseTimes } from './matrix-data.js';

/** Notes one test's (or one victim's) phase times under a name unique to it. */
export function notePhaseTimes(name: string, times: PhaseTimes): void {
  mkdirSync(TIMINGS_DIR, { recursive: true });
  writeFileSync(`${TIMINGS_DIR}/${name}.json`, JSON.stringify(times));
}

export function readPhaseTimes(): PhaseTimes[] {
  if (!existsSync(TIMINGS_DIR)) return [];
  return readdirSync(TIMINGS_DIR)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(`${TIMINGS_DIR}/${f}`, 'utf8')) as PhaseTimes);
}
