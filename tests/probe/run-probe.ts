// Runs `cors-lab probe` the way a user would, against an API the test starts, and reads back
// its JSON report. Shared by the probe tests.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CorsOptions } from 'cors';
import { probeCommand } from '../../cli/probe-command.js';
import type { ProbeReport } from '../../cli/probe-output.js';
import { PROBE_APP_USER, startProbeApp, type SameSite } from '../probe-app/app.js';

export const api = 'https://api.example.com';
export const trusted = 'https://www.example.com';
/** Same site as api.example.com for cookies: schemeful in Chromium, by registrable domain in Firefox. */
export const cookieSameSite: Record<'chromium' | 'firefox', string[]> = {
  chromium: ['https://www.example.com', 'https://compromised.example.com', 'https://evilwww.example.com'],
  firefox: ['https://www.example.com', 'https://compromised.example.com', 'https://evilwww.example.com', 'http://www.example.com'],
};

/** Runs probe with `args` and returns its exit code, its report (when written) and what it printed. */
export async function probe(args: string[]) {
  const json = join(mkdtempSync(join(tmpdir(), 'cors-lab-probe-')), 'probe.json');
  const out: string[] = [];
  const err: string[] = [];
  const code = await probeCommand([...args, '--json', json], { log: (s) => out.push(s), error: (s) => err.push(s) });
  let text = '';
  try {
    text = readFileSync(json, 'utf8');
  } catch {
    text = '';
  }
  return { code, text, report: (text ? JSON.parse(text) : null) as ProbeReport | null, out: out.join('\n'), err, printed: [...err, ...out].join('\n') };
}

/** Probes the test app, built with these CORS options and this session cookie, in one browser. */
export async function probeApp(browser: 'chromium' | 'firefox', cors: CorsOptions, sameSite: SameSite, extra: string[] = []) {
  const app = await startProbeApp({ cors, sameSite });
  try {
    const run = await probe([
      '--api',
      api,
      '--upstream',
      app.url,
      '--trusted',
      trusted,
      '--login',
      'POST /session',
      '--login-body',
      JSON.stringify(PROBE_APP_USER),
      '--read',
      'GET /me',
      '--write',
      'POST /transfer',
      '--write-body',
      '{"to":"mallory","amount":1}',
      '--browser',
      browser,
      ...extra,
    ]);
    if (!run.report) throw new Error(`probe wrote no report: ${run.printed}`);
    return { ...run, report: run.report, app };
  } finally {
    await app.close();
  }
}
