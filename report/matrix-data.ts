// The shape of the matrix report: reports/matrix.json is a contract other tools read.
import type { LedgerEntry } from '../bank-server/store/ledger.js';
import type { CookiePolicyId, LabBrowserName } from '../catalog/index.js';
import type { JudgedCell } from '../engine/judge-cell.js';
import type { CellKey } from '../rules/predict.js';

export const REPORTS_DIR = 'reports';
export const CELLS_DIR = `${REPORTS_DIR}/cells`;
/** The Playwright tag of the matrix's tests: a run that has any starts from no cells (summary-reporter.ts). */
export const MATRIX_TAG = '@matrix';

/** One cell: browser × cookie policy × configuration × origin × attack (the rules' `CellKey`), judged (engine/judge-cell.ts). */
export interface MatrixCell extends CellKey, Omit<JudgedCell, 'bankSaw'> {
  /** `messages`: what the bank answered on a WebSocket the attack opened (absent in older reports). */
  bankSaw: Omit<JudgedCell['bankSaw'], 'messages'> & { messages?: LedgerEntry[] };
}

export interface MatrixReport {
  generatedAt: string;
  browsers: { name: LabBrowserName; version: string; cookiePolicy: CookiePolicyId }[];
  cells: MatrixCell[];
}
