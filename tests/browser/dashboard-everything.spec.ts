// The dashboard's "Run everything", checked against the automated run in the same browser,
// with the same cookie policy: the page drives itself (its attack window visits each attacker
// host name and runs every configuration's attacks there); the matrix of the same test run
// drove the runner pages from Playwright (engine/cell-pipeline.ts). Both are observations —
// each cell's read and write verdict classified with the catalog's outcome tables from what
// the script held and what the bank's ledger recorded — and they must agree.
// Nothing is compared with a stored file. This project leaves Playwright's pop-up handling as
// it is (no blocker), as for a user who allowed pop-ups for the attacker host names. The lab
// launched this browser with the public pages' override (engine/browsers/launch.ts), so the
// run includes the public pages, and their Local Network Access cells must agree too.
import { existsSync, readFileSync } from 'node:fs';
import {
  ATTACKER_HOST,
  attack as attackById,
  attackerOrigin,
  attacks,
  bankFacts,
  configurations,
  onDashboard,
  origins,
  outcomeOf,
} from '../../catalog/index.js';
import { answered } from '../../engine/observe.js';
import { CELLS_DIR, type MatrixCell } from '../../report/index.js';
import { expect, logInAtBank, test } from '../fixtures.js';

const POLICY = 'third-party-allowed';
// The origins the dashboard offers, the public pages included: this run ticks them in.
const attackerPages = origins.filter(onDashboard);

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
  await dashboard.getByLabel(/Also attack from the two public websites/).check();
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
  // The automated way, in the same browser and policy: the matrix's cells of this run (this
  // project depends on the browser projects), classified as the matrix report classifies a
  // cell (report/page-data.ts), for the origins the dashboard drives.
  const automated = new Map<string, Verdicts>();
  for (const { id: config } of configurations) {
    const file = `${CELLS_DIR}/${labBrowserName}.${POLICY}.${config}.json`;
    expect(existsSync(file), `${file}: the matrix's cells of ${config} in ${labBrowserName} (${POLICY}), written by this run's matrix`).toBe(true);
    const { cells } = JSON.parse(readFileSync(file, 'utf8')) as { cells: MatrixCell[] };
    for (const cell of cells.filter((c) => attackerPages.some((o) => o.id === c.origin))) {
      const bank = { ...cell.bankSaw, messages: cell.bankSaw.messages ?? [] };
      const { read, write } = outcomeOf({ readable: cell.scriptSaw.readable, ...bankFacts(attackById(cell.attack).request.endpoint, answered(bank)) });
      automated.set(`${config}|${cell.origin}|${cell.attack}`, { read, write });
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
