// `npm run bench:operations`: what one browser operation costs in CPU on this machine, in
// Chromium and Firefox, with Playwright attached (as the matrix runs today) and with no
// automation client at all (the browser started by this script, the page driving itself).
// The operations are the matrix's own: a credentialed cross-site fetch, a navigation of a
// reused named window, and a new tab. From them it prints the CPU floor of the full matrix
// on this machine's cores. Prints figures; asserts nothing.
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { attacks, configurations, cookiePolicies, cookiePolicy, origins, labBrowserNames, type LabBrowserName } from '../catalog/index.js';
import { findBrowser, type InstalledBrowser } from '../engine/browsers/installed.js';
import { chromiumArgs, launchWithPolicy } from '../engine/browsers/launch.js';
import { TreeSampler, type CpuSeconds } from './process-cpu.js';

type Operation = 'fetch' | 'navigation' | 'new-tab';
/** WebKit has no build here (Debian ships none). */
type Measurable = Exclude<LabBrowserName, 'webkit'>;
const COUNT: Record<Operation, number> = { fetch: 300, navigation: 40, 'new-tab': 15 };

// The page: runs `n` operations of one kind one after the other, then tells the server.
// The target page answers its opener once loaded (HTML §7.2.3.1: postMessage crosses origins).
const PAGE = `<!doctype html><meta charset=utf-8><title>bench</title><script>
const q = new URLSearchParams(location.search), op = q.get('op'), n = Number(q.get('n')), target = q.get('target');
const loaded = () => new Promise((done) => addEventListener('message', function on(e) { if (e.data === 'loaded') { removeEventListener('message', on); done(); } }));
(async () => {
  await fetch('/start?run=' + q.get('run'));
  for (let i = 0; i < n; i++) {
    if (op === 'fetch') await (await fetch(target + '/data?i=' + i, { credentials: 'include' })).text();
    if (op === 'navigation') { const l = loaded(); window.open(target + '/target.html?i=' + i, 'bench-tab'); await l; }
    if (op === 'new-tab') { const l = loaded(); const w = window.open(target + '/target.html?i=' + i, '_blank'); await l; w.close(); }
  }
  await fetch('/done?run=' + q.get('run'));
})();
</script>`;
const TARGET = `<!doctype html><meta charset=utf-8><title>target</title><script>addEventListener('load', () => opener?.postMessage('loaded', '*'));</script>`;

const marks = new Map<string, { started?: () => void; done?: () => void }>();
const server = createServer((req: IncomingMessage, res: ServerResponse) => {
  const url = new URL(req.url ?? '/', 'http://x');
  const run = url.searchParams.get('run') ?? '';
  if (url.pathname === '/page.html') return void res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE);
  if (url.pathname === '/target.html') return void res.writeHead(200, { 'content-type': 'text/html' }).end(TARGET);
  if (url.pathname === '/data') {
    // A credentialed CORS read, as the matrix's reads are (Fetch §3.2.5: an exact origin with credentials).
    return void res
      .writeHead(200, {
        'content-type': 'application/json',
        'access-control-allow-origin': req.headers.origin ?? '*',
        'access-control-allow-credentials': 'true',
      })
      .end('{"ok":true}');
  }
  if (url.pathname === '/start') marks.get(run)?.started?.();
  if (url.pathname === '/done') marks.get(run)?.done?.();
  res.writeHead(204).end();
});
await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
const port = (server.address() as { port: number }).port;
// Two sites: *.localhost names resolve to loopback in both browsers (docs/browser-facts.md, "*.localhost names").
const pageOrigin = `http://page.localhost:${port}`;
const targetOrigin = `http://target.localhost:${port}`;

interface Measured {
  browserMs: number;
  clientMs: number;
  wallMs: number;
}

/** Opens the page for one operation and returns CPU per operation: the browser's processes, and this process (the automation client). */
async function measure(open: (url: string) => Promise<void>, kind: Measurable, op: Operation): Promise<Measured> {
  const run = `${kind}-${op}-${Math.random().toString(36).slice(2)}`;
  const sampler = new TreeSampler(process.pid);
  let before: CpuSeconds | undefined;
  let startedAt = 0;
  const done = new Promise<CpuSeconds>((resolve) =>
    marks.set(run, {
      started: () => {
        sampler.sample();
        before = sampler.total();
        startedAt = performance.now();
      },
      done: () => {
        sampler.sample();
        resolve(sampler.total());
      },
    }),
  );
  await open(`${pageOrigin}/page.html?op=${op}&n=${COUNT[op]}&target=${encodeURIComponent(targetOrigin)}&run=${run}`);
  const after = await done;
  const wallMs = performance.now() - startedAt;
  sampler.stop();
  const browserSeconds = after.byKind[kind] - before!.byKind[kind];
  const clientSeconds = after.byKind.node - before!.byKind.node;
  return { browserMs: (browserSeconds * 1000) / COUNT[op], clientMs: (clientSeconds * 1000) / COUNT[op], wallMs: wallMs / COUNT[op] };
}

const operations: Operation[] = ['fetch', 'navigation', 'new-tab'];

async function attached(browser: InstalledBrowser, name: Measurable): Promise<Record<Operation, Measured>> {
  const result = {} as Record<Operation, Measured>;
  for (const op of operations) {
    const launched = await launchWithPolicy(browser, cookiePolicy('third-party-allowed'));
    const page = await launched.context.newPage();
    result[op] = await measure(async (url) => void (await page.goto(url)), name, op);
    await launched.close();
  }
  return result;
}

