// `--sarif`: the findings of a `check` or `probe` report as a SARIF 2.1.0 log (OASIS SARIF
// 2.1.0, https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html) that GitHub code
// scanning ingests (https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning):
// one rule per kind of finding, one result per untrusted origin, kind and Local Network Access
// state (where one applies), shown at the line of the user's file where `origin` is set.
import { createRequire } from 'node:module';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { isAbsolute, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Log, ReportingDescriptor, Result } from 'sarif';
import type { LocalNetworkAccessState } from '../catalog/index.js';
import { type Finding, type FindingKind, type FindingReport, FINDING_KINDS, findingsOf, reasonsByAttack } from './findings.js';
import { stateSuffix, writeHow } from './verdicts.js';

/**
 * The README on the project's page, which every rule's help points into. There is no public URL
 * yet: `.invalid` is reserved (RFC 2606 §2), so the link can never lead to someone else's page.
 */
export const README_URL = 'https://cors-lab.invalid/README.md';
const HELP_URI = `${README_URL}#sarif-and-junit`;

// By the package's own name (its exports list package.json), so it is found from the sources and from dist/ alike.
const VERSION = (createRequire(import.meta.url)('cors-lab/package.json') as { version: string }).version;

/** The partialFingerprints key (SARIF 2.1.0 §3.27.17: a versioned name, so a new way of computing it gets a new key). */
export const FINGERPRINT_KEY = 'corsLabFinding/v1';

/**
 * A rule (SARIF 2.1.0's reportingDescriptor object): what the finding is, and, as its help, what
 * would stop it. Each finding is an exploit a real browser performed, not a pattern that might
 * be one, and each makes the command exit 1: so each is an `error` (defaultConfiguration.level),
 * the level at which GitHub's code scanning check fails for a rule without a security severity.
 */
function rule(id: string, name: string, said: { short: string; full: string; stops: string }, cwe: string[]): ReportingDescriptor {
  return {
    id,
    name,
    shortDescription: { text: said.short },
    fullDescription: { text: said.full },
    help: { text: said.stops, markdown: `**What would stop it.** ${said.stops}\n\nSee the README, [SARIF and JUnit](${HELP_URI}).` },
    helpUri: HELP_URI,
    defaultConfiguration: { level: 'error' },
    // GitHub's code scanning shows `tags` and `precision` (its SARIF support page, reportingDescriptor object).
    properties: { tags: ['security', 'cors', ...cwe.map((n) => `external/cwe/cwe-${n}`)], precision: 'very-high' },
  };
}

/** One rule per kind of finding, in FINDING_KINDS order (each result points at its rule by ruleIndex, SARIF 2.1.0's result object). */
const RULES: Record<FindingKind, ReportingDescriptor> = {
  read: rule(
    'CORSLAB001',
    'UntrustedOriginReadsWithSession',
    {
      short: 'An untrusted origin reads your users’ data with their session.',
      full: 'A script on an origin you do not trust sent a credentialed cross-origin request (fetch with credentials: include, or XMLHttpRequest with withCredentials) and read the answer: the browser sent the session cookie, and your API answered with an Access-Control-Allow-Origin that names that origin and Access-Control-Allow-Credentials: true.',
      stops:
        'An exact allowlist stops it: name each origin you trust in full (or as a regular expression anchored at both ends, its dots escaped), never reflect whatever Origin arrives, never allow null, and send Access-Control-Allow-Credentials only to those origins. A SameSite=Lax or Strict session cookie keeps a cross-site page’s request anonymous, but not a same-site sibling’s.',
    },
    ['942'],
  ),
  'write-cors-cannot-stop': rule(
    'CORSLAB002',
    'UntrustedOriginWritesWithoutPreflight',
    {
      short: 'An untrusted origin makes a write with your users’ session that CORS cannot stop.',
      full: 'A request from an origin you do not trust changed state with the victim’s session, and no preflight was sent: a simple request (a GET, or a POST of a form or of text/plain), a navigation (a form post, a link) or a WebSocket handshake. CORS only decides what a script may read: such a request arrives, and is performed, whatever your API answers to its Origin.',
      stops:
        'No CORS option stops it: the server must refuse the write. A CSRF token, an Origin/Referer check, a Fetch Metadata policy (refuse Sec-Fetch-Site: cross-site) or a SameSite=Lax/Strict session cookie would; and a GET must never change state.',
    },
    ['352'],
  ),
  'write-cors-let-through': rule(
    'CORSLAB003',
    'UntrustedOriginWritesThroughPreflight',
    {
      short: 'An untrusted origin makes a write with your users’ session that CORS let through.',
      full: 'A request from an origin you do not trust needed a preflight (a PUT or DELETE, a JSON body, a custom header); the preflight passed because your CORS answer allowed that origin, and the write was performed with the victim’s session.',
      stops:
        'An exact allowlist stops it: the preflight fails for an origin that is not on it, and the browser never sends the write. A CSRF token, an Origin/Referer check or a Fetch Metadata policy on the server would stop it too.',
    },
    ['942', '352'],
  ),
};

/** Where GitHub shows every result: the user's file, the line where `origin` is set, and the folder the run was started in. */
export interface SarifLocation {
  /** The file, relative to the working directory with forward slashes, or an absolute file: URI when it lies outside. */
  uri: string;
  startLine: number;
  /** The working directory as a file: URI ending in a slash (SARIF 2.1.0's invocation.workingDirectory; GitHub takes it as the checkout path of an absolute URI). */
  workingDirectory: string;
}

