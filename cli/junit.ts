// `--junit`: a `check` or `probe` report as JUnit XML, for a CI's test view: one test case per
// verdict (attacking origin × browser × cookie policy × Local Network Access state, where one
// applies), failing where an untrusted origin reads or writes. The format is the one Ant's
// junit task writes and CIs read (Windy Road's JUnit.xsd,
// https://github.com/windyroad/JUnit-Schema/blob/master/JUnit.xsd): a failure is a check that
// failed, an error a test that could not judge; a test case holds one of them at most.
import { escapeHtml } from '../runtime/html.js';
import { cellOf, type FindingCell, type FindingReport, reasonsByAttack } from './findings.js';
import { disagreement } from './report-text.js';
import { localNetworkAccessWords, sameVerdict, stateSuffix, untrustedReadOrWrite, type Verdict, writeReason } from './verdicts.js';

/** Characters XML 1.0 cannot carry, even escaped (XML 1.0 §2.2, production [2] Char). */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Element content: the markup characters escaped (XML 1.0 §2.4), the characters XML cannot hold replaced. */
export function xmlText(text: string): string {
  return escapeHtml(text.replace(NOT_XML, '\uFFFD'));
}

/** A quoted attribute value: as element content, with white space as references, which attribute-value normalization keeps (XML 1.0 §3.3.3). */
export function xmlAttribute(text: string): string {
  return xmlText(text).replace(/[\t\n\r]/g, (c) => `&#${c.charCodeAt(0)};`);
}

const attributes = (values: Record<string, string | number>) =>
  Object.entries(values)
    .map(([k, v]) => ` ${k}="${xmlAttribute(String(v))}"`)
    .join('');

/** The case's name: `<origin> (<relation>) · <browser> · <cookie policy>`, then ` (local network access <state>)` where a state applies. */
export const caseName = (v: Verdict) =>
  `${v.origin} (${v.relation}) · ${v.browser} · ${v.cookiePolicy}${v.localNetworkAccess === undefined ? '' : ` (${localNetworkAccessWords(v.localNetworkAccess)})`}`;

/** What failed, in one line (the summary's READ and WRITE, and writeReason for each write). */
function failureMessage(report: FindingReport, v: Verdict): string {
  const read = v.read ? [`READ by ${v.readBy.join(', ')}.`] : [];
  const writes = v.writeBy.map((a) => cellOf(report, v, a));
  const write = v.write ? [`WRITE by ${v.writeBy.join(', ')}.`, ...reasonsByAttack(writes, writeReason)] : [];
  return [...read, ...write].join(' ');
}

/** The failure's text, as the summary's reasons read: what goes wrong with the origin, an example read explained, each write's reason. */
function failureText(report: FindingReport, v: Verdict, disagreeing: readonly FindingCell[]): string {
  const origin = report.origins.find((o) => o.id === v.origin);
  const lines = [`${v.origin} (${v.relation}${stateSuffix(v)})${origin ? `: ${origin.whatGoesWrong}` : ''}`];
  if (v.read) {
    const example = cellOf(report, v, v.readBy[0]!);
    lines.push(`READ by ${v.readBy.join(', ')}; e.g. ${example.attack}:`, ...example.explanation.map((s) => `  - ${s.says} [${s.rule}]`));
  }
  if (v.write) {
    const writes = v.writeBy.map((a) => cellOf(report, v, a));
    lines.push(`WRITE by ${v.writeBy.join(', ')}:`, ...reasonsByAttack(writes, writeReason).map((r) => `  - ${r}`));
  }
  if (disagreeing.length > 0) lines.push('The browser did not do what the rules predicted in:', ...disagreeing.map((c) => `  - ${disagreement(c)}`));
  return lines.join('\n');
}

/** One test case: passed, failed (an untrusted read or write), or errored (no failure, but a cell the rules did not predict: no verdict). */
function testCase(report: FindingReport, v: Verdict, classname: string): { xml: string; failed: boolean; errored: boolean } {
  const disagreeing = report.cells.filter((c) => !c.agree && sameVerdict(c, v));
  const open = `    <testcase${attributes({ classname, name: caseName(v) })}`;
  if (untrustedReadOrWrite(v)) {
    const failure = `      <failure${attributes({ type: 'exploitable', message: failureMessage(report, v) })}>${xmlText(failureText(report, v, disagreeing))}</failure>`;
    return { xml: `${open}>\n${failure}\n    </testcase>`, failed: true, errored: false };
  }
  if (disagreeing.length > 0) {
    const message = `No verdict: in ${disagreeing.length} cells the browser did not do what the rules predicted.`;
    const error = `      <error${attributes({ type: 'no-verdict', message })}>${xmlText(disagreeing.map(disagreement).join('\n'))}</error>`;
    return { xml: `${open}>\n${error}\n    </testcase>`, failed: false, errored: true };
  }
  return { xml: `${open}/>`, failed: false, errored: false };
}

/** The report as a JUnit XML document: pure, so the same report gives the same text. */
export function junitXml(report: FindingReport, command: 'check' | 'probe'): string {
  const suite = `cors-lab ${command} ${report.api}`;
  const cases = report.verdicts.map((v) => testCase(report, v, suite));
  const counts = { tests: cases.length, failures: cases.filter((c) => c.failed).length, errors: cases.filter((c) => c.errored).length };
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${attributes({ name: `cors-lab ${command}`, ...counts })}>`,
    `  <testsuite${attributes({ name: suite, ...counts, skipped: 0 })}>`,
    ...cases.map((c) => c.xml),
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
