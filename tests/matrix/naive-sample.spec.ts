// A naive run on a small sample, for `npm run bench:matrix` to set beside the matrix: a new
// page per cell (open the attacker's runner, fire one attack, close), as a first matrix would
// be written. Its cells are judged like the matrix's, so a sample that measured something
// broken fails; its figure is the time per cell, which the benchmark compares.
import {
  configurationBase,
  attack as attackById,
  attacks,
  origins,
  probeId,
  probePrefix,
  runnerUrl,
  type CookiePolicyId,
  type OriginId,
} from '../../catalog/index.js';
import { bankView, observedOutcome, type ScriptView } from '../../engine/observe.js';
import { judgeCell } from '../../engine/judge-cell.js';
import { describeMismatch } from '../../engine/sent-request-check.js';
import { predictCell } from '../../rules/predict.js';
import { labPage, relationOf } from '../../rules/relation.js';
import { notePhaseTimes } from '../../report/index.js';
import { expect, test } from './fixtures.js';

// Reads, writes, preflights and navigations all happen under this configuration.
const CONFIG = 'reflect-any-origin';
const POLICY: CookiePolicyId = 'third-party-allowed';
const SAMPLE_ORIGINS: readonly OriginId[] = ['attacker', 'sibling'];

test.skip(
  process.env.LAB_BENCH_NAIVE_SAMPLE !== 'yes',
  'a timing sample for npm run bench:matrix, which sets LAB_BENCH_NAIVE_SAMPLE=yes; these cells are the matrix’s own, checked by matrix.spec.ts in every run',
);

type Lab = { lab: { runAttack: (id: string, options: { config: string; probe: string }) => Promise<ScriptView> } };

test(`a naive page-per-cell sample: ${CONFIG} · ${POLICY} from ${SAMPLE_ORIGINS.join(', ')}`, async ({ victimFor, oracle, bank, labBrowserName }) => {
  test.setTimeout(180_000);
  const victim = await victimFor(POLICY);
  const fields = { time: Date.now().toString(36), browser: labBrowserName, cookiePolicy: POLICY, config: CONFIG };
  const seen = new Map<string, ScriptView>();
  const started = Date.now();
  for (const originId of SAMPLE_ORIGINS) {
    const origin = origins.find((o) => o.id === originId)!;
    for (const attack of attacks) {
      const probe = probeId('matrix', { ...fields, origin: originId, attack: attack.id });
      // One cell: a new page, one attack, the page closed.
      const page = await victim.context.newPage();
      await page.goto(runnerUrl(origin));
      await page.locator('html[data-lab-ready]').waitFor({ state: 'attached' });
      seen.set(
        probe,
        await page.evaluate(({ id, config, probe }) => (window as unknown as Lab).lab.runAttack(id, { config, probe }), {
          id: attack.id,
          config: CONFIG,
          probe,
        }),
      );
      if (attack.request.mode === 'navigate') await (await victim.navigationLanded(probe))?.close();
      await page.close();
    }
  }
  const cells = SAMPLE_ORIGINS.length * attacks.length;
  notePhaseTimes(`naive.${labBrowserName}`, { browser: labBrowserName, cookiePolicy: POLICY, naive: { cells, ms: Date.now() - started } });

  const ledger = await bank.ledger(probePrefix('matrix', 'origin', fields));
  const wrong: string[] = [];
  for (const originId of SAMPLE_ORIGINS) {
    const origin = origins.find((o) => o.id === originId)!;
    for (const attack of attacks) {
      const probe = probeId('matrix', { ...fields, origin: originId, attack: attack.id });
      const key = { browser: labBrowserName, cookiePolicy: POLICY, config: CONFIG, origin: originId, attack: attack.id };
      const received = bankView(ledger.filter((e) => e.probe === probe));
      const script = seen.get(probe)!;
      const judged = judgeCell({
        attack: attackById(attack.id),
        observed: observedOutcome(received, script, victim.username),
        script,
        prediction: await predictCell(key, oracle, victim.cookieAgeSeconds()),
        sent: {
          view: received,
          context: { basePath: configurationBase(CONFIG), crossOrigin: relationOf(labPage(origin)) !== 'same-origin', browser: labBrowserName },
        },
        unpredicted: [],
      });
      if (!judged.agree)
        wrong.push(`${originId} × ${attack.id}: ${[...judged.differingFields, ...judged.sentRequestMismatches.map(describeMismatch)].join('; ')}`);
    }
  }
  expect(wrong, 'naive-sample cells where the browser disagrees with the rules').toEqual([]);
});
