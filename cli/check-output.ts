// What `cors-lab check` prints and writes: the ten-second terminal summary, the JSON
// contract (schemaVersion 2, README "The JSON contract") and a self-contained HTML page for this one setup.
import { writeFileSync } from 'node:fs';
import { isAbsolute, relative } from 'node:path';
import type { CheckCell, CheckRun } from '../engine/check-run.js';
import type { DerivedOrigin } from '../rules/derive-origins.js';
import type { Prediction } from '../rules/predict.js';
import { checkCellSequence } from './check-pictures.js';
import { type Draw, drawInBrowser, examplePictures, picturesHtml } from './report-pictures.js';
import { closing, reasonGroups, reasons, reportHtml, verdictGrid } from './report-text.js';
import { isExploitable, verdictsOf, writeReason, type Verdict } from './verdicts.js';

export const CHECK_SCHEMA_VERSION = 2;

export interface CheckReport {
  schemaVersion: number;
  api: string;
  trusted: string[];
  corsFile: string;
  exploitable: boolean;
  /** Cells where the browser did not do what the rules predicted: then there is no verdict. */
  disagreements: number;
  notes: string[];
  browsers: CheckRun['browsers'];
  origins: DerivedOrigin[];
  verdicts: Verdict[];
  cells: CheckCell[];
}

export function checkReport(
  input: { api: URL; trusted: URL[]; corsFile: string; origins: DerivedOrigin[]; notes: string[] },
  run: Pick<CheckRun, 'cells' | 'browsers'>,
): CheckReport {
  const verdicts = verdictsOf(run.cells);
  return {
    schemaVersion: CHECK_SCHEMA_VERSION,
    api: input.api.origin,
    trusted: input.trusted.map((t) => t.origin),
    corsFile: input.corsFile,
    exploitable: isExploitable(verdicts),
    disagreements: run.cells.filter((c) => !c.agree).length,
    notes: input.notes,
    browsers: run.browsers,
    origins: input.origins,
    verdicts,
    cells: run.cells,
  };
}

/** The terminal summary: a grid, then the reasons behind each "yes" of an untrusted origin. */
export function summaryText(report: CheckReport): string {
  const browsers = [...new Set(report.browsers.map((b) => b.name))].join(' and ');
  return [
    `cors-lab check: ${report.api}, trusting ${report.trusted.join(', ') || 'nobody'} (options: ${asTyped(report.corsFile)})`,
    'Per attacking origin: can its script READ the victim’s data, can it make a WRITE with the session?',
    '',
    ...verdictGrid(report),
    ...reasons(report, writeReason),
    ...closing(report, {
      exploitable: (where) => `EXPLOITABLE: an untrusted origin can read the victim’s data or make a write with the session${where} (exit 1).`,
      safe: 'No untrusted origin can read the victim’s data or make a write with the session (exit 0).',
    }),
    `${report.cells.length} cells observed in ${browsers}, ${report.cells.length - report.disagreements} agreeing with the rules.`,
  ].join('\n');
}

/** A self-contained page: the verdict grid, the example of each "yes" drawn, then every cell with its explanation. */
export async function checkHtml(report: CheckReport, predictions: ReadonlyMap<CheckCell, Prediction>, draw: Draw = drawInBrowser): Promise<string> {
  const groups = reasonGroups(report, writeReason);
  const pictures = examplePictures(groups, (cell) => {
    const prediction = predictions.get(cell);
    return prediction ? checkCellSequence(report, cell, prediction) : null;
  });
  return reportHtml(
    `cors-lab check: ${report.api}`,
    summaryText(report),
    report.cells,
    { wrote: 'money moved', arrived: 'arrived, nothing moved' },
    { cellsHeading: 'Every cell', pictures: await picturesHtml(pictures, {}, draw) },
  );
}

export async function writeHtml(file: string, report: CheckReport, predictions: ReadonlyMap<CheckCell, Prediction>): Promise<void> {
  writeFileSync(file, await checkHtml(report, predictions));
}

/** The options file as the user would type it from here: relative when it is under the working directory (the JSON keeps the full path). */
function asTyped(file: string): string {
  const here = relative(process.cwd(), file);
  return here && !here.startsWith('..') && !isAbsolute(here) ? here : file;
}
