// What `cors-lab probe` prints and writes: the terminal summary, the JSON report (schemaVersion
// 2, README "The JSON contract"; the same verdict shape as `check`'s) and a self-contained HTML page, and the --dry-run
// list. Session values never appear: the evidence is redacted as recorded, and every value of
// the victim's cookies is replaced once more in whatever is written, wherever it shows up.
import { writeFileSync } from 'node:fs';
import { mediaTypeEssence, cookiePolicies } from '../catalog/index.js';
import { needsPreflight } from '../rules/cors-check.js';
import type { ProbeCell } from '../engine/probe-run.js';
import type { TargetRun } from '../engine/probe-targets.js';
import { flattenForForm, probeAttacks, type ProbeAttack } from '../engine/probe-attacks.js';
import { REDACTED } from '../world/evidence-log.js';
import type { DerivedOrigin } from '../rules/derive-origins.js';
import type { ProbeInput } from './probe-input.js';
import { escapeHtml } from '../runtime/html.js';
import type { Prediction } from '../rules/predict.js';
import { PROBE_WORDS, probeCellSequence } from './probe-pictures.js';
import { type Draw, drawInBrowser, examplePictures, picturesHtml } from './report-pictures.js';
import { closing, reasonGroups, reasons, reportHtml, verdictGrid } from './report-text.js';
import { isExploitable, verdictsOf, writeHow, type Verdict } from './verdicts.js';
import { junitXml } from './junit.js';
import { sarifText } from './sarif.js';

export const PROBE_SCHEMA_VERSION = 2;

export interface ProbeReport {
  schemaVersion: number;
  command: 'probe';
  api: string;
  upstream: string | null;
  trusted: string[];
  read: string;
  write: string;
  session: { source: 'login' | 'storage-state'; cookies: TargetRun['session'] };
  exploitable: boolean;
  disagreements: number;
  notes: string[];
  browsers: TargetRun['browsers'];
  origins: DerivedOrigin[];
  /** Each re-aimed attack's code: the exact text the browsers ran. */
  attacks: { id: string; target: string; method: string; path: string; contentType: string | null; code: string }[];
  verdicts: Verdict[];
  cells: ProbeCell[];
  /** What the proxy saw outside the attacks (the logins, the victim's pages on the API's origin). */
  setupEvidence: TargetRun['untagged'];
}

const endpointText = (e: { method: string; path: string }) => `${e.method} ${e.path}`;

/** What every probe report says about itself, plus what follows from this input. */
export function probeNotes(input: ProbeInput): string[] {
  const notes = [
    'Writes are only observed, never predicted: the tool never sends a write itself, so what your API does with one is known only from what it answered the browser.',
    `A read counts when the script got a body other than what ${endpointText(input.read)} answers without the session; a write when a request carrying the session reached the API and it answered 2xx${input.writeOk3xx ? ' or 3xx (--write-ok 3xx)' : ''}.`,
    'Cookie, Set-Cookie and Authorization values are redacted in the evidence, the JSON and the HTML.',
  ];
  const { flattened } = flattenForForm(input.writeBody);
  if (flattened.length > 0)
    notes.push(`Form posts carry --write-body flattened one level (${flattened.map((k) => `${k}[…]`).join(', ')}): a form has flat string fields only.`);
  if (input.session.kind === 'storage-state') {
    notes.push(
      'The session comes from a storage state, which cannot hold a cookie without SameSite: Playwright writes it as Lax and loading it makes it explicit. That erases Chromium’s Lax+POST window and Firefox’s None default, the most common real case; prefer --login.',
    );
  }
  if (!input.upstream) notes.push(`No --upstream: requests pass through to the real ${input.api.host}.`);
  return notes;
}

/** The report of one target's part of a run (engine/probe-targets.ts), `input` naming its endpoints. */
export function probeReport(input: ProbeInput, origins: DerivedOrigin[], notes: string[], run: TargetRun): ProbeReport {
  const verdicts = verdictsOf(run.cells);
  return {
    schemaVersion: PROBE_SCHEMA_VERSION,
    command: 'probe',
    api: input.api.origin,
    upstream: input.upstream?.origin ?? null,
    trusted: input.trusted.map((t) => t.origin),
    read: endpointText(input.read),
    write: endpointText(input.write),
    session: { source: input.session.kind, cookies: run.session },
    exploitable: isExploitable(verdicts),
    disagreements: run.cells.filter((c) => !c.agree).length,
    notes: [...notes, ...(run.writesRefused > 0 ? [`The proxy refused ${run.writesRefused} writes over the cap (--write-cap).`] : [])],
    browsers: run.browsers,
    origins,
    attacks: run.attacks.map((a) => ({
      id: a.id,
      target: a.target,
      method: a.request.method,
      path: a.request.path,
      contentType: a.request.contentType,
      code: a.code,
    })),
    verdicts,
    cells: run.cells,
    setupEvidence: run.untagged,
  };
}

/** Replaces each secret value wherever it appears in `text` (a body that echoes a token, say). */
export function redactValues(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret.length >= 4) out = out.split(secret).join(REDACTED);
  return out;
}

/** Why a write went through, as the summary says it of the example write. */
function writeLine(write: ProbeCell): string {
  const status = write.evidence.find((e) => e.method !== 'OPTIONS')?.status;
  return `your API answered ${status} to a request carrying the session; ${writeHow(write)}.`;
}