/**
 * The 1-based line where a CORS `origin` is set: the first line outside a comment with `origin:`
 * (a property, quoted or not, as in JSON) or `origin(` (a method); 1 when there is none (an
 * options object built elsewhere). Text only: nothing is run.
 */
export function originLine(text: string): number {
  const lines = text.split(/\r\n|\r|\n/);
  const property = /(?:^|[^\w$.\-'"])(["']?)origin\1\s*:/;
  const method = /^\s*(?:async\s+)?origin\s*\(/;
  const index = lines.findIndex((line) => !/^\s*(?:\/\/|\/\*|\*|#)/.test(line) && (property.test(line) || method.test(line)));
  return index === -1 ? 1 : index + 1;
}

/** A file as a SARIF artifact URI: relative to `cwd` when under it, percent-encoded segment by segment (RFC 3986 §2.1), else an absolute file: URI. */
export function artifactUri(file: string, cwd: string): string {
  const path = relative(cwd, file);
  if (path === '' || path === '..' || path.startsWith(`..${sep}`) || isAbsolute(path)) return pathToFileURL(file).href;
  return path.split(sep).map(encodeURIComponent).join('/');
}

/**
 * Stable across re-runs: the rule, the API, the attacking origin with its relation and, where
 * one applies, its Local Network Access state; never a time, a probe id or a count. Without a
 * state the hashed array is what it was before states existed, so earlier alerts keep theirs.
 */
export function fingerprint(kind: FindingKind, api: string, origin: string, relation: string, localNetworkAccess?: LocalNetworkAccessState): string {
  const state = localNetworkAccess === undefined ? [] : [localNetworkAccess];
  return createHash('sha256')
    .update(JSON.stringify([RULES[kind].id, api, origin, relation, ...state]))
    .digest('hex');
}

const list = (items: readonly string[]) => items.join(', ');

function message(f: Finding, api: string): string {
  const where = `by ${list(f.attacks)}, in ${list(f.browsers)} (${list(f.cookiePolicies)})`;
  const who = `${f.origin} (${f.relation}${stateSuffix(f)})`;
  const why = f.whatGoesWrong === null ? [] : [f.whatGoesWrong];
  if (f.kind === 'read') return [`${who} read the victim’s data from ${api} with their session, ${where}.`, ...why].join(' ');
  const how = f.kind === 'write-cors-cannot-stop' ? 'that CORS cannot stop (no preflight was sent)' : 'that CORS let through (a preflight was sent and passed)';
  const hows = reasonsByAttack(f.cells, (c) => `${writeHow(c)}.`);
  return [`${who} made writes to ${api} with the victim’s session ${how}, ${where}.`, ...why, ...hows].join(' ');
}

function result(f: Finding, report: FindingReport, at: SarifLocation): Result {
  const rule = RULES[f.kind];
  return {
    ruleId: rule.id,
    ruleIndex: FINDING_KINDS.indexOf(f.kind),
    message: { text: message(f, report.api) },
    locations: [{ physicalLocation: { artifactLocation: { uri: at.uri }, region: { startLine: at.startLine } } }],
    partialFingerprints: { [FINGERPRINT_KEY]: fingerprint(f.kind, report.api, f.origin, f.relation, f.localNetworkAccess) },
    properties: {
      api: report.api,
      origin: f.origin,
      relation: f.relation,
      ...(f.localNetworkAccess !== undefined && { localNetworkAccess: f.localNetworkAccess }),
      browsers: f.browsers,
      cookiePolicies: f.cookiePolicies,
      [f.kind === 'read' ? 'readBy' : 'writeBy']: f.attacks,
    },
  };
}

/** The report as a SARIF log: pure, so the same report and location give the same log. */
export function sarifLog(report: FindingReport, command: 'check' | 'probe', at: SarifLocation): Log {
  const noVerdict =
    report.disagreements > 0
      ? [
          {
            level: 'error' as const,
            message: {
              text: `No verdict (exit 3): in ${report.disagreements} cells the browser did not do what the rules predicted. The results are what the browsers did; see the JSON or HTML report for the cells.`,
            },
          },
        ]
      : [];
  return {
    // Where the schema is (SARIF 2.1.0's sarifLog.$schema, a SHOULD), as GitHub's SARIF support page writes it.
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: { name: 'cors-lab', version: VERSION, semanticVersion: VERSION, informationUri: README_URL, rules: FINDING_KINDS.map((k) => RULES[k]) },
        },
        // The category GitHub keeps this command's alerts under (its SARIF support page: runAutomationDetails.id, "category/" with no run id).
        automationDetails: { id: `cors-lab/${command}/` },
        invocations: [
          {
            executionSuccessful: noVerdict.length === 0,
            workingDirectory: { uri: at.workingDirectory },
            ...(noVerdict.length > 0 && { toolExecutionNotifications: noVerdict }),
          },
        ],
        results: findingsOf(report).map((f) => result(f, report, at)),
      },
    ],
  };
}

/** Where `file` puts the results: it is read for the `origin` line (line 1 when it can't be read). */
export function sarifLocation(file: string, cwd = process.cwd()): SarifLocation {
  let startLine = 1;
  try {
    startLine = originLine(readFileSync(file, 'utf8'));
  } catch {
    // Gone since the input was checked: the results still need a line.
  }
  return { uri: artifactUri(file, cwd), startLine, workingDirectory: `${pathToFileURL(cwd).href.replace(/\/?$/, '/')}` };
}

/** The SARIF file's text, results located in `file`. */
export function sarifText(report: FindingReport, command: 'check' | 'probe', file: string): string {
  return `${JSON.stringify(sarifLog(report, command, sarifLocation(file)), null, 2)}\n`;
}
