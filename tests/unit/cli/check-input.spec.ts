// `cors-lab check`'s input: each bad input is one InputError with a one-line message that says
// what is wrong (exit code 2); good inputs, the examples among them, parse.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { configurationOf } from '../../../cli/check-command.js';
import { checkUsage, loadCorsOptions, parseCheckArgs } from '../../../cli/check-input.js';
import { InputError, nearest, wantsHelp } from '../../../cli/command-core.js';

const FIXTURES = 'tests/fixtures/check';
const API = ['--api', 'https://api.example.com'];
const ALLOWLIST = ['--cors', 'examples/allowlist.mjs'];

/** Writes `content` to a file of this test's own output folder and returns its path. */
function fixture(name: string, content: string): string {
  const path = test.info().outputPath(name);
  writeFileSync(path, content);
  return path;
}

async function inputError(run: Promise<unknown>): Promise<string> {
  const error = await run.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InputError);
  const { message } = error as InputError;
  expect(message, 'one line').not.toContain('\n');
  return message;
}

// Flags and URLs: nothing is loaded for these.
const flagErrors: { title: string; argv: string[]; message: RegExp }[] = [
  { title: 'no arguments ask for --api', argv: [], message: /^missing --api: .*e\.g\. --api https:\/\/api\.example\.com$/ },
  { title: 'no --cors is named as missing', argv: [...API], message: /^missing --cors: a file whose default export is your @fastify\/cors options/ },
  { title: 'an --api that is not a URL', argv: ['--api', 'api.example.com', ...ALLOWLIST], message: /^--api "api\.example\.com" is not a URL/ },
  {
    title: 'an --api that is not http or https',
    argv: ['--api', 'ftp://api.example.com', ...ALLOWLIST],
    message: /^--api "ftp:\/\/api\.example\.com" is not http or https/,
  },
  {
    title: 'a --trusted origin with a path says which origin to write instead',
    argv: [...API, '--trusted', 'https://www.example.com/app', ...ALLOWLIST],
    message: /^--trusted "https:\/\/www\.example\.com\/app" has more than an origin .*: write only https:\/\/www\.example\.com$/,
  },
  { title: 'an --api with a query string', argv: ['--api', 'https://api.example.com/?v=1', ...ALLOWLIST], message: /^--api ".*" has more than an origin/ },
  { title: 'an --api with a user name', argv: ['--api', 'https://me@api.example.com', ...ALLOWLIST], message: /^--api ".*" has more than an origin/ },
  { title: 'an --api given twice', argv: [...API, ...API, ...ALLOWLIST], message: /^--api is given more than once$/ },
  {
    title: 'an unknown flag suggests the nearest one',
    argv: [...API, '--trust', 'https://www.example.com', ...ALLOWLIST],
    message: /^unknown flag --trust \(did you mean --trusted\?\)/,
  },
  {
    title: 'an unknown flag far from every known one gets no guess',
    argv: [...API, '--verbose-output', ...ALLOWLIST],
    message: /^unknown flag --verbose-output; see cors-lab check --help$/,
  },
  { title: 'a flag without its value', argv: [...ALLOWLIST, '--api'], message: /^--api needs a value$/ },
  { title: 'a flag whose value is the next flag', argv: ['--api', '--cors', 'examples/allowlist.mjs'], message: /^--api needs a value$/ },
  {
    title: 'a switch given a value',
    argv: [...API, ...ALLOWLIST, '--dangerously-move-money-on-get=yes'],
    message: /^--dangerously-move-money-on-get is a switch and takes no value$/,
  },
  { title: 'a stray positional argument', argv: [...API, ...ALLOWLIST, 'chromium'], message: /^unexpected argument "chromium": every input is a flag/ },
  {
    title: 'an unknown --session-cookie',
    argv: [...API, ...ALLOWLIST, '--session-cookie', 'chips'],
    message: /^--session-cookie "chips" is not one of strict, lax, none, unset, partitioned/,
  },
  {
    title: 'an unknown --defense suggests the nearest',
    argv: [...API, ...ALLOWLIST, '--defense', 'csrf-tokens'],
    message: /^--defense "csrf-tokens" is not one of csrf-token, origin-check, fetch-metadata \(did you mean csrf-token\?\)$/,
  },
  { title: 'an unknown --accepts', argv: [...API, ...ALLOWLIST, '--accepts', 'xml'], message: /^--accepts "xml" is not one of json, form, text$/ },
  {
    title: 'a browser check does not drive',
    argv: [...API, ...ALLOWLIST, '--browser', 'webkit'],
    message: /^--browser "webkit" is not one of chromium, firefox$/,
  },
  {
    title: 'a --json file in a folder that does not exist',
    argv: [...API, ...ALLOWLIST, '--json', 'no-such-folder/report.json'],
    message: /^--json no-such-folder\/report\.json: the folder no-such-folder does not exist$/,
  },
  {
    title: 'a --sarif file in a folder that does not exist',
    argv: [...API, ...ALLOWLIST, '--sarif', 'no-such-folder/check.sarif'],
    message: /^--sarif no-such-folder\/check\.sarif: the folder no-such-folder does not exist$/,
  },
  { title: 'a --junit given twice', argv: [...API, ...ALLOWLIST, '--junit', 'a.xml', '--junit', 'b.xml'], message: /^--junit is given more than once$/ },
  { title: 'a missing --cors file', argv: [...API, '--cors', 'examples/no-such-file.mjs'], message: /^--cors examples\/no-such-file\.mjs: no such file$/ },
  {
    title: 'a --cors file of another kind',
    argv: [...API, '--cors', 'README.md'],
    message: /^--cors README\.md: expected a \.js, \.mjs, \.ts or \.json file, not \.md$/,
  },
];
for (const { title, argv, message } of flagErrors) {
  test(`bad input: ${title}`, async () => {
    expect(await inputError(parseCheckArgs(argv))).toMatch(message);
  });
}

