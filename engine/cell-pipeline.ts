// The one way the lab runs and judges cells. The matrix, `cors-lab check`, `cors-lab probe` and
// the dashboard's cross-check differ only in what they hand it: the victim's pages, what the
// attacks aim at, how to read each probe's evidence (the lab bank's ledger, or the origin
// world's proxy log), and the oracle behind the prediction (the lab bank in-process, or the
// user's API asked directly). Every page fires every attack; once all are done the evidence is
// read, and each cell pairs what was observed with what the rules predict.
import type { Attack, LedgerEntry } from '../catalog/index.js';
import type { DerivedOrigin } from '../rules/derive-origins.js';
import type { Prediction } from '../rules/predict.js';
import type { AttackPage } from '../rules/relation.js';
import type { CellOutcome } from '../rules/types.js';
import { judgeCell, type JudgedCell, type SentRequestEvidence } from './judge-cell.js';
import { bankView, observedOutcome, type BankView, type ScriptView } from './observe.js';
import { runAttacksFrom, type AttackTarget } from './run-attacks.js';
import type { SentRequestContext } from './sent-request-check.js';
import type { RunnerPage, Victim } from './victim.js';

/** A page of the run: where the victim's runner is, and how the rules see it. */
export type PipelinePage = RunnerPage & AttackPage;

export interface CellPipeline<Evidence, Page extends PipelinePage = PipelinePage, A extends Attack = Attack> {
  victim: Victim;
  pages: readonly Page[];
  /** The attacks every page fires, in the order cells are returned. */
  attacks: readonly A[];
  target: AttackTarget;
  /** The probe prefix of one page's attacks; the attack's id completes each probe. */
  probePrefix(page: Page): string;
  /** Called once every page's attacks have finished: the reader of one probe's evidence. */
  evidence(): Promise<(probe: string) => Evidence>;
  /** What the cell observed: its evidence and the attacker's script's view. */
  observe(evidence: Evidence, script: ScriptView, attack: A): CellOutcome | Promise<CellOutcome>;
  /** The rules' prediction for the cell; the oracle behind it answers the server's part. */
  predict(page: Page, attack: A): Promise<Prediction>;
  /** The lab bank's record of the request, to check it against the attack's description; null where another server answered. */
  sentRequest(evidence: Evidence, page: Page): SentRequestEvidence | null;
  /** Fields the rules can't predict for this attack here, left out of the comparison. */
  unpredicted?(attack: A): readonly (keyof CellOutcome)[];
}

export interface PipelineCell<Evidence, Page extends PipelinePage = PipelinePage, A extends Attack = Attack> {
  page: Page;
  attack: A;
  probe: string;
  /** The rules' prediction, with what the oracle said the server would answer. */
  prediction: Prediction;
  evidence: Evidence;
  script: ScriptView;
  judged: JudgedCell;
}

export async function runCells<Evidence, Page extends PipelinePage, A extends Attack>(
  run: CellPipeline<Evidence, Page, A>,
): Promise<PipelineCell<Evidence, Page, A>[]> {
  const ids = run.attacks.map((a) => a.id);
  const seen = new Map<string, ScriptView>();
  await Promise.all(
    run.pages.map(async (page) => {
      const views = await runAttacksFrom(run.victim, page.id, run.target, run.probePrefix(page), ids);
      for (const [id, view] of views) seen.set(`${page.id}\u0000${id}`, view);
    }),
  );
  const evidenceOf = await run.evidence();
  const cells: PipelineCell<Evidence, Page, A>[] = [];
  for (const page of run.pages) {
    for (const attack of run.attacks) {
      const probe = run.probePrefix(page) + attack.id;
      const evidence = evidenceOf(probe);
      const script = seen.get(`${page.id}\u0000${attack.id}`)!;
      const prediction = await run.predict(page, attack);
      const judged = judgeCell({
        attack,
        observed: await run.observe(evidence, script, attack),
        prediction,
        sent: run.sentRequest(evidence, page),
        unpredicted: run.unpredicted?.(attack) ?? [],
        script,
      });
      cells.push({ page, attack, probe, prediction, evidence, script, judged });
    }
  }
  return cells;
}

/** The runner page of a derived origin (`cors-lab check` and `probe`), as the pipeline needs it. */
export function derivedPage(origin: DerivedOrigin, id: string): PipelinePage {
  const url = `${origin.pageOrigin}/${origin.sandboxed ? 'sandboxed.html' : 'runner/'}`;
  // The sandboxed frame's document is the runner; its Referer comes from that URL.
  return { id, url, origin: origin.origin, site: origin.site, sandboxed: origin.sandboxed, pageUrl: origin.sandboxed ? `${origin.pageOrigin}/runner/` : url };
}

/**
 * The pipeline's evidence for cells the lab's own bank answers (the matrix, `cors-lab check`,
 * the dashboard's cross-check): its ledger, read once the attacks have finished; a cell is
 * observed from the entries of its probe, and its sent request checked against them.
 */
export function labBankEvidence<Page extends PipelinePage>(
  victim: Victim,
  readLedger: () => Promise<readonly LedgerEntry[]>,
  sentContext: (page: Page) => SentRequestContext,
): Pick<CellPipeline<BankView, Page, Attack>, 'evidence' | 'observe' | 'sentRequest'> {
  return {
    evidence: async () => {
      const ledger = await readLedger();
      return (probe) => bankView(ledger.filter((e) => e.probe === probe));
    },
    observe: (view, script) => observedOutcome(view, script, victim.username),
    sentRequest: (view, page) => ({ view, context: sentContext(page) }),
  };
}
