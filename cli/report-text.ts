// The parts of `check`'s and `probe`'s reports that read the same: the verdict grid, the
// reasons behind each "yes" of an untrusted origin, the notes and the closing verdict, and the
// self-contained HTML page with every cell. Each command adds only what is its own (check's
// options file, probe's endpoints and the proxy's evidence). Where a verdict has a Local Network
// Access state (a public page against an API on loopback), each of these says which state.
import { attacks, type CookiePolicyId, type LabBrowserName } from '../catalog/index.js';
import type { JudgedCell } from '../engine/judge-cell.js';
import type { DerivedOrigin } from '../rules/derive-origins.js';
import type { Step } from '../rules/types.js';
import { escapeHtml } from '../runtime/html.js';
import { describeMismatch } from '../engine/sent-request-check.js';
import {
  exploitedWhere,
  localNetworkAccessWords,
  sameVerdict,
  stateRank,
  statesOf,
  stateSuffix,
  type Verdict,
  type VerdictCell,
  type VerdictKey,
  verdictMark,
} from './verdicts.js';

const attackOrder = attacks.map((a) => a.id);

export type ReportCell = VerdictCell &
  Pick<JudgedCell, 'agree' | 'observed' | 'predicted' | 'differingFields' | 'sentRequestMismatches'> & { explanation: Step[] };

export interface ReportText {
  origins: readonly DerivedOrigin[];
  browsers: readonly { name: LabBrowserName; cookiePolicy: CookiePolicyId }[];
  verdicts: readonly Verdict[];
  cells: readonly ReportCell[];
  notes: readonly string[];
  disagreements: number;
  exploitable: boolean;
}

/**
 * The grid: one row per attacking origin, one column per browser and cookie policy. Where
 * verdicts have Local Network Access states, a column says the state, and an origin judged in
 * several has a row for each (a page on loopback, with none, keeps one row and a blank).
 */
export function verdictGrid(report: ReportText): string[] {
  const columns = report.browsers.map((b) => ({ ...b, title: `${b.name} ${b.cookiePolicy === 'third-party-blocked' ? '3p-blocked' : '3p-allowed'}` }));
  const width = Math.max(...report.origins.map((o) => o.id.length), 6) + 2;
  const withStates = report.verdicts.some((v) => v.localNetworkAccess !== undefined);
  const stateColumn = (text: string) => (withStates ? text.padEnd(22) : '');
  const lines = [`${'origin'.padEnd(width)}${'relation'.padEnd(18)}${stateColumn('local network access')}${columns.map((c) => c.title.padEnd(22)).join('')}`];
  const verdictAt = (key: VerdictKey) => report.verdicts.find((v) => sameVerdict(v, key));
  for (const o of report.origins) {
    const states = statesOf(report.verdicts.filter((v) => v.origin === o.id));
    for (const localNetworkAccess of states.length > 0 ? states : [undefined]) {
      const row = columns.map((c) => verdictMark(verdictAt({ origin: o.id, browser: c.name, cookiePolicy: c.cookiePolicy, localNetworkAccess })).padEnd(22));
      lines.push(`${o.id.padEnd(width)}${o.relation.padEnd(18)}${stateColumn(localNetworkAccess ?? '')}${row.join('')}`);
    }
  }
  return lines;
}

/** Origins whose reasons read the same: the first one's example read and write stand for them all (the HTML draws these). */
export interface ReasonGroup<C> {
  origins: DerivedOrigin[];
  read: C | undefined;
  write: C | undefined;
  /** The lines under the origins: the example read with its explanation, the example write with why it went through. */
  body: string[];
}

/**
 * For each untrusted origin that read or wrote: what goes wrong, an example read with its
 * explanation, an example write with why it went through. Origins whose explanation reads the
 * same are put together, so a CI log says each reason once.
 */
export function reasonGroups<C extends ReportCell>(
  report: Omit<ReportText, 'cells'> & { cells: readonly C[] },
  writeLine: (cell: C) => string,
): ReasonGroup<C>[] {
  // The examples are taken in a fixed order, so that origins with the same findings read alike: the
  // Local Network Access states in stateRank's order (an example with the permission granted then
  // says that none read or wrote with it denied), the report's browsers and policies, the catalog's attacks.
  const rank = (c: C) =>
    (stateRank(c.localNetworkAccess) + 1) * 1_000_000 +
    report.browsers.findIndex((b) => b.name === c.browser && b.cookiePolicy === c.cookiePolicy) * 1000 +
    attackOrder.indexOf(c.attack);
  const groups = new Map<string, ReasonGroup<C>>();
  for (const o of report.origins.filter((x) => x.relation !== 'trusted')) {
    const cells = report.cells.filter((c) => c.origin === o.id).sort((a, b) => rank(a) - rank(b));
    const read = cells.find((c) => c.readPrivate);
    const write = cells.find((c) => c.wrote);
    if (!read && !write) continue;
    const body: string[] = [];
    if (read) {
      body.push(`  READ, e.g. ${read.attack} in ${read.browser} (${read.cookiePolicy}${stateSuffix(read)}):`);
      for (const s of read.explanation) body.push(`    - ${s.says} [${s.rule}]`);
    }
    if (write) {
      body.push(`  WRITE, e.g. ${write.attack} in ${write.browser} (${write.cookiePolicy}${stateSuffix(write)}): ${writeLine(write)}`);
      body.push(`    writes that went through: ${attackOrder.filter((id) => cells.some((c) => c.wrote && c.attack === id)).join(', ')}`);
    }
    const key = body.join('\n');
    const group = groups.get(key) ?? { origins: [], read, write, body };
    group.origins.push(o);
    groups.set(key, group);
  }
  return [...groups.values()];
}

