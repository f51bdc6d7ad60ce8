// `npm run bench:pictures`: how long a learner waits on the dashboard between an attack's result
// and its picture. It starts the lab (both servers, as `npm start` does, with the settings'
// defaults and no .env), logs alice in, runs every attack on the dashboard in Chromium and in
// Firefox, and then opens each finished row's picture in turn, timing from the click on "The
// picture: who enforces what" to the drawn SVG in the page. The picture is drawn on demand
// (runner/run-picture.js), so this is the whole wait: the explainer reading the row's probe
// from the bank's ledger, Mermaid laying it out, the SVG in the DOM. The first picture of a page
// also loads Mermaid's bundle: it is reported on its own. Prints figures against the 1 s target;
// asserts nothing, and is no test.
import { spawn, type ChildProcess } from 'node:child_process';
import { ATTACKER_HOST, attackerHealthUrl, attackerOrigin, bankHealthUrl, bankOrigin, cookiePolicy, type LabBrowserName } from '../catalog/index.js';
import { findBrowser } from '../engine/browsers/installed.js';
import { launchWithPolicy } from '../engine/browsers/launch.js';
import { logInThroughForm } from '../engine/log-in.js';
import { seedUsers } from '../bank-server/store/accounts.js';
import { testServerEnv } from '../tests/server-env.js';
import { runDashboard } from '../tests/trainer/dashboard-driver.js';

const TARGET_MS = 1_000;
const BROWSERS: LabBrowserName[] = ['chromium', 'firefox'];

async function answers(url: string): Promise<boolean> {
  return fetch(url).then(
    (r) => r.ok,
    () => false,
  );
}

/** Starts one server as `npm start` does, and waits for its health URL. */
async function start(script: string, health: string): Promise<ChildProcess> {
  // Its own process group, so that stopping it stops tsx's node under npx too.
  const child = spawn('npx', ['tsx', script], { env: { ...process.env, ...testServerEnv }, stdio: 'ignore', detached: true });
  for (const deadline = Date.now() + 30_000; !(await answers(health)); ) {
    if (Date.now() > deadline) throw new Error(`${script} did not answer ${health} in 30 s`);
    await new Promise((done) => setTimeout(done, 200));
  }
  return child;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;

if ((await answers(bankHealthUrl)) || (await answers(attackerHealthUrl))) {
  console.error('bench:pictures: a lab is already running on 4000/4100; stop it first (this benchmark starts its own)');
  process.exit(2);
}
const servers = [await start('bank-server/server.ts', bankHealthUrl), await start('attacker-site/server.ts', attackerHealthUrl)];
const rows: string[] = [];
try {
  for (const name of BROWSERS) {
    const found = findBrowser(name);
    if ('missing' in found) {
      rows.push(`${name}: not measured: ${found.missing}`);
      continue;
    }
    const launched = await launchWithPolicy(found, cookiePolicy('third-party-allowed'));
    try {
      const alice = seedUsers[0]!;
      await logInThroughForm(launched.context, bankOrigin, alice.username, alice.password);
      const dashboard = await launched.context.newPage();
      await dashboard.goto(`${attackerOrigin(ATTACKER_HOST)}/dashboard/`);
      await dashboard.locator('html[data-run-state=idle]').waitFor({ state: 'attached' });
      await runDashboard(launched.context, dashboard, 'Run every attack');
      const pictures = dashboard.locator('tr[data-state=done] details.run-picture');
      const count = await pictures.count();
      const ms: number[] = [];
      for (let i = 0; i < count; i++) {
        const picture = pictures.nth(i);
        await picture.scrollIntoViewIfNeeded();
        const clicked = performance.now();
        await picture.locator('summary').click();
        await picture.locator('figure.sequence-picture svg').waitFor({ state: 'attached', timeout: 30_000 });
        ms.push(performance.now() - clicked);
      }
      const [first, ...rest] = ms;
      rows.push(
        `${name.padEnd(9)} ${String(count).padStart(4)} pictures   first (loads Mermaid) ${first!.toFixed(0).padStart(5)} ms   ` +
          `then median ${median(rest).toFixed(0).padStart(4)} ms, 90th percentile ${quantile(rest, 0.9).toFixed(0).padStart(4)} ms, max ${Math.max(...rest)
            .toFixed(0)
            .padStart(5)} ms` +
          `   median / target ${(median(rest) / TARGET_MS).toFixed(2)}`,
      );
    } finally {
      await launched.close();
    }
  }
} finally {
  for (const server of servers) process.kill(-server.pid!, 'SIGTERM');
}
console.log('From a dashboard row’s result to its picture (click → SVG drawn), one run per browser, third-party cookies allowed:');
for (const row of rows) console.log(row);
console.log(`Target: at most ${TARGET_MS} ms median. Compare the ratios, not the milliseconds: machines differ about 2× in speed.`);