// The --cors file: written into the test's output folder; `{file}` stands for its path.
const fileErrors: { title: string; name: string; content: string; message: string | RegExp }[] = [
  {
    title: 'a module with a syntax error names the file, the line and the error',
    name: 'syntax.mjs',
    content: "export default {\n  origin: ['https://www.example.com',\n}\n",
    // The wording after the line is the loader's (Node's, or Playwright's Babel in this test).
    message: /^--cors \{file\} could not be loaded: SyntaxError at line 3(:\d+)?: Unexpected token/,
  },
  {
    title: 'a TypeScript file with a syntax error names the line and column',
    name: 'syntax.ts',
    content: 'const maxAge: number = ;\nexport default { maxAge };\n',
    message: /^--cors \{file\} could not be loaded: SyntaxError at line 1:23: Unexpected/,
  },
  {
    title: 'a module that throws while loading',
    name: 'throws.mjs',
    content: "throw new Error('CORS_ORIGINS is not set');\n",
    message: '--cors {file} could not be loaded: Error: CORS_ORIGINS is not set',
  },
  {
    title: 'a module without a default export',
    name: 'named.mjs',
    content: "export const corsOptions = { origin: 'https://www.example.com' };\n",
    message: '--cors {file} has no default export: write export default { origin: … } with your @fastify/cors options',
  },
  {
    title: 'a module that exports a function (the delegate form)',
    name: 'delegate.mjs',
    content: 'export default (req, cb) => cb(null, { origin: true });\n',
    message: /^--cors \{file\} exports a function: export the @fastify\/cors options object itself/,
  },
  {
    title: 'a module that exports an array',
    name: 'array.mjs',
    content: "export default ['https://www.example.com'];\n",
    message: "--cors {file} exports an array, not an options object such as { origin: ['https://www.example.com'] }",
  },
  {
    title: 'a module that exports a string',
    name: 'string.mjs',
    content: "export default 'https://www.example.com';\n",
    message: '--cors {file} exports a string ("https://www.example.com"), not an options object such as { origin: [\'https://www.example.com\'] }',
  },
  {
    title: 'unknown option names are all named, each with the nearest known one',
    name: 'typos.mjs',
    content: "export default { origin: true, credential: true, allowHeaders: ['X-Token'], allowedOrigins: ['https://a.example'] };\n",
    message: '{file}: unknown @fastify/cors options "credential" (did you mean credentials?), "allowHeaders" (did you mean allowedHeaders?), "allowedOrigins"',
  },
  {
    title: 'credentials must be a boolean, not the string "true"',
    name: 'credentials.mjs',
    content: "export default { origin: true, credentials: 'true' };\n",
    message: '{file}: credentials must be true or false, not a string ("true")',
  },
  {
    title: 'origin must not be a number',
    name: 'origin-number.mjs',
    content: 'export default { origin: 42 };\n',
    message: '{file}: origin must be true/false, a string, a RegExp, a function, or an array of strings and RegExps, not a number (42)',
  },
  {
    title: 'an origin array may hold only strings and RegExps',
    name: 'origin-array.mjs',
    content: "export default { origin: ['https://www.example.com', null] };\n",
    message: /^\{file\}: origin must be true\/false, a string, a RegExp, a function, or an array of strings and RegExps, not an array$/,
  },
  {
    title: 'methods must be a string or an array of strings',
    name: 'methods.mjs',
    content: 'export default { origin: true, methods: { get: true } };\n',
    message: "{file}: methods must be a string such as 'GET,POST' or an array of strings, not an object",
  },
  {
    title: 'maxAge must be a whole number of seconds',
    name: 'max-age.mjs',
    content: "export default { origin: true, maxAge: '600' };\n",
    message: '{file}: maxAge must be a whole number of seconds, not a string ("600")',
  },
  {
    title: 'hook must be one @fastify/cors accepts',
    name: 'hook.mjs',
    content: "export default { origin: true, hook: 'onSend' };\n",
    message: '{file}: hook must be one of onRequest, preParsing, preValidation, preHandler, preSerialization, not a string ("onSend")',
  },
  {
    title: 'a JSON file that does not parse',
    name: 'broken.json',
    content: '{ "origin": ["https://www.example.com",] }',
    message: /^--cors \{file\} is not valid JSON: .+/,
  },
  {
    title: 'a JSON regular expression that does not compile',
    name: 'bad-regex.json',
    content: '{ "origin": { "regex": "^https://(www\\\\.example\\\\.com$" } }',
    message:
      /^origin in \{file\}: \{ "regex": "\^https:\/\/\(www\\\\\.example\\\\\.com\$" \} is not a valid regular expression: Invalid regular expression: .*Unterminated group$/,
  },
  {
    title: 'a JSON regular expression with an unknown key',
    name: 'regex-key.json',
    content: '{ "origin": [{ "regex": "example\\\\.com$", "anchor": true }] }',
    message: 'origin in {file}: a regular expression is written { "regex": "…", "flags": "…" } with two strings, not "anchor"',
  },
  {
    title: 'a JSON file whose options are an array',
    name: 'array.json',
    content: '["https://www.example.com"]',
    message: "--cors {file} exports an array, not an options object such as { origin: ['https://www.example.com'] }",
  },
];
for (const { title, name, content, message } of fileErrors) {
  test(`bad --cors file: ${title}`, async () => {
    const file = fixture(name, content);
    const got = await inputError(parseCheckArgs([...API, '--cors', file]));
    if (typeof message === 'string') expect(got).toBe(message.replace('{file}', file));
    else expect(got).toMatch(new RegExp(message.source.replace('\\{file\\}', file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'))));
  });
}

test('a flag error is reported before the --cors module runs', async () => {
  const file = fixture('loud.mjs', "throw new Error('this module ran');\n");
  expect(await inputError(parseCheckArgs([...API, '--cors', file, '--browser', 'safari']))).toMatch(/^--browser "safari"/);
});

test('the allowlist example parses, with every default', async () => {
  const input = await parseCheckArgs([...API, '--trusted', 'https://www.example.com', ...ALLOWLIST]);
  expect(input).toEqual({
    api: new URL('https://api.example.com'),
    trusted: [new URL('https://www.example.com')],
    corsFile: resolve('examples/allowlist.mjs'),
    cors: { origin: ['https://www.example.com'], credentials: true, methods: ['GET', 'HEAD', 'POST', 'PUT', 'DELETE'] },
    sessionCookie: 'none',
    defenses: [],
    accepts: ['json', 'form', 'text'],
    serverFlaws: [],
    browsers: ['chromium', 'firefox'],
  });
});

test('the unanchored-regex example parses to the RegExp it wrote', async () => {
  const { cors } = await parseCheckArgs([...API, '--cors', 'examples/regex-unanchored.mjs']);
  expect(cors.origin).toBeInstanceOf(RegExp);
  expect(String(cors.origin)).toBe('/example\\.com$/');
  expect(cors).toMatchObject({ credentials: true, methods: ['GET', 'HEAD', 'POST', 'PUT', 'DELETE'] });
});

test('the reflect-any-origin example parses to origin: true with credentials', async () => {
  const { cors } = await parseCheckArgs([...API, '--cors', 'examples/reflect-any-origin.mjs']);
  expect(cors).toEqual({ origin: true, credentials: true, methods: ['GET', 'HEAD', 'POST', 'PUT', 'DELETE'] });
});

test('an origin callback is kept as it is and never called while loading', async () => {
  const cors = await loadCorsOptions(`${FIXTURES}/origin-callback.mjs`);
  expect(typeof cors.origin).toBe('function');
  expect((globalThis as { originCallbackCalls?: number }).originCallbackCalls).toBeUndefined();
});

test('a TypeScript options file loads through tsx', async () => {
  expect(await loadCorsOptions(`${FIXTURES}/typed-options.ts`)).toEqual({
    origin: ['https://www.example.com', 'https://partner.example'],
    credentials: true,
    allowedHeaders: 'Content-Type,X-CSRF-Token',
    maxAge: 600,
  });
});

test('a JSON file turns each { regex, flags } in an origin array into a RegExp', async () => {
  const cors = await loadCorsOptions(`${FIXTURES}/regex-origins.json`);
  expect(cors).toEqual({
    origin: [/^https:\/\/www\.example\.com$/, 'https://partner.example', /^https:\/\/[a-z]+\.example\.org$/i],
    credentials: true,
    methods: 'GET,HEAD,POST',
  });
});

test('a JSON file turns a lone { regex } origin into a RegExp without flags', async () => {
  const { origin } = await loadCorsOptions(`${FIXTURES}/regex-origin.json`);
  expect(origin).toEqual(/example\.com$/);
});

test('every switch and repeatable flag is read, repeats dropped', async () => {
  const input = await parseCheckArgs([
    '--api=http://localhost:3000',
    '--trusted',
    'http://localhost:5173',
    '--trusted',
    'https://partner.example:8443/',
    ...ALLOWLIST,
    '--session-cookie',
    'strict',
    '--defense',
    'origin-check',
    '--defense',
    'csrf-token',
    '--defense',
    'origin-check',
    '--accepts',
    'json',
    '--browser',
    'firefox',
    '--dangerously-move-money-on-get',
    '--dangerously-parse-text-plain-as-json',
    '--json',
    'test-results/check.json',
    '--html',
    'check.html',
    '--sarif',
    'check.sarif',
    '--junit',
    'test-results/check.xml',
  ]);
  expect(input).toMatchObject({
    api: new URL('http://localhost:3000'),
    trusted: [new URL('http://localhost:5173'), new URL('https://partner.example:8443')],
    sessionCookie: 'strict',
    defenses: ['origin-check', 'csrf-token'],
    accepts: ['json'],
    browsers: ['firefox'],
    serverFlaws: ['get-moves-money', 'text-plain-as-json'],
    json: 'test-results/check.json',
    html: 'check.html',
    sarif: 'check.sarif',
    junit: 'test-results/check.xml',
  });
});

test('--session-cookie partitioned takes the CHIPS cookie, and the check serves it as the session', async () => {
  const input = await parseCheckArgs([...API, ...ALLOWLIST, '--session-cookie', 'partitioned']);
  expect(input.sessionCookie).toBe('partitioned');
  expect(configurationOf(input).sessionCookie).toBe('partitioned');
});

test('--help and -h ask for the usage, which names every flag', () => {
  expect(wantsHelp(['--help'])).toBe(true);
  expect(wantsHelp([...API, '-h'])).toBe(true);
  expect(wantsHelp([...API, ...ALLOWLIST])).toBe(false);
  expect(wantsHelp(['--', '--help'])).toBe(false);
  for (const flag of [
    '--api',
    '--cors',
    '--trusted',
    '--session-cookie',
    '--defense',
    '--accepts',
    '--browser',
    '--json',
    '--html',
    '--sarif',
    '--junit',
    '--dangerously-move-money-on-get',
    '--dangerously-parse-text-plain-as-json',
    '--help',
  ]) {
    expect(checkUsage).toContain(flag);
  }
});

test('--help among good arguments is not bad input', async () => {
  await expect(parseCheckArgs([...API, ...ALLOWLIST, '--help'])).resolves.toMatchObject({ api: new URL('https://api.example.com') });
});

const typos: { name: string; known: string[]; guess: string | undefined }[] = [
  { name: 'exposeHeaders', known: ['exposedHeaders', 'allowedHeaders'], guess: 'exposedHeaders' },
  { name: 'Credentials', known: ['credentials', 'origin'], guess: 'credentials' },
  { name: 'allowedOrigins', known: ['allowedHeaders', 'origin'], guess: undefined },
];
for (const { name, known, guess } of typos) {
  test(`the nearest known name to ${name} is ${guess ?? 'none close enough'}`, () => {
    expect(nearest(name, known)).toBe(guess);
  });
}
