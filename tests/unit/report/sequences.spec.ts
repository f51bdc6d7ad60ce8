// Each matrix cell's picture, written beside the report (report/sequences.ts) from the cell's
// observed evidence — hand-built here from what the rules say a browser sends — and read back
// as the page reads it: a classic script that hands its drawings over in a document event.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { expect, test } from '@playwright/test';
import { MERMAID_PATH } from '../../../catalog/index.js';
import { observedOutcome } from '../../../engine/observe.js';
import type { MatrixCell, MatrixReport } from '../../../report/matrix-data.js';
import { outcomeFields } from '../../../rules/types.js';
import { renderMatrixHtml } from '../../../report/render-page.js';
import { SEQUENCES_EVENT, writeSequences, type SequenceFile } from '../../../report/sequences.js';
import { MERMAID_BUNDLE } from '../../../runtime/mermaid.js';
import { pictureOf } from '../../../teaching/lab-sequence.js';
import { closeOracle, handBuilt, predictionOf, sequenceOfCell, type HandBuiltCell } from '../teaching/hand-built-cells.js';

test.afterAll(closeOracle);

const cells = Object.values(handBuilt) as HandBuiltCell[];

/** A matrix cell as the matrix writes one: the hand-built observation beside the rules' prediction (an hour after log-in). */
async function matrixCell({ key, observed }: HandBuiltCell): Promise<MatrixCell> {
  const { outcome: predicted, explanation } = await predictionOf(key);
  const seen = observedOutcome(observed.bank, observed.script, 'alice');
  const differingFields = outcomeFields.filter((f) => JSON.stringify(seen[f]) !== JSON.stringify(predicted[f]));
  const { browser, policy: cookiePolicy, config, origin, attack } = key;
  const agree = differingFields.length === 0;
  const evidence = { scriptSaw: observed.script, bankSaw: observed.bank };
  return {
    browser,
    cookiePolicy,
    config,
    origin,
    attack,
    observed: seen,
    predicted,
    explanation,
    differingFields,
    agree,
    unpredicted: [],
    sentRequestMismatches: [],
    ...evidence,
  };
}

/** The drawings a sidecar hands the page: the script run as the page runs it, with a document that takes its event. */
function sidecar(path: string): SequenceFile {
  let handed: { type: string; detail: SequenceFile } | null = null;
  runInNewContext(readFileSync(path, 'utf8'), {
    CustomEvent: class {
      constructor(
        readonly type: string,
        init: { detail: SequenceFile },
      ) {
        this.detail = init.detail;
      }
      detail: SequenceFile;
    },
    document: { dispatchEvent: (event: { type: string; detail: SequenceFile }) => (handed = event) },
  });
  expect(handed!.type).toBe(SEQUENCES_EVENT);
  return handed!.detail;
}

const lines = (file: SequenceFile, indexes: number[]) => indexes.map((i) => file.lines[i]).join('\n');

test('each cell’s picture beside the report: one preflight arrow iff its ledger has a preflight, the cookies the bank received, the script’s read', async () => {
  const report: MatrixReport = { generatedAt: '', browsers: [], cells: await Promise.all(cells.map(matrixCell)) };
  const dir = mkdtempSync(join(tmpdir(), 'cors-lab-sequences-'));
  // A sidecar of an earlier report is not this one's.
  mkdirSync(join(dir, 'sequences'));
  writeFileSync(join(dir, 'sequences', 'old.js'), '');
  const written = await writeSequences(report, dir);
  expect(written.stale).toBe(0);
  expect(existsSync(join(dir, 'sequences', 'old.js'))).toBe(false);
  // Mermaid's bundle, where the servers serve it, under the report's folder.
  expect(written.mermaid).toBe(MERMAID_PATH.slice(1));
  expect(readFileSync(join(dir, written.mermaid)).equals(readFileSync(MERMAID_BUNDLE))).toBe(true);

  for (const [i, c] of report.cells.entries()) {
    const file = written.files[c.browser]?.[c.cookiePolicy]?.[c.config];
    expect(file).toBe(`sequences/${c.browser}.${c.cookiePolicy}.${c.config}.js`);
    const drawings = sidecar(join(dir, file!));
    expect(drawings.file).toBe(file);
    const drawn = drawings.cells[i]!;
    if ('stale' in drawn) throw new Error(`cell ${i} is stale`);
    const mermaid = lines(drawings, drawn.mermaid);
    const { observed } = cells[i]!;
    expect(mermaid.split('\n').filter((l) => /^ {2}browser->>bank: preflight /.test(l))).toHaveLength(observed.bank.preflight ? 1 : 0);
    expect([...mermaid.matchAll(/cookie bank_session_(\w+): rode along/g)].map((m) => m[1])).toEqual(observed.bank.actual?.cookiesSent ?? []);
    const verdict = mermaid.split('\n').find((l) => l.startsWith('  browser-->>page: '));
    expect(verdict).toMatch(observed.script.readable ? /handed to the script|every message goes to the script/ : /withheld|opaque|closes/);
    // The same drawing the explainer makes of the same evidence.
    const picture = pictureOf(await sequenceOfCell(cells[i]!.key, observed));
    expect([mermaid, lines(drawings, drawn.text), drawn.differs]).toEqual([picture.mermaid, picture.text, picture.sequence.differs]);
    expect(drawn.differs).toBe(!c.agree);
  }
});

test('a cell the rules predict otherwise today has no picture, and says why', async () => {
  const cell = await matrixCell(handBuilt.readAllowed);
  const older: MatrixCell = { ...cell, predicted: { ...cell.predicted, responseReadable: false } };
  const dir = mkdtempSync(join(tmpdir(), 'cors-lab-sequences-'));
  const written = await writeSequences({ generatedAt: '', browsers: [], cells: [older] }, dir);
  expect(written.stale).toBe(1);
  const drawn = sidecar(join(dir, written.files[cell.browser]![cell.cookiePolicy]![cell.config]!)).cells[0];
  expect(drawn).toEqual({ stale: expect.stringMatching(/^the rules predict otherwise today than when this cell ran/) });
});

test('the page inlines the drawing helper in place of matrix.js’s import of it, and finds each sidecar by browser, policy and configuration', async () => {
  const report: MatrixReport = { generatedAt: '', browsers: [], cells: [await matrixCell(handBuilt.refusedPut)] };
  const written = await writeSequences(report, mkdtempSync(join(tmpdir(), 'cors-lab-sequences-')));
  const html = renderMatrixHtml(report, written);
  expect(html).toContain('<script type="module">');
  expect(html).not.toContain("import { drawSequence } from '../runner/sequence-picture.js';");
  expect(html).toContain('export async function drawSequence(picture, place)');
  expect(html).toContain('figure.sequence-picture');
  const data = JSON.parse(/<script type="application\/json" id="matrix-data">(.*?)<\/script>/s.exec(html)![1]!);
  expect(data.sequences).toEqual({
    mermaid: 'vendor/mermaid.min.js',
    event: SEQUENCES_EVENT,
    files: { firefox: { 'third-party-blocked': { allowlist: 'sequences/firefox.third-party-blocked.allowlist.js' } } },
  });
});
