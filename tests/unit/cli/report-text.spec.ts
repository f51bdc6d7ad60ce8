// The summary's reasons: each untrusted origin that read or wrote is named with what goes wrong,
// and origins whose explanation reads the same share one explanation, so a CI log says each
// reason once; for an API on loopback, the grid, the reasons and the HTML's cells say each
// verdict's Local Network Access state. The reports are built by hand.
import { expect, test } from '@playwright/test';
import { attacks, type AttackId } from '../../../catalog/index.js';
import type { DerivedOrigin, OriginRelation } from '../../../rules/derive-origins.js';
import { disagreement, type ReportCell, type ReportText, reasonGroups, reasons, reportHtml, verdictGrid } from '../../../cli/report-text.js';
import { handBuiltLocalReport, handBuiltReport } from './hand-built-report.js';

const origin = (id: string, relation: OriginRelation): DerivedOrigin => ({
  id,
  relation,
  origin: id,
  pageOrigin: id,
  sandboxed: false,
  imitates: null,
  whatGoesWrong: `what goes wrong at ${id}`,
  site: null,
});

const cell = (
  originId: string,
  relation: OriginRelation,
  attack: AttackId,
  found: { read?: boolean; wrote?: boolean },
  where: Pick<ReportCell, 'browser' | 'cookiePolicy'> = { browser: 'chromium', cookiePolicy: 'third-party-allowed' },
): ReportCell => ({
  origin: originId,
  relation,
  ...where,
  attack,
  readPrivate: found.read ?? false,
  wrote: found.wrote ?? false,
  agree: true,
  observed: {} as ReportCell['observed'],
  predicted: {} as ReportCell['predicted'],
  differingFields: [],
  sentRequestMismatches: [],
  explanation: [{ rule: 'Fetch §4.9 CORS check', says: `the body was handed over to ${originId}`, enforcer: 'browser' }],
});

const byCatalog = (a: string, b: string) => attacks.findIndex((x) => x.id === a) - attacks.findIndex((x) => x.id === b);

const report = (origins: DerivedOrigin[], cells: ReportCell[]) => ({
  origins,
  browsers: [{ name: 'chromium' as const, cookiePolicy: 'third-party-allowed' as const }],
  verdicts: [],
  cells,
  notes: [],
  disagreements: 0,
  exploitable: true,
});

test('two origins with the same write findings share one explanation; the trusted origin and an origin that did nothing are not listed', () => {
  const lines = reasons(
    report(
      [
        origin('https://www.example.com', 'trusted'),
        origin('https://evil.test', 'cross-site'),
        origin('https://evilexample.com', 'lookalike-suffix'),
        origin('https://quiet.test', 'cross-site'),
      ],
      [
        cell('https://www.example.com', 'trusted', 'fetch-read-account', { read: true }),
        cell('https://www.example.com', 'trusted', 'form-post', { wrote: true }),
        cell('https://evil.test', 'cross-site', 'form-post', { wrote: true }),
        cell('https://evilexample.com', 'lookalike-suffix', 'form-post', { wrote: true }),
        cell('https://quiet.test', 'cross-site', 'form-post', {}),
      ],
    ),
    (c) => `reason for ${c.attack}`,
  );
  expect(lines).toEqual([
    '',
    'https://evil.test (cross-site): what goes wrong at https://evil.test',
    'https://evilexample.com (lookalike-suffix): what goes wrong at https://evilexample.com',
    '  From each of these 2 origins:',
    '  WRITE, e.g. form-post in chromium (third-party-allowed): reason for form-post',
    '    writes that went through: form-post',
  ]);
});

test('an origin that also reads gets its own explanation, and its writes are listed in the catalog’s order', () => {
  const lines = reasons(
    report(
      [origin('https://evil.test', 'cross-site'), origin('https://compromised.example.com', 'sibling')],
      [
        cell('https://evil.test', 'cross-site', 'form-post', { wrote: true }),
        cell('https://compromised.example.com', 'sibling', 'no-cors-post', { wrote: true }),
        cell('https://compromised.example.com', 'sibling', 'fetch-read-account', { read: true }),
        cell('https://compromised.example.com', 'sibling', 'form-post', { wrote: true }),
      ],
    ),
    (c) => `reason for ${c.attack}`,
  );
  expect(lines.filter((l) => l.startsWith('  From each'))).toEqual([]);
  expect(lines).toContain('  READ, e.g. fetch-read-account in chromium (third-party-allowed):');
  expect(lines).toContain('    - the body was handed over to https://compromised.example.com [Fetch §4.9 CORS check]');
  const written = lines.filter((l) => l.startsWith('    writes that went through'));
  expect(written).toEqual([
    '    writes that went through: form-post',
    `    writes that went through: ${['form-post', 'no-cors-post'].sort(byCatalog).join(', ')}`,
  ]);
});

