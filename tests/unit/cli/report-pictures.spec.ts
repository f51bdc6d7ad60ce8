// The pictures section of check's and probe's HTML (cli/report-pictures.ts), with the drawing
// stubbed (no browser): which examples are drawn, each SVG inlined with its steps beside it,
// and, where nothing can draw, the steps alone and one line saying so — never an error.
import { expect, test } from '@playwright/test';
import type { ReasonGroup, ReportCell } from '../../../cli/report-text.js';
import { examplePictures, picturesHtml, type Draw } from '../../../cli/report-pictures.js';
import type { DerivedOrigin } from '../../../rules/derive-origins.js';
import type { Sequence } from '../../../teaching/sequence.js';
import { closeOracle, handBuilt, sequenceOfCell } from '../teaching/hand-built-cells.js';

test.afterAll(closeOracle);

const origin = (id: string): DerivedOrigin => ({
  id,
  relation: 'cross-site',
  origin: id,
  pageOrigin: id,
  sandboxed: false,
  imitates: null,
  whatGoesWrong: '',
  site: null,
});

const cell = (originId: string, attack: ReportCell['attack']): ReportCell => ({
  origin: originId,
  relation: 'cross-site',
  browser: 'firefox',
  cookiePolicy: 'third-party-allowed',
  attack,
  readPrivate: attack === 'fetch-read-account',
  wrote: attack !== 'fetch-read-account',
  agree: true,
  observed: {} as ReportCell['observed'],
  predicted: {} as ReportCell['predicted'],
  differingFields: [],
  sentRequestMismatches: [],
  explanation: [],
});

const read = cell('https://evilexample.com', 'fetch-read-account');
const write = cell('https://evilexample.com', 'form-post');
const sharedWrite = cell('https://evil.test', 'form-post');
const groups: ReasonGroup<ReportCell>[] = [
  { origins: [origin('https://evil.test'), origin('https://a.test'), origin('https://b.test')], read: undefined, write: sharedWrite, body: [] },
  { origins: [origin('https://evilexample.com')], read, write, body: [] },
];

async function sequences(): Promise<Map<ReportCell, Sequence>> {
  return new Map([
    [read, await sequenceOfCell(handBuilt.readAllowed.key, handBuilt.readAllowed.observed)],
    [write, await sequenceOfCell(handBuilt.formPostMovesMoney.key, handBuilt.formPostMovesMoney.observed)],
    [sharedWrite, await sequenceOfCell(handBuilt.formPostMovesMoney.key, handBuilt.formPostMovesMoney.observed)],
  ]);
}

test('each group’s example read, then its example write, titled by the group’s first origin and naming the origins it stands for', async () => {
  const drawn = await sequences();
  const pictures = examplePictures(groups, (c) => drawn.get(c) ?? null);
  expect(pictures.map((p) => [p.title, p.alsoFrom])).toEqual([
    ['WRITE: https://evil.test (cross-site) · form-post in firefox, third-party cookies allowed', ['https://a.test', 'https://b.test']],
    ['READ: https://evilexample.com (cross-site) · fetch-read-account in firefox, third-party cookies allowed', []],
    ['WRITE: https://evilexample.com (cross-site) · form-post in firefox, third-party cookies allowed', []],
  ]);
  expect(pictures[1]!.cell).toEqual({
    origin: 'https://evilexample.com',
    attack: 'fetch-read-account',
    browser: 'firefox',
    cookiePolicy: 'third-party-allowed',
  });
  // A cell with no sequence (no prediction kept for it) is left out, not drawn wrong.
  expect(examplePictures(groups, (c) => (c === read ? null : drawn.get(c)!)).map((p) => p.cell.attack)).toEqual(['form-post', 'form-post']);
});

test('every drawing of a report in one call, each SVG inlined with its accessible name and its steps beside it', async () => {
  const drawn = await sequences();
  const pictures = examplePictures(groups, (c) => drawn.get(c)!);
  const calls: { sources: readonly string[]; labels: readonly string[] }[] = [];
  const draw: Draw = async (sources, labels) => {
    calls.push({ sources, labels });
    return labels.map((label, i) => `<svg role="img" aria-label="${label}" id="example-${i + 1}"></svg>`);
  };
  const html = await picturesHtml(pictures, { bank: 'your API' }, draw);
  expect(calls).toHaveLength(1);
  expect(calls[0]!.sources.every((s) => s.startsWith('sequenceDiagram\n'))).toBe(true);
  expect(calls[0]!.sources[0]).toContain('participant bank as your API: http://bank.localhost:4000');
  expect(calls[0]!.labels).toEqual(pictures.map((p) => `Sequence of ${p.title}, as observed`));
  expect(html.match(/<figure /g)).toHaveLength(3);
  expect(html.match(/<svg /g)).toHaveLength(3);
  expect(html.match(/<details><summary>The same, as steps<\/summary><pre>lanes: page /g)).toHaveLength(3);
  expect(html).toContain(
    'data-origin="https://evilexample.com" data-attack="fetch-read-account" data-browser="firefox" data-cookie-policy="third-party-allowed"',
  );
  expect(html).toContain('<p>The same from https://a.test, https://b.test.</p>');
  expect(html).not.toContain('no-pictures');
});

test('where nothing can draw, the steps stand alone and one line says why; the section is still written', async () => {
  const drawn = await sequences();
  const pictures = examplePictures(groups, (c) => drawn.get(c)!);
  const html = await picturesHtml(pictures, {}, async () => {
    throw new Error('neither Chromium nor Firefox can run here\nsecond line');
  });
  expect(html.match(/<p class="no-pictures">.*<\/p>/g)).toEqual([
    '<p class="no-pictures">The pictures could not be drawn (neither Chromium nor Firefox can run here): each example is given as steps.</p>',
  ]);
  expect(html).not.toContain('<svg');
  expect(html.match(/<figure [^>]*>\n<figcaption>[^<]*<\/figcaption>(<p>[^<]*<\/p>)?\n<pre>lanes: page /g)).toHaveLength(3);
  expect(await picturesHtml([], {}, draw404)).toBe('');
});

const draw404: Draw = async () => {
  throw new Error('never called: there is nothing to draw');
};

test('an example from a public page against an API on loopback: its title and its figure say the Local Network Access state', async () => {
  const drawn = await sequences();
  const granted: ReportCell = { ...read, localNetworkAccess: 'granted' };
  const [picture] = examplePictures([{ origins: [origin('https://evilexample.com')], read: granted, write: undefined, body: [] }], () => drawn.get(read)!);
  expect(picture!.title).toBe(
    'READ: https://evilexample.com (cross-site) · fetch-read-account in firefox, third-party cookies allowed, local network access granted',
  );
  expect(picture!.cell.localNetworkAccess).toBe('granted');
  const html = await picturesHtml([picture!], {}, async (_, labels) => labels.map(() => '<svg></svg>'));
  expect(html).toContain('data-cookie-policy="third-party-allowed" data-local-network-access="granted"');
});
