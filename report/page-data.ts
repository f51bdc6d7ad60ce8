// The data the report page's script reads (report/matrix.js), embedded in reports/matrix.html
// as JSON. Explanation steps repeat across cells, so each distinct step is stored once and
// cells refer to it by index. Each cell's read and write outcome is classified here, with
// the catalog's tables, so the page only looks symbols up.
import { attacks, bankFacts, configurations, origins, outcomeOf, readOutcomes, writeOutcomes, attack as attackOf } from '../catalog/index.js';
import type { Step } from '../rules/types.js';
import type { MatrixCell, MatrixReport } from './matrix-data.js';
import { SEQUENCES_EVENT, type SequenceFiles } from './sequences.js';

type Entry = MatrixCell['bankSaw']['actual'];

/** The ledger fields a reader is shown for one request. */
function shownEntry(e: Entry) {
  return (
    e && {
      method: e.method,
      path: e.path,
      origin: e.origin,
      secFetchSite: e.secFetchSite,
      secFetchMode: e.secFetchMode,
      secFetchDest: e.secFetchDest,
      contentType: e.contentType,
      requestedMethod: e.requestedMethod,
      requestedHeaders: e.requestedHeaders,
      cookiesSent: e.cookiesSent,
      user: e.user,
      status: e.status,
      refusedBy: e.refusedBy,
      corsHeaders: e.corsHeaders,
    }
  );
}

function pageCell(c: MatrixCell, stepIndexOf: (s: Step) => number) {
  // The request, then any WebSocket messages the bank answered (a socket moves money on one).
  const actual = c.bankSaw.actual ? [c.bankSaw.actual, ...(c.bankSaw.messages ?? [])] : [];
  const outcome = outcomeOf({ readable: c.observed.responseReadable, ...bankFacts(attackOf(c.attack).request.endpoint, actual) });
  return {
    browser: c.browser,
    cookiePolicy: c.cookiePolicy,
    config: c.config,
    origin: c.origin,
    attack: c.attack,
    observed: c.observed,
    predicted: c.predicted,
    /** The observed outcome, classified (catalog/outcomes.ts). */
    read: outcome.read,
    write: outcome.write,
    agree: c.agree,
    differingFields: c.differingFields,
    /** Indexes into `steps`. */
    explanationSteps: c.explanation.map(stepIndexOf),
    preflight: shownEntry(c.bankSaw.preflight),
    actual: shownEntry(c.bankSaw.actual),
    script: { readable: c.scriptSaw.readable, status: c.scriptSaw.status ?? null, error: c.scriptSaw.error ?? null, headers: c.scriptSaw.headers ?? [] },
  };
}

/** No drawings: a page built without its sidecars says so when a cell is clicked. */
const NO_SEQUENCES: SequenceFiles = { mermaid: '', files: {}, event: SEQUENCES_EVENT };

export function pageData(report: MatrixReport, sequences: SequenceFiles = NO_SEQUENCES) {
  const steps: Step[] = [];
  const stepIndex = new Map<string, number>();
  const stepIndexOf = (s: Step) => {
    const key = `${s.rule}\u0000${s.says}\u0000${s.enforcer}`;
    if (!stepIndex.has(key)) {
      stepIndex.set(key, steps.length);
      steps.push({ rule: s.rule, says: s.says, enforcer: s.enforcer });
    }
    return stepIndex.get(key)!;
  };
  return {
    generatedAt: report.generatedAt,
    browsers: report.browsers,
    configs: configurations.map(({ id, title, whatGoesWrong, unsafe }) => ({ id, title, whatGoesWrong, unsafe })),
    origins: origins.map(({ id, title, origin }) => ({ id, title, origin })),
    attacks: attacks.map(({ id, title, code, request }) => ({ id, title, code, endpoint: request.endpoint })),
    outcomes: { read: readOutcomes, write: writeOutcomes },
    steps,
    cells: report.cells.map((c) => pageCell(c, stepIndexOf)),
    /** Each cell's picture, beside the page (report/sequences.ts): found by `groupKey`, loaded on a click. */
    sequences: { mermaid: sequences.mermaid, event: sequences.event, files: sequences.files },
  };
}

export type PageData = ReturnType<typeof pageData>;
export type PageCell = PageData['cells'][number];
