// The dashboard's "Run everything", checked against the automated run in the same browser,
// with the same cookie policy, in the same test: the page drives itself (its attack window
// visits each attacker host name and runs every configuration's attacks there), the engine
// drives the runner pages from Playwright (engine/run-attacks.ts, as the matrix does). Both are
// observations — each cell's read and write verdict classified with the catalog's outcome
// tables from what the script held and what the bank's ledger recorded — and they must agree.
// Nothing is compared with a stored file. This project leaves Playwright's pop-up handling as
// it is (no blocker), as for a user who allowed pop-ups for the attacker host names.
import {
  ATTACKER_HOST,
  attack as attackById,
  attackerOrigin,
  attacks,
  bankFacts,
  configurations,
  origins,
  outcomeOf,
  probePrefix,
  runnerUrl,
} from '../../catalog/index.js';
import { answered, bankView, type ScriptView } from '../../engine/observe.js';
import { runAttacksFrom } from '../../engine/run-attacks.js';
import { Victim } from '../../engine/victim.js';
import { expect, logInAtBank, test } from '../fixtures.js';

const POLICY = 'third-party-allowed';
// The origins the dashboard drives: the ones the attacker site serves.
const attackerPages = origins.filter((o) => o.servedBy === 'attacker');

type Verdicts = { read: string; write: string };
type DashboardReport = {
  browsers: { name: string; version: string; cookiePolicy: string | null }[];
  cells: ({ browser: string; cookiePolicy: string; config: string; origin: string; attack: string } & Verdicts)[];
};

test(`Run everything on the dashboard gives the automated run's verdicts (${POLICY})`, async ({ browserWithPolicy, bank, labBrowserName }) => {
  test.setTimeout(300_000);
  const context = await browserWithPolicy(POLICY);
  const run = Date.now().toString(36);
  const user = `ev${run}-${labBrowserName.slice(0, 2)}`;
  const password = `pw-${user}-not-a-secret`;
  await bank.createAccount(user, password);
  await (await logInAtBank(context, user, password)).close();

  // The trainer's way: the dashboard, one click.
  const dashboard = await context.newPage();
  await dashboard.goto(`${attackerOrigin(ATTACKER_HOST)}/dashboard/`);
  await expect(dashboard.locator('html[data-run-state=idle]')).toBeAttached();
  const startedAt = Date.now();
  await dashboard.getByRole('button', { name: 'Run everything', exact: true }).click();
  const section = dashboard.locator('#everything');
  await expect(section).toHaveAttribute('data-state', /done|stopped/, { timeout: 240_000 });
  await expect(section).toHaveAttribute('data-state', 'done');
  console.log(`[dashboard-everything] ${labBrowserName}: the dashboard ran everything in ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
  await expect(section.locator('td[data-state=done]')).toHaveCount(configurations.length * attackerPages.length);
  const download = dashboard.getByRole('link', { name: 'Download JSON' });
  await expect(download).toBeVisible();
  const report = (await download.evaluate(async (a: HTMLAnchorElement) => (await fetch(a.href)).json())) as DashboardReport;
  expect(report.browsers).toEqual([{ name: labBrowserName, version: expect.stringMatching(/Mozilla/), cookiePolicy: POLICY }]);
  expect(report.cells).toHaveLength(configurations.length * attackerPages.length * attacks.length);
  // Not a run where nothing could happen (a victim who isn't logged in would agree with itself).
  expect(report.cells.some((c) => c.read === 'stole') && report.cells.some((c) => c.write === 'moved')).toBe(true);
  // The dashboard's pages (and its attack window) close once the victim's pages are open.
  const dashboardPages = context.pages();

  // The automated way, in the same browser and policy: a victim with the same pages.
  const victim = await Victim.create({
    context,
    name: `${user}-auto`,
    pages: attackerPages.map((o) => ({ id: o.id, url: runnerUrl(o), sandboxed: o.sandboxed })),
    createAccount: async (username, pw) => void (await bank.createAccount(username, pw)),
    logIn: (ctx, username, pw) => logInAtBank(ctx, username, pw),
  });
  for (const page of dashboardPages) await page.close();
  const automated = new Map<string, Verdicts>();
  for (const { id: config } of configurations) {
    await victim.ensureFreshLogin();
    const fields = { time: Date.now().toString(36), browser: labBrowserName, cookiePolicy: POLICY, config };
    const seen = new Map<string, ScriptView>();
    await Promise.all(
      attackerPages.map(async (origin) => {
        const views = await runAttacksFrom(victim, origin.id, { config }, probePrefix('matrix', 'attack', { ...fields, origin: origin.id }));
        for (const [id, view] of views) seen.set(`${origin.id}|${id}`, view);
      }),
    );
    const ledger = await bank.ledger(probePrefix('matrix', 'origin', fields));
    for (const origin of attackerPages) {
      for (const { id } of attacks) {
        const probe = probePrefix('matrix', 'attack', { ...fields, origin: origin.id }) + id;
        // Classified as the matrix report classifies a cell (report/page-data.ts).
        const actual = answered(bankView(ledger.filter((e) => e.probe === probe)));
        const { read, write } = outcomeOf({ readable: seen.get(`${origin.id}|${id}`)!.readable, ...bankFacts(attackById(id).request.endpoint, actual) });
        automated.set(`${config}|${origin.id}|${id}`, { read, write });
      }
    }
  }

  const differ: string[] = [];
  for (const [key, auto] of automated) {
    const [config, origin, attack] = key.split('|');
    const cell = report.cells.find((c) => c.config === config && c.origin === origin && c.attack === attack);
    if (!cell || cell.read !== auto.read || cell.write !== auto.write) {
      differ.push(`  ${key}: dashboard ${cell ? `${cell.read}/${cell.write}` : 'missing'}, automated ${auto.read}/${auto.write}`);
    }
  }
  expect(automated.size).toBe(report.cells.length);
  expect(differ, `cells where the dashboard and the automated run disagree:\n${differ.join('\n')}`).toEqual([]);
});
