// Runs `cors-lab probe` the way a user would, against an API the test starts, and reads back
// its JSON and HTML reports. Shared by the probe tests.
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

/** A report file's text, or '' when none was written. */
function written(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

/** Runs probe with `args` and returns its exit code, its reports (when written; the HTML, which draws its pictures, only if asked) and what it printed. */
export async function probe(args: string[], { html: withHtml = false } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'cors-lab-probe-'));
  const [json, html] = [join(dir, 'probe.json'), join(dir, 'probe.html')];
  const out: string[] = [];
  const err: string[] = [];
  const code = await probeCommand([...args, '--json', json, ...(withHtml ? ['--html', html] : [])], { log: (s) => out.push(s), error: (s) => err.push(s) });
  const text = written(json);
  return {
    code,
    text,
    html: written(html),
    report: (text ? JSON.parse(text) : null) as ProbeReport | null,
    out: out.join('\n'),
    err,
    printed: [...err, ...out].join('\n'),
  };
}

/** Probes the test app, built with these CORS options and this session cookie, in one browser. */
export async function probeApp(browser: 'chromium' | 'firefox', cors: CorsOptions, sameSite: SameSite, extra: string[] = [], options: { html?: boolean } = {}) {
  const app = await startProbeApp({ cors, sameSite });
  try {
    const run = await probe(
      [
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
      ],
      options,
    );
    if (!run.report) throw new Error(`probe wrote no report: ${run.printed}`);
    return { ...run, report: run.report, app };
  } finally {
    await app.close();
  }
}
