// Runs `cors-lab probe` the way a user would, against an API the test starts, and reads back
// its JSON (and, if asked, HTML) report; or probes several setups of one API side by side in one engine run, each
// reported by probe's own code. Shared by the probe tests.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CorsOptions } from 'cors';
import { exitCodeOf } from '../../cli/command-core.js';
import { probeCommand } from '../../cli/probe-command.js';
import { parseProbeArgs } from '../../cli/probe-input.js';
import { probeNotes, probeReport, probeSummary, redactValues, writeProbeFiles, type ProbeReport } from '../../cli/probe-output.js';
import { runProbe } from '../../engine/probe-run.js';
import { targetOf, targetRun } from '../../engine/probe-targets.js';
import { deriveOrigins } from '../../rules/derive-origins.js';
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

/** The flags every probe of the test app shares: the API's name, where it runs, whom it trusts, the victim's login. */
const appFlags = (url: string) => [
  '--api',
  api,
  '--upstream',
  url,
  '--trusted',
  trusted,
  '--login',
  'POST /session',
  '--login-body',
  JSON.stringify(PROBE_APP_USER),
];

/** The flags that name the test app's endpoints under `prefix` ('' at the root). */
const appEndpoints = (prefix: string) => ['--read', `GET ${prefix}/me`, '--write', `POST ${prefix}/transfer`, '--write-body', '{"to":"mallory","amount":1}'];

/** Probes the test app, built with these CORS options and this session cookie, in one browser. */
export async function probeApp(browser: 'chromium' | 'firefox', cors: CorsOptions, sameSite: SameSite, extra: string[] = [], options: { html?: boolean } = {}) {
  const app = await startProbeApp({ cors, sameSite });
  try {
    const run = await probe([...appFlags(app.url), ...appEndpoints(''), '--browser', browser, ...extra], options);
    if (!run.report) throw new Error(`probe wrote no report: ${run.printed}`);
    return { ...run, report: run.report, app };
  } finally {
    await app.close();
  }
}

/** One setup of the API in a side-by-side probe: the target's id, and the flags that name its endpoints (--read, --write, --write-body). */
export interface SideBySide {
  id: string;
  endpoints: string[];
}

/**
 * Probes several setups of one API in one engine run in `browser`: one victim per cookie
 * policy, one login, each setup a target of its own. Each target's input is read by probe's
 * own parser from the flags every target shares (`shared`: the API, its upstream, the trusted
 * origins, the login) and its own endpoints; each report is made by probe's own report code
 * from that target's cells, written as probe writes it (secrets redacted) and read back, with
 * the exit code probe gives it.
 */
export async function probeSideBySide(browser: 'chromium' | 'firefox', shared: string[], setups: readonly SideBySide[], { html: withHtml = false } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'cors-lab-probe-'));
  const inputs = setups.map((t) =>
    parseProbeArgs([
      ...shared,
      ...t.endpoints,
      '--browser',
      browser,
      '--json',
      join(dir, `${t.id}.json`),
      ...(withHtml ? ['--html', join(dir, `${t.id}.html`)] : []),
    ]),
  );
  const first = inputs[0]!;
  const { origins, notes } = deriveOrigins(first.api, first.trusted);
  const progress: string[] = [];
  const run = await runProbe({
    ...first,
    origins,
    targets: inputs.map((input, n) => targetOf(setups[n]!.id, input)),
    progress: (line) => progress.push(line),
  });
  const reports: Record<string, { code: number; text: string; html: string; report: ProbeReport; printed: string }> = {};
  for (const [n, { id }] of setups.entries()) {
    const input = inputs[n]!;
    const part = targetRun(run, id);
    const report = probeReport(input, origins, [...probeNotes(input), ...notes], part);
    await writeProbeFiles(input, report, run.secrets, part.predictions);
    const text = readFileSync(input.json!, 'utf8');
    reports[id] = {
      code: exitCodeOf(report),
      text,
      html: input.html ? written(input.html) : '',
      report: JSON.parse(text) as ProbeReport,
      printed: [...progress, redactValues(probeSummary(report), run.secrets)].join('\n'),
    };
  }
  return reports;
}

/**
 * Probes the test app with several CORS setups side by side, each under its prefix (the
 * target's id is the prefix without its slash), behind one login with this session cookie, in
 * one run in one browser.
 */
export async function probeAppSideBySide(
  browser: 'chromium' | 'firefox',
  mounts: Record<`/${string}`, CorsOptions>,
  sameSite: SameSite,
  options: { html?: boolean } = {},
) {
  const app = await startProbeApp({ mounts, sameSite });
  try {
    const setups = Object.keys(mounts).map((prefix) => ({ id: prefix.slice(1), endpoints: appEndpoints(prefix) }));
    return { reports: await probeSideBySide(browser, appFlags(app.url), setups, options), app };
  } finally {
    await app.close();
  }
}
