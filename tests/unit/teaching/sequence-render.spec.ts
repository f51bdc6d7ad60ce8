// The sequence drawn (teaching/sequence-render.ts): the terminal lines and the Mermaid
// source say what the model holds — one preflight arrow exactly when a preflight was seen,
// the cookies the bank received, the script's read — and mark what is predicted or differs.
import { expect, test } from '@playwright/test';
import { mermaidText, sequenceMermaid, sequenceText } from '../../../teaching/sequence-render.js';
import { closeOracle, handBuilt, sequenceOfCell, type HandBuiltCell } from './hand-built-cells.js';

test.afterAll(closeOracle);

const preflightArrows = (mermaid: string) => mermaid.split('\n').filter((l) => /^ {2}browser->>bank: .*preflight/.test(l));
const mermaidCookies = (mermaid: string) => [...mermaid.matchAll(/cookie bank_session_(\w+): rode along/g)].map((m) => m[1]);
const verdictArrow = (mermaid: string) => mermaid.split('\n').find((l) => l.startsWith('  browser-->>page: '));

/**
 * Every line one of the basic statements this source uses, with no character Mermaid would
 * read as syntax inside text (entity codes such as `#59;` taken out first).
 */
function expectBasicMermaid(source: string) {
  const lines = source.replace(/#\d+;/g, '').split('\n');
  expect(lines[0]).toBe('sequenceDiagram');
  for (const line of lines.slice(1)) {
    expect(line).toMatch(
      /^ {2}(participant (page|browser|bank) as [^;#%<>]+|(page|browser|bank)-{1,2}>>(page|browser|bank): [^;#%<>]+|Note over (page|browser|bank)(,(page|browser|bank))?: [^;#%]+|rect rgb\(\d+, \d+, \d+\)|end)$/,
    );
  }
}

const observedCells = Object.entries(handBuilt) as [string, HandBuiltCell][];

for (const [name, cell] of observedCells) {
  test(`${name}: the Mermaid source has one preflight arrow iff the bank saw a preflight, the cookies it received, and the script's read`, async () => {
    const s = await sequenceOfCell(cell.key, cell.observed);
    const mermaid = sequenceMermaid(s);
    expectBasicMermaid(mermaid);
    expect(preflightArrows(mermaid)).toHaveLength(cell.observed.bank.preflight ? 1 : 0);
    expect(mermaidCookies(mermaid)).toEqual(cell.observed.bank.actual?.cookiesSent ?? []);
    const read = cell.observed.script.readable ? /handed to the script|every message goes to the script/ : /withheld|opaque|closes/;
    expect(verdictArrow(mermaid)).toMatch(read);
    // Each difference sits in a highlighted block, and only a difference does.
    expect(mermaid.includes('rect rgb(')).toBe(s.differs);
  });
}

test('The text of a refused preflight: numbered arrows between lanes, the headers asked and answered, the rule that refused', async () => {
  const s = await sequenceOfCell(handBuilt.refusedPut.key, handBuilt.refusedPut.observed);
  const text = sequenceText(s).split('\n');
  expect(text[0]).toBe('lanes: page http://attacker.localhost:4100 · browser firefox · bank http://bank.localhost:4000');
  expect(text.filter((l) => /^ ?\d+\. /.test(l))).toEqual([
    ' 1. page → browser: fetch PUT /transfer (mode: cors, credentials: include, Content-Type: application/json)',
    ' 2. browser → bank: preflight OPTIONS /transfer (asks for PUT)',
    ' 3. bank → browser: 204 to the preflight: it fails',
    ' 4. browser → bank: PUT /transfer: never sent',
    ' 5. browser → page: the answer is withheld from the script',
  ]);
  expect(text).toContain('      Access-Control-Request-Headers: content-type');
  expect(text).toContain('      Access-Control-Allow-Methods: GET, HEAD, POST, PUT, DELETE');
  expect(text).toContain('      no cookie goes anywhere: the request was never sent');
  expect(text.filter((l) => l.includes('why [predicted]: The preflight fails'))).toHaveLength(2);
});

test('The text marks each cookie as the bank received it, with the rules’ reason marked predicted', async () => {
  const s = await sequenceOfCell(handBuilt.formPostMovesMoney.key, handBuilt.formPostMovesMoney.observed);
  const text = sequenceText(s);
  expect(text).toContain(' 2. browser: no preflight\n');
  expect(text).toContain(' 4. bank → browser: 200, as the victim: moved money\n');
  const marks = [...text.matchAll(/cookie bank_session_(\w+): (rode along|stayed home)(.*)/g)].map((m) => `${m[1]} ${m[2]}${m[3]}`);
  expect(marks).toEqual(['strict stayed home', 'lax stayed home', 'none rode along', 'unset stayed home', 'partitioned rode along']);
  expect(text).toContain('        why [predicted]: SameSite=Lax: not sent on a top-level POST. (RFC 6265bis §5.8.3 (SameSite); enforced by the browser)');
});

test('A difference shows both values in the text and in a highlighted Mermaid block', async () => {
  const s = await sequenceOfCell(handBuilt.disagreeing.key, handBuilt.disagreeing.observed);
  const text = sequenceText(s);
  expect(text).toContain('cookie bank_session_none: stayed home [differs: observed stayed home, predicted rode along]');
  // Cookies by name: the SameSite=None variant's id would read as "no cookie".
  expect(text).toContain('browser → bank: GET /account [differs: observed cookies none; predicted cookies bank_session_none]');
  expect(text).toContain('browser → page: the answer is withheld from the script [differs: observed read withheld; predicted read handed over]');
  expect(text).toMatch(
    /bank → browser: 401, as a stranger: nothing done \[differs: observed status 401, victim false, did nothing; predicted status 200, victim true, did sent private data\]/,
  );
  const mermaid = sequenceMermaid(s);
  expectBasicMermaid(mermaid);
  const blocks = mermaid.match(/ {2}rect rgb\(255, 221, 221\)\n[\s\S]*? {2}end/g) ?? [];
  expect(blocks).toHaveLength(3); // the request's cookie, the answer, the read
  expect(blocks[2]).toContain('Note over browser,page: wrap:differs: observed read withheld#59; predicted read handed over');
});

test('A sequence with no observation marks every arrow predicted', async () => {
  const s = await sequenceOfCell(handBuilt.readAllowed.key);
  const arrows = sequenceText(s)
    .split('\n')
    .filter((l) => /^ ?\d+\. /.test(l));
  expect(arrows.length).toBeGreaterThan(0);
  for (const arrow of arrows) expect(arrow).toMatch(/ \[predicted\]$/);
  const mermaid = sequenceMermaid(s);
  expect(preflightArrows(mermaid)).toHaveLength(0);
  expect(mermaidCookies(mermaid)).toEqual(['none', 'unset']);
});

test('Only a note of prose asks Mermaid to wrap: each arrow, and each note of headers and cookies, keeps its lines', async () => {
  const mermaid = sequenceMermaid(await sequenceOfCell(handBuilt.refusedPut.key, handBuilt.refusedPut.observed));
  const wrapped = mermaid.split('\n').filter((l) => l.includes('wrap:'));
  expect(wrapped).toEqual([
    expect.stringMatching(/^ {2}Note over browser: wrap:The preflight fails: /),
    expect.stringMatching(/^ {2}Note over browser: wrap:The preflight fails: /),
  ]);
});

test('Mermaid text escapes what a sequenceDiagram reads as syntax', () => {
  expect(mermaidText('a;b #1 50% <img>\nnext')).toBe('a#59;b #35;1 50#37; #60;img#62;<br/>next');
});

test('Another server’s words: its lane’s name and what its deeds are called, in the text and the Mermaid source alike', async () => {
  const s = await sequenceOfCell(handBuilt.formPostMovesMoney.key, handBuilt.formPostMovesMoney.observed);
  const names = { bank: 'your API', deeds: { 'moved money': 'the write went through' } } as const;
  const text = sequenceText(s, names);
  expect(text.split('\n')[0]).toBe('lanes: page http://attacker.localhost:4100 · browser chromium · your API http://bank.localhost:4000');
  expect(text).toMatch(/^ {1}\d\. your API → browser: 200, as the victim: the write went through$/m);
  expect(text).not.toMatch(/moved money|\bbank →/);
  const mermaid = sequenceMermaid(s, names);
  expect(mermaid).toContain('  participant bank as your API: http://bank.localhost:4000');
  expect(mermaid).toContain('  bank-->>browser: 200, as the victim: the write went through');
});
