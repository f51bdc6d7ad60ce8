// The shape of the matrix report: reports/matrix.json is a contract other tools read.
import type { LedgerEntry } from '../catalog/index.js';
import type { CookiePolicyId, LabBrowserName } from '../catalog/index.js';
import type { LabJudgedCell } from '../engine/judge-cell.js';
import type { CellKey } from '../rules/predict.js';

export const REPORTS_DIR = 'reports';
export const CELLS_DIR = `${REPORTS_DIR}/cells`;
/**
 * Where the matrix's workers note how long each phase took (wall time in the worker), for
 * `npm run bench:matrix`: one JSON file per browser × policy × configuration, and one per
 * victim set up. Cleared with the cells.
 */
export const TIMINGS_DIR = `${REPORTS_DIR}/timings`;

/** One matrix test's phases, in milliseconds of its worker's wall time. */
export interface PhaseTimes {
  browser: LabBrowserName;
  cookiePolicy: CookiePolicyId;
  /** Starting the browser with the policy (after closing the worker's browser for the other one). */
  launch?: number;
  /** Logging the victim in (again, every minute) and opening the attacker pages. */
  logIn?: number;
  /** Every attack from every page: the requests at once, the navigations in turn, overlapping. */
  attacks?: number;
  /** Reading the ledger, predicting each cell and comparing. */
  judge?: number;
  /** The naive sample (tests/matrix/naive-sample.spec.ts): a new page per cell. */
  naive?: { cells: number; ms: number };
}
/** The Playwright tag of the matrix's tests: a run that has any starts from no cells (summary-reporter.ts). */
export const MATRIX_TAG = '@matrix';

/** One cell: browser × cookie policy × configuration × origin × attack (the rules' `CellKey`), judged (engine/judge-cell.ts). */
export interface MatrixCell extends CellKey, Omit<LabJudgedCell, 'bankSaw'> {
  /** `messages`: what the bank answered on a WebSocket the attack opened (absent in older reports). */
  bankSaw: Omit<LabJudgedCell['bankSaw'], 'messages'> & { messages?: LedgerEntry[] };
}

export interface MatrixReport {
  generatedAt: string;
  browsers: { name: LabBrowserName; version: string; cookiePolicy: CookiePolicyId }[];
  cells: MatrixCell[];
}