/** The reasons as the summary prints them: each group's origins with what goes wrong, then its body. */
export function reasons<C extends ReportCell>(report: Omit<ReportText, 'cells'> & { cells: readonly C[] }, writeLine: (cell: C) => string): string[] {
  return reasonGroups(report, writeLine).flatMap((g) => [
    '',
    ...g.origins.map((o) => `${o.id} (${o.relation}): ${o.whatGoesWrong}`),
    ...(g.origins.length > 1 ? [`  From each of these ${g.origins.length} origins:`] : []),
    ...g.body,
  ]);
}

/** A cell where the browser did not do what the rules predicted: which cell, and what differed. */
export function disagreement(c: ReportCell): string {
  const fields = c.differingFields.map((f) => `${f}: observed ${JSON.stringify(c.observed[f])}, predicted ${JSON.stringify(c.predicted[f])}`);
  const sent = c.sentRequestMismatches.map((m) => describeMismatch(m));
  const state = c.localNetworkAccess === undefined ? '' : ` (${localNetworkAccessWords(c.localNetworkAccess)})`;
  return `${c.browser} ${c.cookiePolicy}${state} ${c.origin} × ${c.attack}: ${[...fields, ...sent].join('; ')}`;
}

/**
 * The notes, then the verdict: no verdict where a cell disagreed with the rules, else exploitable
 * or not. `exploitable` is given where it happened (exploitedWhere: the Local Network Access
 * states, or nothing where none had a say).
 */
export function closing(report: ReportText, said: { exploitable: (where: string) => string; safe: string }): string[] {
  const lines: string[] = [];
  if (report.notes.length > 0) lines.push('', 'Notes:', ...report.notes.map((n) => `  - ${n}`));
  lines.push('');
  if (report.disagreements > 0) {
    lines.push(`NO VERDICT: in ${report.disagreements} cells the browser did not do what the rules predicted:`);
    for (const c of report.cells.filter((x) => !x.agree).slice(0, 10)) lines.push(`  ${disagreement(c)}`);
  } else {
    lines.push(report.exploitable ? said.exploitable(exploitedWhere(report.verdicts)) : said.safe);
  }
  return lines;
}

/** A self-contained page: the summary, the pictures of its examples (cli/report-pictures.ts), then every cell with its explanation (and whatever a command adds to a cell). */
export function reportHtml<C extends ReportCell>(
  title: string,
  summary: string,
  cells: readonly C[],
  words: { wrote: string; arrived: string },
  more: { cellDetail?: (cell: C) => string; cellsHeading: string; after?: string; pictures?: string },
): string {
  // A column for the Local Network Access state only where some cell has one.
  const withStates = cells.some((c) => c.localNetworkAccess !== undefined);
  const stateCell = (c: C) => (withStates ? `<td>${c.localNetworkAccess ?? ''}</td>` : '');
  const rows = cells
    .map(
      (c) =>
        `<tr class="${c.agree ? '' : 'differs'}"><td>${escapeHtml(c.origin)}</td><td>${c.relation}</td><td>${c.browser}</td><td>${c.cookiePolicy}</td>${stateCell(c)}<td>${c.attack}</td>` +
        `<td>${c.readPrivate ? 'read the victim’s data' : c.observed.responseReadable ? 'read the answer' : 'could not read'}</td>` +
        `<td>${c.wrote ? words.wrote : c.observed.requestReached ? words.arrived : 'never arrived'}</td><td>${c.agree ? 'agrees' : '≠ differs'}</td>` +
        `<td><details><summary>why</summary><ol>${c.explanation.map((s) => `<li>${escapeHtml(s.says)} <small>[${escapeHtml(s.rule)}]</small></li>`).join('')}</ol>${more.cellDetail?.(c) ?? ''}</details></td></tr>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;margin:1.5rem}table{border-collapse:collapse}td,th{border:1px solid #999;padding:.2rem .4rem;vertical-align:top}tr.differs{background:#fdd}pre{white-space:pre-wrap}figure{margin:1.5rem 0}figcaption{font-weight:bold}</style></head>
<body><h1>${escapeHtml(title)}</h1>
<pre>${escapeHtml(summary)}</pre>
${more.pictures ? `${more.pictures}\n` : ''}<h2>${escapeHtml(more.cellsHeading)}</h2>
<table><thead><tr><th>origin</th><th>relation</th><th>browser</th><th>cookie policy</th>${withStates ? '<th>local network access</th>' : ''}<th>attack</th><th>read</th><th>write</th><th>rules</th><th>explanation${more.cellDetail ? ' and evidence' : ''}</th></tr></thead>
<tbody>
${rows}
</tbody></table>${more.after ? `\n${more.after}` : ''}
</body></html>
`;
}
