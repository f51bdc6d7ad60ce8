// The shape of the matrix report: reports/matrix.json is a contract other tools read.
import type { LedgerEntry } from '../../bank-server/store/ledger.js';
import type { AttackId, CookiePolicyId, LabBrowserName, OriginId } from '../../catalog/index.js';
import type { CellOutcome, Step } from '../../rules/types.js';
import type { ScriptView } from '../../engine/observe.js';
import type { SentRequestMismatch } from '../../engine/sent-request-check.js';

export const REPORTS_DIR = 'reports';
export const CELLS_DIR = `${REPORTS_DIR}/cells`;

export interface MatrixCell {
  browser: LabBrowserName;
  cookiePolicy: CookiePolicyId;
  config: string;
  origin: OriginId;
  attack: AttackId;
  observed: CellOutcome;
  predicted: CellOutcome;
  explanation: Step[];
  agree: boolean;
  differingFields: (keyof CellOutcome)[];
  /** Where what the browser sent contradicts the attack's `request` description. */
  sentRequestMismatches: SentRequestMismatch[];
  bankSaw: { preflight: LedgerEntry | null; actual: LedgerEntry | null; actualCount: number };
  scriptSaw: ScriptView;
}

export interface MatrixReport {
  generatedAt: string;
  browsers: { name: LabBrowserName; version: string; cookiePolicy: CookiePolicyId }[];
  cells: MatrixCell[];
}
