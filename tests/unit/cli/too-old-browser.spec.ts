// check and probe with a Firefox older than the oldest verified (a stand-in that answers
// `--version` like Debian's Firefox ESR 140): the one line doctor gives, exit 3 (no verdict),
// no protocol error, and nothing started: no browser launched, no request sent.
import { createServer } from 'node:http';
import { expect, test } from '@playwright/test';
import { checkCommand } from '../../../cli/check-command.js';
import { EXIT } from '../../../cli/command-core.js';
import { probeCommand } from '../../../cli/probe-command.js';
import { OLD_FIREFOX_VERSION, standInBrowser, type StandIn } from '../../stand-in-browser.js';

let firefox: StandIn;
let saved: string | undefined;

// The commands read process.env, as they do for a user; each test file runs in its own worker process.
test.beforeEach(() => {
  firefox = standInBrowser('firefox', OLD_FIREFOX_VERSION);
  saved = process.env.LAB_FIREFOX_PATH;
  process.env.LAB_FIREFOX_PATH = firefox.path;
});

test.afterEach(() => {
  if (saved === undefined) delete process.env.LAB_FIREFOX_PATH;
  else process.env.LAB_FIREFOX_PATH = saved;
  firefox.remove();
});

const reason = () =>
  `Firefox ESR 140.12.0 at ${firefox.path} (LAB_FIREFOX_PATH) is older than the oldest this tool is verified with (153); run \`apt-get update && apt-get install firefox-esr\` (Debian), or \`npx playwright install firefox\``;

test('check --browser firefox with a too-old Firefox: the one-line reason, exit 3, no browser launched', async () => {
  const printed: string[] = [];
  const out = { log: (s: string) => printed.push(s), error: (s: string) => printed.push(s) };
  const code = await checkCommand(['--api', 'https://api.example.com', '--cors', 'examples/allowlist.mjs', '--browser', 'firefox'], out);
  expect(code).toBe(EXIT.noVerdict);
  expect(printed.at(-1)).toBe(`cors-lab check: no verdict, the run could not finish: ${reason()}`);
  expect(printed.join('\n')).not.toMatch(/Protocol error|unknown command/);
  expect(firefox.runs()).toBe(1);
});

test('probe --browser firefox with a too-old Firefox: the same line, exit 3, and not one request to the API', async () => {
  const requests: string[] = [];
  const api = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    res.end('{}');
  });
  await new Promise<void>((done) => api.listen(0, '127.0.0.1', done));
  const port = (api.address() as { port: number }).port;
  try {
    const printed: string[] = [];
    const out = { log: (s: string) => printed.push(s), error: (s: string) => printed.push(s) };
    const args = ['--api', `http://localhost:${port}`, '--read', 'GET /me', '--write', 'POST /transfer', '--login', 'POST /session', '--login-body', '{}'];
    const code = await probeCommand([...args, '--browser', 'firefox'], out);
    expect(code).toBe(EXIT.noVerdict);
    expect(printed).toEqual([`cors-lab probe: no verdict, the run could not finish: ${reason()}`]);
    expect(requests).toEqual([]);
    expect(firefox.runs()).toBe(1);
  } finally {
    await new Promise((done) => api.close(done));
  }
});