/** The same browser started by this script, with no automation client: the page drives itself. */
async function unattached(browser: InstalledBrowser, name: Measurable): Promise<Record<Operation, Measured>> {
  const result = {} as Record<Operation, Measured>;
  for (const op of operations) {
    const profile = mkdtempSync(join(tmpdir(), `cors-lab-bench-${browser.name}-`));
    const args = (url: string) =>
      browser.name === 'chromium'
        ? [
            // The lab's own Chromium switches (engine/browsers/launch.ts), and pop-ups allowed as Playwright allows them.
            ...chromiumArgs,
            '--headless',
            `--user-data-dir=${profile}`,
            '--disable-popup-blocking',
            // A window in the background keeps full-speed timers (docs/browser-facts.md, "Background pages").
            '--disable-background-timer-throttling',
            '--disable-renderer-backgrounding',
            '--disable-backgrounding-occluded-windows',
            // Chromium refuses to run as root with its sandbox on (docs/browser-facts.md).
            ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
            url,
          ]
        : ['--headless', '--no-remote', '--profile', profile, url];
    if (browser.name === 'firefox') {
      // The prepared profile: pop-ups allowed, as Playwright allows them; no first-run pages.
      mkdirSync(profile, { recursive: true });
      writeFileSync(
        join(profile, 'user.js'),
        [
          'user_pref("dom.disable_open_during_load", false);',
          'user_pref("browser.shell.checkDefaultBrowser", false);',
          'user_pref("datareporting.policy.dataSubmissionEnabled", false);',
          'user_pref("toolkit.telemetry.reportingpolicy.firstRun", false);',
          'user_pref("browser.aboutwelcome.enabled", false);',
          'user_pref("browser.startup.homepage_override.mstone", "ignore");',
        ].join('\n'),
      );
    }
    let child: ReturnType<typeof spawn> | undefined;
    // Its own process group, so that stopping it stops its helpers too.
    result[op] = await measure(
      async (url) => {
        child = spawn(browser.executablePath!, args(url), { stdio: 'ignore', detached: true });
      },
      name,
      op,
    );
    const exited = new Promise((done) => child?.once('exit', done));
    process.kill(-child!.pid!, 'SIGTERM');
    await exited;
    // A helper may still be writing its last files as the group goes.
    rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  }
  return result;
}

const cores = availableParallelism();
const ms = (value: number) => value.toFixed(1).padStart(7);
console.log(`bench:operations — ${cores} cores; CPU per operation in ms (browser processes + automation client), wall per operation`);
console.log(`  ${'browser'.padEnd(9)} ${'client'.padEnd(11)} ${operations.map((o) => o.padStart(27)).join('')}`);
const perBrowser = new Map<Measurable, { attached: Record<Operation, Measured>; unattached: Record<Operation, Measured> }>();
for (const name of labBrowserNames.filter((n): n is Measurable => n !== 'webkit')) {
  const browser = findBrowser(name);
  if ('missing' in browser) {
    console.log(`  ${name}: ${browser.missing}`);
    continue;
  }
  if (!browser.executablePath) {
    console.log(`  ${name}: Playwright's own build; this benchmark starts a system browser by path (set LAB_${name.toUpperCase()}_PATH)`);
    continue;
  }
  const figures = { attached: await attached(browser, name), unattached: await unattached(browser, name) };
  perBrowser.set(name, figures);
  for (const [client, byOp] of [
    ['Playwright', figures.attached],
    ['none', figures.unattached],
  ] as const) {
    const cells = operations.map((o) => `${ms(byOp[o].browserMs)} +${ms(byOp[o].clientMs)} (${ms(byOp[o].wallMs)} wall)`);
    console.log(`  ${name.padEnd(9)} ${client.padEnd(11)} ${cells.join(' ')}`);
  }
}

// The matrix's operations per browser and cookie policy (catalog counts).
const navigationAttacks = attacks.filter((a) => a.request.mode === 'navigate').length;
const requests = configurations.length * origins.length * (attacks.length - navigationAttacks);
const navigations = configurations.length * origins.length * navigationAttacks;
// One runner tab and one navigation window per origin.
const tabs = 2 * origins.length;
const cells = configurations.length * origins.length * attacks.length * cookiePolicies.length * perBrowser.size;
console.log(`matrix: ${cells} cells; per browser and policy ${requests} requests, ${navigations} navigations, ${tabs} new tabs`);
let floorAttached = 0;
let floorUnattached = 0;
for (const [name, figures] of perBrowser) {
  const cost = (byOp: Record<Operation, Measured>, client: boolean) =>
    (requests * (byOp.fetch.browserMs + (client ? byOp.fetch.clientMs : 0)) +
      navigations * (byOp.navigation.browserMs + (client ? byOp.navigation.clientMs : 0)) +
      tabs * (byOp['new-tab'].browserMs + (client ? byOp['new-tab'].clientMs : 0))) /
    1000;
  const a = cost(figures.attached, true) * cookiePolicies.length;
  const u = cost(figures.unattached, false) * cookiePolicies.length;
  floorAttached += a;
  floorUnattached += u;
  console.log(
    `  ${name}: ${a.toFixed(1)} s of CPU with Playwright attached, ${u.toFixed(1)} s with no client (both policies; launches, log-ins, the lab's servers and the rules not counted)`,
  );
}
console.log(
  `CPU floor of the matrix's browser operations alone on ${cores} cores: ${(floorAttached / cores).toFixed(1)} s with Playwright attached, ${(floorUnattached / cores).toFixed(1)} s with no client`,
);
server.close();
