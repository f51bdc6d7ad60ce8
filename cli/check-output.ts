// What `cors-lab check` prints and writes: the ten-second terminal summary, the JSON
// contract (schemaVersion 2, README "The JSON contract") and a self-contained HTML page for this one setup.
import { writeFileSync } from 'node:fs';
import { isAbsolute, relative } from 'node:path';
import type { CheckCell, CheckRun } from '../engine/check-run.js';
import type { DerivedOrigin } from '../rules/derive-origins.js';
import { isExploitable, verdictsOf, writeReason, type Verdict } from './check-verdicts.js';

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
  verdicts: { origin: string; relation: string; browser: string; cookiePolicy: string; read: boolean; write: boolean; readBy: string[]; writeBy: string[] }[];
  cells: CheckCell[];
}

export function checkReport(input: { api: URL; trusted: URL[]; corsFile: string; origins: DerivedOrigin[]; notes: string[] }, run: CheckRun): CheckReport {
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
    verdicts: verdicts.map((v) => ({
      origin: v.origin,
      relation: v.relation,
      browser: v.browser,
      cookiePolicy: v.cookiePolicy,
      read: v.read.length > 0,
      write: v.write.length > 0,
      readBy: v.read,
      writeBy: v.write,
    })),
    cells: run.cells,
  };
}

const mark = (v: Verdict | undefined) => (v === undefined ? '?' : `${v.read.length > 0 ? 'READ' : '-'}/${v.write.length > 0 ? 'WRITE' : '-'}`);

/** The terminal summary: a grid, then the reasons behind each "yes" of an untrusted origin. */
export function summaryText(report: CheckReport): string {
  const verdicts = verdictsOf(report.cells);
  const columns = report.browsers.map((b) => ({
    browser: b.name,
    cookiePolicy: b.cookiePolicy,
    title: `${b.name} ${b.cookiePolicy === 'third-party-blocked' ? '3p-blocked' : '3p-allowed'}`,
  }));
  const originWidth = Math.max(...report.origins.map((o) => o.id.length), 6) + 2;
  const lines = [
    `cors-lab check: ${report.api}, trusting ${report.trusted.join(', ') || 'nobody'} (options: ${asTyped(report.corsFile)})`,
    'Per attacking origin: can its script READ the victim’s data, can it make a WRITE with the session?',
    '',
    `${'origin'.padEnd(originWidth)}${'relation'.padEnd(18)}${columns.map((c) => c.title.padEnd(22)).join('')}`,
  ];
  for (const o of report.origins) {
    const row = columns.map((c) => mark(verdicts.find((v) => v.origin === o.id && v.browser === c.browser && v.cookiePolicy === c.cookiePolicy)).padEnd(22));
    lines.push(`${o.id.padEnd(originWidth)}${o.relation.padEnd(18)}${row.join('')}`);
  }
  const untrusted = report.origins.filter((o) => o.relation !== 'trusted');
  const why: string[] = [];
  for (const o of untrusted) {
    const cells = report.cells.filter((c) => c.origin === o.id);
    const read = cells.find((c) => c.readPrivate);
    const write = cells.find((c) => c.wrote);
    if (!read && !write) continue;
    why.push('', `${o.id} (${o.relation}): ${o.whatGoesWrong}`);
    if (read) {
      why.push(`  READ, e.g. ${read.attack} in ${read.browser} (${read.cookiePolicy}):`);
      for (const s of read.explanation) why.push(`    - ${s.says} [${s.rule}]`);
    }
    if (write) {
      why.push(`  WRITE, e.g. ${write.attack} in ${write.browser} (${write.cookiePolicy}): ${writeReason(write)}`);
      const writers = [...new Set(cells.filter((c) => c.wrote).map((c) => c.attack))];
      why.push(`    writes that went through from here: ${writers.join(', ')}`);
    }
  }
  lines.push(...why);
  if (report.notes.length > 0) lines.push('', 'Notes:', ...report.notes.map((n) => `  - ${n}`));
  lines.push('');
  if (report.disagreements > 0) {
    lines.push(`NO VERDICT: in ${report.disagreements} cells the browser did not do what the rules predicted:`);
    for (const c of report.cells.filter((x) => !x.agree).slice(0, 10)) {
      const fields = c.differingFields.map((f) => `${f}: observed ${JSON.stringify(c.observed[f])}, predicted ${JSON.stringify(c.predicted[f])}`);
      const sent = c.sentRequestMismatches.map((m) => `request.${m.field}: described ${m.described}, sent ${m.sent}`);
      lines.push(`  ${c.browser} ${c.cookiePolicy} ${c.origin} × ${c.attack}: ${[...fields, ...sent].join('; ')}`);
    }
  } else {
    lines.push(
      report.exploitable
        ? 'EXPLOITABLE: an untrusted origin can read the victim’s data or make a write with the session (exit 1).'
        : 'No untrusted origin can read the victim’s data or make a write with the session (exit 0).',
    );
  }
  lines.push(
    `${report.cells.length} cells observed in ${report.browsers
      .map((b) => b.name)
      .filter((n, i, all) => all.indexOf(n) === i)
      .join(' and ')}, ${report.cells.length - report.disagreements} agreeing with the rules.`,
  );
  return lines.join('\n');
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** A self-contained page: the verdict grid, then every cell with its explanation. */
export function writeHtml(file: string, report: CheckReport): void {
  const rows = report.cells
    .map(
      (c) =>
        `<tr class="${c.agree ? '' : 'differs'}"><td>${escapeHtml(c.origin)}</td><td>${c.relation}</td><td>${c.browser}</td><td>${c.cookiePolicy}</td><td>${c.attack}</td>` +
        `<td>${c.readPrivate ? 'read the victim’s data' : c.observed.responseReadable ? 'read the answer' : 'could not read'}</td>` +
        `<td>${c.wrote ? 'money moved' : c.observed.requestReached ? 'arrived, nothing moved' : 'never arrived'}</td><td>${c.agree ? 'agrees' : '≠ differs'}</td>` +
        `<td><details><summary>why</summary><ol>${c.explanation.map((s) => `<li>${escapeHtml(s.says)} <small>[${escapeHtml(s.rule)}]</small></li>`).join('')}</ol></details></td></tr>`,
    )
    .join('\n');
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>cors-lab check: ${escapeHtml(report.api)}</title>
<style>body{font-family:system-ui,sans-serif;margin:1.5rem}table{border-collapse:collapse}td,th{border:1px solid #999;padding:.2rem .4rem;vertical-align:top}tr.differs{background:#fdd}pre{white-space:pre-wrap}</style></head>
<body><h1>cors-lab check: ${escapeHtml(report.api)}</h1>
<pre>${escapeHtml(summaryText(report))}</pre>
<h2>Every cell</h2>
<table><thead><tr><th>origin</th><th>relation</th><th>browser</th><th>cookie policy</th><th>attack</th><th>read</th><th>write</th><th>rules</th><th>explanation</th></tr></thead>
<tbody>
${rows}
</tbody></table></body></html>
`;
  writeFileSync(file, html);
}

/** The options file as the user would type it from here: relative when it is under the working directory (the JSON keeps the full path). */
function asTyped(file: string): string {
  const here = relative(process.cwd(), file);
  return here && !here.startsWith('..') && !isAbsolute(here) ? here : file;
}
