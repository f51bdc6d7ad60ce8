// The reports' findings, for the formats a CI reads (SARIF, JUnit): each untrusted origin's
// reads, and its writes split by what CORS had to do with them, in each Local Network Access
// state it was judged in, from the verdicts of `check`'s and `probe`'s JSON reports (README
// "The JSON contract") and the cells behind them. A trusted origin's reads and writes are
// intended, so they are never a finding (as in isExploitable).
import type { AttackId, CookiePolicyId, LabBrowserName, LocalNetworkAccessState } from '../catalog/index.js';
import type { DerivedOrigin } from '../rules/derive-origins.js';
import type { ReportCell, ReportText } from './report-text.js';
import { sameVerdict, stateRank, stateSuffix, untrustedReadOrWrite, type Verdict } from './verdicts.js';

/** A cell as both reports keep it. */
export type FindingCell = ReportCell;

/** What `check`'s and `probe`'s reports share, and all a finding needs. */
export type FindingReport = Pick<ReportText, 'origins' | 'verdicts' | 'cells' | 'disagreements'> & { api: string };

/**
 * The kinds of finding, each one SARIF rule:
 * - `read`: a credentialed cross-origin read, which only the CORS answer allows;
 * - `write-cors-cannot-stop`: a write sent with no preflight (a simple request, a navigation, a
 *   WebSocket handshake), which arrives whatever the CORS answer says;
 * - `write-cors-let-through`: a write sent after a preflight that passed.
 */
export type FindingKind = 'read' | 'write-cors-cannot-stop' | 'write-cors-let-through';

export const FINDING_KINDS: readonly FindingKind[] = ['read', 'write-cors-cannot-stop', 'write-cors-let-through'];

/** One untrusted origin × one kind × one Local Network Access state: where it happened, by which attacks, and the cells that show it. */
export interface Finding {
  kind: FindingKind;
  origin: string;
  relation: DerivedOrigin['relation'];
  /** The state its verdicts were judged in; absent where none applies. */
  localNetworkAccess?: LocalNetworkAccessState;
  /** What goes wrong with this origin (derive-origins), when the report lists it. */
  whatGoesWrong: string | null;
  browsers: LabBrowserName[];
  cookiePolicies: CookiePolicyId[];
  attacks: AttackId[];
  cells: FindingCell[];
}

/** The cell behind one attack of a verdict: same origin, browser, policy, state and attack. */
export function cellOf(report: Pick<FindingReport, 'cells'>, v: Verdict, attack: AttackId): FindingCell {
  const cell = report.cells.find((c) => sameVerdict(c, v) && c.attack === attack);
  if (!cell)
    throw new Error(`the report has no cell for ${attack} from ${v.origin} in ${v.browser} (${v.cookiePolicy}${stateSuffix(v)}), yet its verdict names it`);
  return cell;
}

/** How a write got through, as far as CORS goes: no preflight was sent, or one was and passed. */
export const writeKind = (cell: FindingCell): FindingKind => (cell.observed.preflightSent ? 'write-cors-let-through' : 'write-cors-cannot-stop');

const addOnce = <T>(list: T[], item: T) => {
  if (!list.includes(item)) list.push(item);
};

/** Every untrusted verdict's reads and writes, one finding per origin, state and kind, in the report's order of origins, then of states, then of kinds. */
export function findingsOf(report: FindingReport): Finding[] {
  const byKey = new Map<string, Finding>();
  const add = (v: Verdict, kind: FindingKind, cell: FindingCell) => {
    const key = `${v.origin}|${v.localNetworkAccess ?? ''}|${kind}`;
    let f = byKey.get(key);
    if (!f) {
      const whatGoesWrong = report.origins.find((o) => o.id === v.origin)?.whatGoesWrong ?? null;
      f = {
        kind,
        origin: v.origin,
        relation: v.relation,
        ...(v.localNetworkAccess !== undefined && { localNetworkAccess: v.localNetworkAccess }),
        whatGoesWrong,
        browsers: [],
        cookiePolicies: [],
        attacks: [],
        cells: [],
      };
      byKey.set(key, f);
    }
    addOnce(f.browsers, v.browser);
    addOnce(f.cookiePolicies, v.cookiePolicy);
    addOnce(f.attacks, cell.attack);
    f.cells.push(cell);
  };
  for (const v of report.verdicts.filter(untrustedReadOrWrite)) {
    for (const attack of v.readBy) add(v, 'read', cellOf(report, v, attack));
    for (const attack of v.writeBy) {
      const cell = cellOf(report, v, attack);
      add(v, writeKind(cell), cell);
    }
  }
  const originOrder = (id: string) => {
    const i = report.origins.findIndex((o) => o.id === id);
    return i === -1 ? report.origins.length : i;
  };
  return [...byKey.values()].sort(
    (a, b) =>
      originOrder(a.origin) - originOrder(b.origin) ||
      stateRank(a.localNetworkAccess) - stateRank(b.localNetworkAccess) ||
      FINDING_KINDS.indexOf(a.kind) - FINDING_KINDS.indexOf(b.kind),
  );
}

/** One line per distinct reason, after the attacks it applies to: "fetch-post-form, no-cors-post: CORS could not…". */
export function reasonsByAttack(cells: readonly FindingCell[], reasonOf: (cell: FindingCell) => string): string[] {
  const byReason = new Map<string, AttackId[]>();
  for (const cell of cells) {
    const reason = reasonOf(cell);
    const attacks = byReason.get(reason) ?? [];
    addOnce(attacks, cell.attack);
    byReason.set(reason, attacks);
  }
  return [...byReason].map(([reason, attacks]) => `${attacks.join(', ')}: ${reason}`);
}