export function probeSummary(report: ProbeReport): string {
  return [
    `cors-lab probe: ${report.api}${report.upstream ? ` (served by ${report.upstream})` : ''}, trusting ${report.trusted.join(', ') || 'nobody'}`,
    `read ${report.read}, write ${report.write}; the victim's cookies: ${report.session.cookies.map((c) => `${c.name} (${c.sameSite})`).join(', ')} from ${report.session.source === 'login' ? 'a real login in each browser' : 'a storage state'}`,
    'Per attacking origin: did its script READ the victim’s data, did a WRITE with the session go through?',
    '',
    ...verdictGrid(report),
    ...reasons(report, writeLine),
    ...closing(report, {
      exploitable: (where) => `EXPLOITABLE: an untrusted origin read the victim’s data or made a write with the session${where} (exit 1).`,
      safe: 'No untrusted origin read the victim’s data or made a write with the session (exit 0).',
    }),
    `${report.cells.length} cells observed, ${report.cells.length - report.disagreements} agreeing with the rules.`,
  ].join('\n');
}

/** The page: the summary, the example of each "yes" drawn, every cell with the proxy's evidence, and the attacks' code. */
export async function probeHtml(
  report: ProbeReport,
  attacks: readonly ProbeAttack[],
  predictions: ReadonlyMap<ProbeCell, Prediction>,
  draw: Draw = drawInBrowser,
): Promise<string> {
  const pictures = examplePictures(reasonGroups(report, writeLine), (cell) => {
    const prediction = predictions.get(cell);
    return prediction ? probeCellSequence({ ...report, attacks }, cell, prediction) : null;
  });
  const evidence = (c: ProbeCell) =>
    c.evidence
      .map(
        (e) =>
          `${e.method} ${e.url} → ${e.status ?? 'no answer'}; cookies: ${e.cookieNames.join(', ') || 'none'}; ${Object.entries(e.responseHeaders)
            .filter(([k]) => k.startsWith('access-control-'))
            .map(([k, v]) => `${k}: ${v}`)
            .join('; ')}`,
      )
      .join('\n') || 'nothing arrived';
  const code = report.attacks.map((a) => `<h3>${a.id} → ${a.target} (${a.method} ${escapeHtml(a.path)})</h3><pre>${escapeHtml(a.code)}</pre>`).join('\n');
  return reportHtml(
    `cors-lab probe: ${report.api}`,
    probeSummary(report),
    report.cells,
    { wrote: 'write went through', arrived: 'arrived, no write' },
    {
      cellsHeading: 'Every cell, with the proxy’s evidence',
      cellDetail: (c) => `<pre>${escapeHtml(evidence(c))}</pre>`,
      after: `<h2>The attacks, as the browsers ran them</h2>\n${code}`,
      pictures: await picturesHtml(pictures, PROBE_WORDS, draw),
    },
  );
}

export async function writeProbeFiles(
  input: ProbeInput,
  report: ProbeReport,
  secrets: readonly string[],
  predictions: ReadonlyMap<ProbeCell, Prediction>,
): Promise<void> {
  if (input.json) writeFileSync(input.json, redactValues(`${JSON.stringify(report, null, 2)}\n`, secrets));
  if (input.html) writeFileSync(input.html, redactValues(await probeHtml(report, probeAttacks(input), predictions), secrets));
  // Written on exit 1 and 3 as on 0, as check's are.
  if (input.sarif && input.sarifLocation) writeFileSync(input.sarif, redactValues(sarifText(report, 'probe', input.sarifLocation), secrets));
  if (input.junit) writeFileSync(input.junit, redactValues(junitXml(report, 'probe'), secrets));
}

/** --dry-run: every request the probe would send, in order; nothing is sent. */
export function dryRunText(input: ProbeInput, origins: readonly DerivedOrigin[]): string {
  const base = input.api.origin;
  const via = input.upstream ? ` (to ${input.upstream.origin}, Host ${input.api.host})` : '';
  const runs = input.browsers.length * cookiePolicies.length;
  const attacks = probeAttacks({ read: input.read, write: input.write, writeBody: input.writeBody });
  const lines = [
    `cors-lab probe --dry-run: nothing is sent. Every request goes to ${base}${via}.`,
    'Setup, before any attack:',
    `  1. ${endpointText(input.read)} without a session: does the API answer, and what does a stranger get`,
    input.session.kind === 'login'
      ? `  2. ${endpointText(input.session.endpoint)} from a page on ${base}, in each browser (the --login-body is not shown)`
      : `  2. no login: the cookies of ${input.session.file} are loaded into each browser`,
    `  3. ${endpointText(input.read)} with the session: is it fresh`,
    "  and, for the rules' predictions, made directly: OPTIONS preflights and GETs of --read with the cookies the rules say ride along (never a write).",
    `Then, in ${input.browsers.join(' and ')} × ${cookiePolicies.length} cookie policies (${runs} runs), from each of ${origins.length} origins, these ${attacks.length} requests (each with ?probe=<marker>, stripped by the proxy):`,
  ];
  for (const a of attacks) {
    const preflight = needsPreflight(a, true).needed ? ', after a preflight' : '';
    lines.push(
      `  ${a.id.padEnd(30)}${a.request.method.padEnd(5)} ${base}${a.request.path}  ${a.request.mode}, credentials ${a.request.credentials}${a.request.contentType ? `, ${mediaTypeEssence(a.request.contentType)}` : ''}${preflight}${a.target === 'write' ? '  [WRITE]' : ''}`,
    );
  }
  lines.push('From:', ...origins.map((o) => `  ${o.id} (${o.relation})`));
  const writes = attacks.filter((a) => a.target === 'write').length * origins.length * runs;
  lines.push(
    `At most ${writes * input.writeCap} requests to ${endpointText(input.write)}'s path (cap ${input.writeCap} per attack, origin, browser and policy)${input.paceMs > 0 ? `, at least ${input.paceMs} ms apart` : ''}.`,
  );
  return lines.join('\n');
}