test('the example cells behind each group: the first origin’s read and write, in the report’s browser and policy order, then the catalog’s', () => {
  const evil = origin('https://evil.test', 'cross-site');
  const lookalike = origin('https://evilexample.com', 'lookalike-suffix');
  const firefoxBlocked = { browser: 'firefox', cookiePolicy: 'third-party-blocked' } as const;
  const cells = [
    // Listed out of order: the report's first browser and policy come first, then the catalog's attacks.
    cell(lookalike.id, lookalike.relation, 'fetch-read-account', { read: true }, firefoxBlocked),
    cell(lookalike.id, lookalike.relation, 'form-post', { wrote: true }),
    cell(lookalike.id, lookalike.relation, 'fetch-post-form', { wrote: true }),
    cell(lookalike.id, lookalike.relation, 'fetch-read-account', { read: true }),
    cell(evil.id, evil.relation, 'form-post', { wrote: true }),
    cell(evil.id, evil.relation, 'fetch-post-form', { wrote: true }),
  ];
  const groups = reasonGroups(
    {
      ...report([origin('https://www.example.com', 'trusted'), evil, lookalike], cells),
      browsers: [
        { name: 'chromium', cookiePolicy: 'third-party-allowed' },
        { name: 'firefox', cookiePolicy: 'third-party-blocked' },
      ],
    },
    () => 'why',
  );
  const shown = groups.map((g) => ({
    origins: g.origins.map((o) => o.id),
    read: g.read && [g.read.origin, g.read.attack, g.read.browser],
    write: g.write && [g.write.origin, g.write.attack, g.write.browser],
  }));
  expect(shown).toEqual([
    { origins: [evil.id], read: undefined, write: [evil.id, 'fetch-post-form', 'chromium'] },
    { origins: [lookalike.id], read: [lookalike.id, 'fetch-read-account', 'chromium'], write: [lookalike.id, 'fetch-post-form', 'chromium'] },
  ]);
  // Every example is one of the report's own cells, not a copy.
  for (const g of groups) for (const example of [g.read, g.write]) if (example) expect(cells).toContain(example);
});

// An API on loopback (the hand-built report of cli/hand-built-report.ts): each public page is judged with the Local Network Access permission denied and granted.
const localReport = (): ReportText => {
  const built = handBuiltLocalReport();
  return {
    ...built,
    browsers: (['chromium', 'firefox'] as const).flatMap((name) =>
      (['third-party-blocked', 'third-party-allowed'] as const).map((cookiePolicy) => ({ name, cookiePolicy })),
    ),
    notes: [],
    exploitable: true,
  };
};

test('the grid of an API on loopback: a column for the state, a row per public origin and state, one row with no state for the dev server on loopback', () => {
  expect(verdictGrid(localReport()).map((line) => line.trimEnd())).toEqual([
    'origin                  relation          local network access  chromium 3p-blocked   chromium 3p-allowed   firefox 3p-blocked    firefox 3p-allowed',
    'http://localhost:5173   trusted                                 READ/WRITE            READ/WRITE            READ/WRITE            READ/WRITE',
    'https://evil.test       cross-site        denied                -/WRITE               -/WRITE               -/WRITE               -/WRITE',
    'https://evil.test       cross-site        granted               -/WRITE               READ/WRITE            -/WRITE               READ/WRITE',
    'null@https://evil.test  null              denied                -/-                   -/-                   -/-                   -/-',
    'null@https://evil.test  null              granted               -/-                   -/-                   -/-                   -/-',
  ]);
  // No state anywhere: no such column (the origins' column is as wide as https://compromised.example.com and two spaces).
  expect(verdictGrid({ ...localReport(), ...handBuiltReport() })[0]!.trimEnd()).toBe(
    'origin                           relation          chromium 3p-blocked   chromium 3p-allowed   firefox 3p-blocked    firefox 3p-allowed',
  );
});

test('the reasons name the state of each example, taken from the most restrictive state that read or wrote', () => {
  expect(reasons(localReport(), () => 'why')).toEqual([
    '',
    'https://evil.test (cross-site): What goes wrong with https://evil.test.',
    '  READ, e.g. fetch-read-account in chromium (third-party-allowed, local network access granted):',
    '    - fetch-read-account from https://evil.test: the step that decides it. [Fetch §4.9, CORS check]',
    '  WRITE, e.g. form-post in chromium (third-party-blocked, local network access denied): why',
    '    writes that went through: form-post',
  ]);
});

test('a cell that disagreed, and the HTML’s cells, say the state', () => {
  const report = localReport();
  const granted = report.cells.find((c) => c.origin === 'https://evil.test' && c.localNetworkAccess === 'granted' && c.attack === 'fetch-put')!;
  const differs = { ...granted, agree: false, predicted: { ...granted.predicted, responseReadable: true }, differingFields: ['responseReadable' as const] };
  expect(disagreement(differs)).toBe(
    'chromium third-party-blocked (local network access granted) https://evil.test × fetch-put: responseReadable: observed false, predicted true',
  );
  const html = reportHtml('t', 's', report.cells, { wrote: 'w', arrived: 'a' }, { cellsHeading: 'Every cell' });
  expect(html).toContain('<th>cookie policy</th><th>local network access</th><th>attack</th>');
  expect(html).toContain(
    '<td>https://evil.test</td><td>cross-site</td><td>firefox</td><td>third-party-allowed</td><td>granted</td><td>fetch-read-account</td>',
  );
  expect(html).toContain('<td>http://localhost:5173</td><td>trusted</td><td>chromium</td><td>third-party-blocked</td><td></td><td>fetch-read-account</td>');
  // No state anywhere: no such column.
  expect(reportHtml('t', 's', handBuiltReport().cells, { wrote: 'w', arrived: 'a' }, { cellsHeading: 'Every cell' })).not.toContain('local network access');
});
