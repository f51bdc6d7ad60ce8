// Each matrix cell's picture, computed when the report is built — the sequence model is Node's
// (teaching/sequence.ts) — from the cell's OBSERVED evidence: the bank's ledger of its probe and
// what its script held, beside the prediction the cell was judged against. The drawings live
// beside the page, not in it: one sidecar script per browser × cookie policy × configuration,
// which the page loads when one of its cells is clicked. A classic script loads from file://
// too; it hands its data over as an event on the document, so that it declares no global.
// Mermaid's bundle is copied beside the report, so that the page draws offline.
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { MERMAID_PATH, type Attack, type LabConfiguration } from '../catalog/index.js';
import { BankOracle, type BankAnswer, type PredictedRequest, type ServerOracle } from '../rules/bank-oracle.js';
import { browserProfiles } from '../rules/browser-profiles.js';
import { predictCell, type Prediction } from '../rules/predict.js';
import { MERMAID_BUNDLE } from '../runtime/mermaid.js';
import { labSequence, pictureOf } from '../teaching/lab-sequence.js';
import { REPORTS_DIR, type MatrixCell, type MatrixReport } from './matrix-data.js';

/** The event a sidecar dispatches on the document with its `SequenceFile` (report/matrix.js listens). */
export const SEQUENCES_EVENT = 'matrix-sequences';

/**
 * One sidecar's drawings. Their lines repeat from cell to cell (the lanes, the headers, the
 * reasons), so each distinct line is stored once and a cell lists its lines by index.
 */
export interface SequenceFile {
  /** The sidecar's path, relative to the report. */
  file: string;
  lines: string[];
  /** By the cell's index in the page's data: the Mermaid source's lines, the text's lines, and whether observation and prediction differ. */
  cells: Record<number, { mermaid: number[]; text: number[]; differs: boolean } | { stale: string }>;
}

/** Where the page finds the drawings: Mermaid's bundle, each sidecar by browser, cookie policy and configuration, and the event a sidecar dispatches. */
export interface SequenceFiles {
  mermaid: string;
  files: Record<string, Record<string, Record<string, string>>>;
  event: typeof SEQUENCES_EVENT;
}

/**
 * The cookies' age, which a report does not keep, matters to one rule only: the window in which
 * Chromium lets a defaulted-Lax cookie ride a top-level POST. So a cell's prediction is asked at
 * an age inside that window and, if it is not the cell's, at one past it. The matrix's victim
 * logs in again every minute (engine/victim.ts): its cells are inside.
 */
const laxPostWindow = browserProfiles.chromium.laxAllowUnsafeMaxAgeSeconds ?? 0;
const COOKIE_AGES_SECONDS = [0, laxPostWindow + 1];

/**
 * The lab's bank, each distinct question asked once: across browsers and cookie policies many
 * cells send the bank the same request, and the bank answers the same request the same way.
 */
class AnswerOnce implements ServerOracle {
  private readonly answers = new Map<string, Promise<BankAnswer>>();
  constructor(private readonly bank: ServerOracle) {}

  private once(key: unknown[], ask: () => Promise<BankAnswer>): Promise<BankAnswer> {
    const id = JSON.stringify(key);
    const asked = this.answers.get(id);
    if (asked) return asked;
    const answer = ask();
    this.answers.set(id, answer);
    return answer;
  }

  preflight(config: LabConfiguration, attack: Attack, originHeader: string, unsafeHeaders: string[]): Promise<BankAnswer> {
    return this.once(['preflight', config.id, attack.id, originHeader, unsafeHeaders], () => this.bank.preflight(config, attack, originHeader, unsafeHeaders));
  }

  actual(config: LabConfiguration, attack: Attack, request: PredictedRequest): Promise<BankAnswer> {
    return this.once(['actual', config.id, attack.id, request], () => this.bank.actual(config, attack, request));
  }
}

/**
 * The prediction the cell was judged against, with the bank's answers asked again of the lab's
 * bank in-process (a report keeps the outcome and steps, not the answers). Null when today's
 * rules predict another outcome at either age: the cell's run is older than its rules.
 */
async function judgedPrediction(c: MatrixCell, oracle: ServerOracle): Promise<Prediction | null> {
  const key = { browser: c.browser, cookiePolicy: c.cookiePolicy, config: c.config, origin: c.origin, attack: c.attack };
  for (const age of COOKIE_AGES_SECONDS) {
    const today = await predictCell(key, oracle, age);
    if (JSON.stringify(today.outcome) === JSON.stringify(c.predicted)) return { ...today, outcome: c.predicted, explanation: c.explanation };
  }
  return null;
}

/** Writes the sidecars and Mermaid's bundle under `dir`, and says where the page finds them. */
export async function writeSequences(report: MatrixReport, dir = REPORTS_DIR): Promise<SequenceFiles & { stale: number }> {
  const folder = 'sequences';
  rmSync(`${dir}/${folder}`, { recursive: true, force: true });
  mkdirSync(`${dir}/${folder}`, { recursive: true });
  // The report's copy stands at the servers' path, under the report's folder.
  const mermaid = MERMAID_PATH.replace(/^\//, '');
  mkdirSync(dirname(`${dir}/${mermaid}`), { recursive: true });
  copyFileSync(MERMAID_BUNDLE, `${dir}/${mermaid}`);

  const groups = new Map<string, SequenceFile & { lineIndex: Map<string, number> }>();
  const indexOf = (group: SequenceFile & { lineIndex: Map<string, number> }, line: string) => {
    let i = group.lineIndex.get(line);
    if (i === undefined) {
      i = group.lines.push(line) - 1;
      group.lineIndex.set(line, i);
    }
    return i;
  };
  const files: SequenceFiles['files'] = {};
  let stale = 0;
  const bank = await BankOracle.open();
  const oracle = new AnswerOnce(bank);
  try {
    for (const [i, c] of report.cells.entries()) {
      const file = `${folder}/${[c.browser, c.cookiePolicy, c.config].join('.')}.js`;
      let group = groups.get(file);
      if (!group) {
        group = { file, lines: [], cells: {}, lineIndex: new Map() };
        groups.set(file, group);
        const ofBrowser = files[c.browser] ?? {};
        files[c.browser] = { ...ofBrowser, [c.cookiePolicy]: { ...ofBrowser[c.cookiePolicy], [c.config]: file } };
      }
      const prediction = await judgedPrediction(c, oracle);
      if (!prediction) {
        stale++;
        group.cells[i] = { stale: 'the rules predict otherwise today than when this cell ran: run the matrix again to draw it' };
        continue;
      }
      // Reports older than WebSocket messages in the ledger have none.
      const observed = { bank: { ...c.bankSaw, messages: c.bankSaw.messages ?? [] }, script: c.scriptSaw };
      const picture = pictureOf(labSequence(c, prediction, observed));
      group.cells[i] = {
        mermaid: picture.mermaid.split('\n').map((l) => indexOf(group, l)),
        text: picture.text.split('\n').map((l) => indexOf(group, l)),
        differs: picture.sequence.differs,
      };
    }
  } finally {
    await bank.close();
  }
  for (const { lineIndex: _, ...group } of groups.values()) {
    const detail = JSON.stringify(group satisfies SequenceFile);
    writeFileSync(`${dir}/${group.file}`, `document.dispatchEvent(new CustomEvent(${JSON.stringify(SEQUENCES_EVENT)}, { detail: ${detail} }));\n`);
  }
  return { mermaid, files, event: SEQUENCES_EVENT, stale };
}
