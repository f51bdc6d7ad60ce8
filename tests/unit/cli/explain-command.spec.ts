// `cors-lab explain`: its input (every id checked, a typo guessed, --cookie-age only with
// --predicted) and its predicted output for one cell, through the command function; no browser
// runs here (the observed cells are tests/check/explain-observed.spec.ts).
import { expect, test } from '@playwright/test';
import { EXIT } from '../../../cli/command-core.js';
import { explainCommand, parseExplainArgs } from '../../../cli/explain-command.js';

const CELL = ['--config', 'allowlist', '--origin', 'attacker', '--attack', 'fetch-put', '--browser', 'firefox', '--policy', 'third-party-blocked'];

async function explain(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await explainCommand(argv, { log: (s) => out.push(...s.split('\n')), error: (s) => err.push(s) });
  return { code, out, err };
}

test('explain --predicted prints, first, that this is the rules’ prediction with no browser run, then the sequence, and exits 0', async () => {
  const run = await explain([...CELL, '--predicted']);
  expect(run.err).toEqual([]);
  expect(run.code).toBe(EXIT.safe);
  expect(run.out[0]).toBe("cors-lab explain: the rules' prediction, no browser run — allowlist × attacker × fetch-put in firefox, third-party cookies blocked");
  expect(run.out).toContain(' 2. browser → bank: preflight OPTIONS /transfer (asks for PUT) [predicted]');
  expect(run.out).toContain(' 4. browser → bank: PUT /transfer: never sent [predicted]');
});

test('explain --predicted --mermaid prints Mermaid sequenceDiagram source', async () => {
  const run = await explain([...CELL, '--predicted', '--mermaid']);
  expect(run.code).toBe(EXIT.safe);
  expect(run.out[0]).toBe('sequenceDiagram');
  expect(run.out).toContain('  participant page as page: http://attacker.localhost:4100');
});

const bad: { argv: string[]; message: string }[] = [
  { argv: [...CELL, '--cookie-age', '30'], message: 'cors-lab explain: --cookie-age goes with --predicted: observed, the victim has just logged in' },
  { argv: [...CELL.slice(2), '--predicted'], message: 'cors-lab explain: missing --config: one of ' },
  { argv: [...CELL.map((a) => (a === 'allowlist' ? 'alowlist' : a)), '--predicted'], message: 'cors-lab explain: --config "alowlist" is not one of ' },
  { argv: [...CELL.map((a) => (a === 'fetch-put' ? 'fetch-putt' : a)), '--predicted'], message: '(did you mean fetch-put?)' },
  {
    argv: [...CELL.map((a) => (a === 'firefox' ? 'webkit' : a)), '--predicted'],
    message: 'cors-lab explain: --browser "webkit" is not one of chromium, firefox',
  },
  { argv: [...CELL, '--predicted', '--origin', 'partner'], message: 'cors-lab explain: --origin is given more than once' },
  { argv: [...CELL, '--predicted', '--cookie-age', 'soon'], message: 'cors-lab explain: --cookie-age "soon" is not a whole number of seconds' },
  { argv: [...CELL, '--predictd'], message: 'cors-lab explain: unknown flag --predictd (did you mean --predicted?)' },
  {
    argv: [...CELL, '--predicted', '--svg', 'no-such-folder/cell.svg'],
    message: 'cors-lab explain: --svg no-such-folder/cell.svg: the folder no-such-folder does not exist',
  },
];

for (const { argv, message } of bad) {
  test(`explain ${argv.slice(-2).join(' ')}: one line on stderr (${message.slice(0, 60)}…), exit 2`, async () => {
    const run = await explain(argv);
    expect(run.code).toBe(EXIT.badInput);
    expect(run.out).toEqual([]);
    expect(run.err).toHaveLength(1);
    expect(run.err[0]).toContain(message);
  });
}

test('explain --svg <file> names the file to draw into; without it nothing is drawn', () => {
  expect(parseExplainArgs([...CELL, '--predicted', '--svg', 'cell.svg']).svg).toBe('cell.svg');
  expect(parseExplainArgs([...CELL, '--predicted']).svg).toBeUndefined();
});

test('A typo in an id is guessed: --config alowlist names allowlist', () => {
  expect(() => parseExplainArgs([...CELL.map((a) => (a === 'allowlist' ? 'alowlist' : a)), '--predicted'])).toThrow(/\(did you mean allowlist\?\)/);
});

// A cell of the user's own setup, as `cors-lab check` runs it. Expected from the rules, by hand:
// /example\.com$/ (regex-unanchored.mjs) trusts evilexample.com, an exact allowlist doesn't; in
// Firefox with third-party cookies allowed the SameSite=None session rides on the credentialed
// fetch, so the first hands the victim's account to the script and the second withholds it.
const SETUP = [
  '--api',
  'https://api.example.com',
  '--trusted',
  'https://www.example.com',
  '--origin',
  'https://evilexample.com',
  '--attack',
  'fetch-read-account',
];
const FIREFOX_3P = ['--browser', 'firefox', '--policy', 'third-party-allowed', '--predicted'];

test('explain on a check setup: the unanchored regex lets the look-alike read, the exact allowlist does not', async () => {
  const unanchored = await explain([...SETUP, '--cors', 'examples/regex-unanchored.mjs', ...FIREFOX_3P]);
  expect(unanchored.err).toEqual([]);
  expect(unanchored.code).toBe(EXIT.safe);
  expect(unanchored.out[0]).toBe(
    "cors-lab explain: the rules' prediction, no browser run — your options (examples/regex-unanchored.mjs) × https://evilexample.com × fetch-read-account in firefox, third-party cookies allowed against https://api.example.com",
  );
  expect(unanchored.out).toContain('lanes: page https://evilexample.com · browser firefox · bank https://api.example.com');
  expect(unanchored.out).toContain('      cookie bank_session_none: rode along [predicted]');
  expect(unanchored.out).toContain(' 5. browser → page: the answer is handed to the script [predicted]');
  const allowlist = await explain([...SETUP, '--cors', 'examples/allowlist.mjs', ...FIREFOX_3P]);
  expect(allowlist.code).toBe(EXIT.safe);
  expect(allowlist.out).toContain('      cookie bank_session_none: rode along [predicted]');
  expect(allowlist.out).not.toContain(' 5. browser → page: the answer is handed to the script [predicted]');
});

for (const { argv, message } of [
  {
    argv: [...SETUP.map((a) => (a === 'https://evilexample.com' ? 'https://evil.example' : a)), '--cors', 'examples/allowlist.mjs', ...FIREFOX_3P],
    message: 'cors-lab explain: --origin "https://evil.example" is not an origin check derives here',
  },
  {
    argv: [...SETUP.map((a) => (a === 'fetch-read-account' ? 'websocket-read' : a)), '--cors', 'examples/allowlist.mjs', ...FIREFOX_3P],
    message: 'cors-lab explain: --attack websocket-read: your app has no WebSocket here',
  },
  { argv: [...SETUP, '--cors', 'examples/allowlist.mjs', '--config', 'allowlist', ...FIREFOX_3P], message: 'cors-lab explain: give --config' },
  { argv: [...SETUP, '--cors', 'examples/no-such.mjs', ...FIREFOX_3P], message: 'cors-lab explain: --cors examples/no-such.mjs: no such file' },
]) {
  test(`explain on a check setup, bad input: ${message.slice('cors-lab explain: '.length)}`, async () => {
    const run = await explain(argv);
    expect(run.code).toBe(EXIT.badInput);
    expect(run.out).toEqual([]);
    expect(run.err).toHaveLength(1);
    expect(run.err[0]).toContain(message);
  });
}
