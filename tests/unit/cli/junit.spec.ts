// `--junit`: from a hand-built report, one test case per verdict, a failure exactly where an
// untrusted origin reads or writes (the trusted origin's reads and writes pass), an error where a
// cell the rules did not predict leaves no verdict, correct counts, and well-formed XML whatever
// the text holds. The XML is read back by a strict reader of the subset the writer uses.
import { expect, test } from '@playwright/test';
import type { FindingReport } from '../../../cli/findings.js';
import { junitXml, xmlAttribute, xmlText } from '../../../cli/junit.js';
import { CROSS_SITE, DEV_SERVER, handBuiltLocalReport, handBuiltReport, LOOKALIKE, NULL_ORIGIN, SIBLING, TRUSTED } from './hand-built-report.js';

interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

/** XML 1.0 §2.2, production [2] Char. */
const xmlChar = (c: number) => c === 0x9 || c === 0xa || c === 0xd || (c >= 0x20 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd) || c >= 0x10000;

/** Character and entity references back to text; a bare `&` or `<`, or a character XML can't hold, fails the test (XML 1.0 §2.2, §2.4). */
function fromXml(text: string): string {
  expect(text, 'no bare & or <').not.toMatch(/&(?!(?:amp|lt|gt|quot|apos|#\d+);)|</);
  expect(
    [...text].filter((ch) => !xmlChar(ch.codePointAt(0)!)),
    'only characters XML 1.0 allows',
  ).toEqual([]);
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
  return text.replace(/&(amp|lt|gt|quot|apos|#\d+);/g, (_, e: string) => (e.startsWith('#') ? String.fromCodePoint(Number(e.slice(1))) : named[e]!));
}

/** Reads the writer's subset of XML: a declaration, then elements with double-quoted attributes and text; anything else fails the test. */
function readXml(xml: string): XmlElement {
  const declaration = '<?xml version="1.0" encoding="UTF-8"?>\n';
  expect(xml.startsWith(declaration)).toBe(true);
  let at = declaration.length;
  const element = (): XmlElement => {
    const open = /^<([A-Za-z][\w-]*)((?:\s+[A-Za-z][\w-]*="[^"]*")*)\s*(\/?)>/.exec(xml.slice(at));
    if (!open) throw new Error(`no element at ${at}: ${xml.slice(at, at + 40)}`);
    at += open[0].length;
    const attributes = Object.fromEntries([...open[2]!.matchAll(/([A-Za-z][\w-]*)="([^"]*)"/g)].map(([, k, v]) => [k!, fromXml(v!)]));
    const node: XmlElement = { name: open[1]!, attributes, children: [], text: '' };
    if (open[3] === '/') return node;
    for (;;) {
      const text = /^[^<]*/.exec(xml.slice(at))![0];
      at += text.length;
      node.text += fromXml(text);
      if (xml.startsWith(`</${node.name}>`, at)) {
        at += node.name.length + 3;
        return node;
      }
      node.children.push(element());
    }
  };
  const root = element();
  expect(xml.slice(at)).toBe('\n');
  return root;
}

const casesOf = (xml: string) => {
  const root = readXml(xml);
  expect(root.name).toBe('testsuites');
  expect(root.children.map((c) => c.name)).toEqual(['testsuite']);
  return { root, suite: root.children[0]!, cases: root.children[0]!.children };
};
const countsOf = (e: XmlElement) => ({ tests: e.attributes.tests, failures: e.attributes.failures, errors: e.attributes.errors });
const policies = ['third-party-blocked', 'third-party-allowed'];
const everywhere = (origin: string) => ['chromium', 'firefox'].flatMap((b) => policies.map((p) => `${origin} · ${b} · ${p}`));

test('one test case per origin, browser and cookie policy, named for them, under the command and API', () => {
  const { root, suite, cases } = casesOf(junitXml(handBuiltReport(), 'check'));
  expect(cases.length).toBe(5 * 2 * 2);
  expect(new Set(cases.map((c) => c.attributes.name)).size).toBe(20);
  expect(cases.map((c) => c.attributes.name)).toContain(`${NULL_ORIGIN} (null) · firefox · third-party-blocked`);
  expect(new Set(cases.map((c) => c.attributes.classname))).toEqual(new Set(['cors-lab check https://api.example.com']));
  expect(suite.attributes.name).toBe('cors-lab check https://api.example.com');
  expect(root.attributes.name).toBe('cors-lab check');
  expect(junitXml(handBuiltReport(), 'probe')).toContain('classname="cors-lab probe https://api.example.com"');
});

test('failures are exactly the untrusted verdicts that read or write, and the counts say so', () => {
  const { root, suite, cases } = casesOf(junitXml(handBuiltReport(), 'check'));
  const failing = cases.filter((c) => c.children.some((x) => x.name === 'failure')).map((c) => c.attributes.name);
  expect(new Set(failing)).toEqual(
    new Set([
      `${LOOKALIKE} (lookalike-suffix) · chromium · third-party-blocked`,
      `${LOOKALIKE} (lookalike-suffix) · chromium · third-party-allowed`,
      `${LOOKALIKE} (lookalike-suffix) · firefox · third-party-allowed`,
      ...everywhere(`${NULL_ORIGIN} (null)`),
      ...everywhere(`${SIBLING} (sibling)`),
    ]),
  );
  expect(failing.some((name) => name!.startsWith(TRUSTED) || name!.startsWith(CROSS_SITE))).toBe(false);
  expect(cases.every((c) => c.children.every((x) => x.name === 'failure'))).toBe(true);
  expect(countsOf(root)).toEqual({ tests: '20', failures: '11', errors: '0' });
  expect(countsOf(suite)).toEqual({ tests: '20', failures: '11', errors: '0' });
  expect(suite.attributes.skipped).toBe('0');
});

test('a failure says which attacks read or wrote, and why each write went through', () => {
  const { cases } = casesOf(junitXml(handBuiltReport(), 'check'));
  const failure = (name: string) => cases.find((c) => c.attributes.name === name)!.children[0]!;
  const sibling = failure(`${SIBLING} (sibling) · chromium · third-party-allowed`);
  expect(sibling.attributes.message).toMatch(/^WRITE by fetch-put, no-cors-post\./);
  expect(sibling.attributes.message).toContain('fetch-put: CORS let it through: the preflight passed;');
  expect(sibling.attributes.message).toContain('no-cors-post: CORS could not have stopped it: a simple request is sent without a preflight;');
  expect(sibling.text).toMatch(
    /^https:\/\/compromised\.example\.com \(sibling\): What goes wrong with https:\/\/compromised\.example\.com\.\nWRITE by fetch-put, no-cors-post:\n {2}- /,
  );
  const lookalike = failure(`${LOOKALIKE} (lookalike-suffix) · firefox · third-party-allowed`);
  expect(lookalike.attributes.message).toBe('READ by fetch-read-account.');
  expect(lookalike.text).toContain(
    'READ by fetch-read-account; e.g. fetch-read-account:\n  - fetch-read-account from https://evilexample.com: the step that decides it. [Fetch §4.9, CORS check]',
  );
  expect(failure(`${NULL_ORIGIN} (null) · firefox · third-party-blocked`).attributes.message).toContain(
    'form-post: CORS could not have stopped it: a navigation never asks CORS;',
  );
});

test('no verdict: an error where a cell disagreed and nothing failed; a failure stays a failure and says so', () => {
  const report = handBuiltReport({ disagree: (c) => c.browser === 'chromium' && c.cookiePolicy === 'third-party-blocked' && c.attack === 'fetch-put' });
  const { root, cases } = casesOf(junitXml(report, 'check'));
  const outcome = (name: string) => cases.find((c) => c.attributes.name === name)!.children.map((x) => x.name);
  // Every origin's chromium · third-party-blocked case has a disagreeing cell: three fail anyway (sibling, look-alike, null), two are errors.
  expect(outcome(`${CROSS_SITE} (cross-site) · chromium · third-party-blocked`)).toEqual(['error']);
  expect(outcome(`${TRUSTED} (trusted) · chromium · third-party-blocked`)).toEqual(['error']);
  expect(outcome(`${SIBLING} (sibling) · chromium · third-party-blocked`)).toEqual(['failure']);
  expect(outcome(`${CROSS_SITE} (cross-site) · firefox · third-party-blocked`)).toEqual([]);
  expect(countsOf(root)).toEqual({ tests: '20', failures: '11', errors: '2' });
  const error = cases.find((c) => c.attributes.name === `${CROSS_SITE} (cross-site) · chromium · third-party-blocked`)!.children[0]!;
  expect(error.attributes).toMatchObject({ type: 'no-verdict', message: 'No verdict: in 1 cells the browser did not do what the rules predicted.' });
  expect(error.text).toBe(`chromium third-party-blocked ${CROSS_SITE} × fetch-put: responseReadable: observed false, predicted true`);
  const failure = cases.find((c) => c.attributes.name === `${SIBLING} (sibling) · chromium · third-party-blocked`)!.children[0]!;
  expect(failure.text).toContain(
    'The browser did not do what the rules predicted in:\n  - chromium third-party-blocked https://compromised.example.com × fetch-put',
  );
});

test('whatever the text holds, the XML is well-formed and reads back as written', () => {
  const awkward = 'a <b> & "c" \'d\' ]]> \u0001 \uD800 tab\there\nline two';
  const base = handBuiltReport();
  const report: FindingReport = { ...base, origins: base.origins.map((o) => ({ ...o, whatGoesWrong: awkward })) };
  const { cases } = casesOf(junitXml(report, 'check'));
  const failure = cases.find((c) => c.attributes.name === `${SIBLING} (sibling) · firefox · third-party-allowed`)!.children[0]!;
  expect(failure.text.split('\n').slice(0, 2).join('\n')).toBe(`${SIBLING} (sibling): a <b> & "c" 'd' ]]> \uFFFD \uFFFD tab\there\nline two`);
  // An attribute keeps its line breaks and tabs as references (XML 1.0 §3.3.3 would fold them otherwise).
  expect(xmlAttribute('one\ntwo\tthree "4"')).toBe('one&#10;two&#9;three &quot;4&quot;');
  expect(xmlText('x < y & z')).toBe('x &lt; y &amp; z');
});

test('an API on loopback: a public page has a case per state, named for it, failing only in the state where it reads; the dev server’s names have none', () => {
  const { root, cases } = casesOf(junitXml(handBuiltLocalReport({ formPost: false }), 'check'));
  const names = cases.map((c) => c.attributes.name!);
  expect(new Set(names).size).toBe(20);
  expect(names).toContain(`${DEV_SERVER} (trusted) · chromium · third-party-allowed`);
  expect(names.filter((n) => n.startsWith(`${CROSS_SITE} (cross-site) · firefox · third-party-allowed`))).toEqual([
    'https://evil.test (cross-site) · firefox · third-party-allowed (local network access denied)',
    'https://evil.test (cross-site) · firefox · third-party-allowed (local network access granted)',
  ]);
  const failing = cases.filter((c) => c.children.some((x) => x.name === 'failure'));
  expect(failing.map((c) => c.attributes.name)).toEqual([
    'https://evil.test (cross-site) · chromium · third-party-allowed (local network access granted)',
    'https://evil.test (cross-site) · firefox · third-party-allowed (local network access granted)',
  ]);
  expect(failing[0]!.children[0]!.text.split('\n')[0]).toBe(
    'https://evil.test (cross-site, local network access granted): What goes wrong with https://evil.test.',
  );
  expect(countsOf(root)).toEqual({ tests: '20', failures: '2', errors: '0' });
});
