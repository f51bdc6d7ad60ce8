// The shape of the matrix report: reports/matrix.json is a contract other tools read.
import type { LedgerEntry } from '../bank-server/store/ledger.js';
import type { CookiePolicyId, LabBrowserName } from '../catalog/index.js';
import type { ScriptView } from '../engine/observe.js';
import type { SentRequestMismatch } from '../engine/sent-request-check.js';
import type { CellKey } from '../rules/predict.js';
import type { CellOutcome, Step } from '../rules/types.js';

export const REPORTS_DIR = 'reports';
export const CELLS_DIR = `${REPORTS_DIR}/cells`;
/** The Playwright tag of the matrix's tests: a run that has any starts from no cells (summary-reporter.ts). */
export const MATRIX_TAG = '@matrix';

/** One cell: browser × cookie policy × configuration × origin × attack (the rules' `CellKey`). */
export interface MatrixCell extends CellKey {
  observed: CellOutcome;
  predicted: CellOutcome;
  explanation: Step[];
  agree: boolean;
  differingFields: (keyof CellOutcome)[];
  /** Where what the browser sent contradicts the attack's `request` description. */
  sentRequestMismatches: SentRequestMismatch[];
  /** `messages`: what the bank answered on a WebSocket the attack opened (absent in older reports). */
  bankSaw: { preflight: LedgerEntry | null; actual: LedgerEntry | null; actualCount: number; messages?: LedgerEntry[] };
  scriptSaw: ScriptView;
}

export interface MatrixReport {
  generatedAt: string;
  browsers: { name: LabBrowserName; version: string; cookiePolicy: CookiePolicyId }[];
  cells: MatrixCell[];
}
