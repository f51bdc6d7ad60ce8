// `cors-lab serve --cors <file>`: the bank `check` builds from your @fastify/cors options, on
// its own, listening, so that `cors-lab probe` (or a browser, or curl) can be aimed at it.
// It takes check's flags that describe the app (--cors, --session-cookie, --defense,
// --accepts, --trusted, --api, the dangerously-… flaws) plus --port.
import { randomBytes } from 'node:crypto';
import { buildBank } from '../bank-server/app.js';
import { seedUsers } from '../bank-server/store/accounts.js';
import { TRANSFER } from '../catalog/index.js';
import { configurationOf } from './check-command.js';
import { parseCheckArgs } from './check-input.js';
import { EXIT, InputError, type CommandOutput } from './command-core.js';

export const serveUsage = `Usage: cors-lab serve --cors <file> [--port 3000] [check's options that describe your app]

Starts the bank that \`cors-lab check\` builds from your @fastify/cors options, on its own,
on 127.0.0.1, with the lab's demo users. Aim \`cors-lab probe\` at it with --upstream.
Options: --port <n> (default 3000), and from check: --api, --trusted, --session-cookie,
--defense, --accepts, --dangerously-… (cors-lab check --help). Stop it with Ctrl-C.
`;

export interface ServedBank {
  url: string;
  /** The demo victim's login body, and the endpoints to probe. */
  login: { endpoint: string; body: string };
  read: string;
  write: { endpoint: string; body: string };
  close(): Promise<void>;
}

/** Parses serve's arguments (exit 2 on bad input) and starts the bank. */
export async function serveBank(argv: string[]): Promise<ServedBank> {
  const args = [...argv];
  let port = 3000;
  const at = args.indexOf('--port');
  if (at !== -1) {
    const text = args[at + 1] ?? '';
    if (!/^[0-9]{1,5}$/.test(text) || Number(text) > 65_535) throw new InputError(`--port "${text}" is not a port number (0 to 65535)`);
    port = Number(text);
    args.splice(at, 2);
  }
  // check needs --api (for an origin-check defense's own origin); the API's name defaults to where it listens.
  if (!args.includes('--api')) args.push('--api', `http://localhost:${port || 3000}`);
  const input = await parseCheckArgs(args);
  const bank = buildBank({ cookieSecret: randomBytes(32).toString('hex'), rootConfiguration: configurationOf(input) }, { logger: false });
  await bank.listen({ host: '127.0.0.1', port });
  const url = `http://127.0.0.1:${(bank.server.address() as { port: number }).port}`;
  const alice = seedUsers[0]!;
  return {
    url,
    login: { endpoint: 'POST /login', body: JSON.stringify({ username: alice.username, password: alice.password }) },
    read: 'GET /account',
    write: { endpoint: 'POST /transfer', body: JSON.stringify(TRANSFER) },
    close: () => bank.close(),
  };
}

export async function serveCommand(argv: string[], out: CommandOutput): Promise<number | null> {
  if (argv.includes('--help') || argv.includes('-h')) {
    out.log(serveUsage);
    return EXIT.safe;
  }
  let served: ServedBank;
  try {
    served = await serveBank(argv);
  } catch (error) {
    if (error instanceof InputError) {
      out.error(`cors-lab serve: ${error.message}`);
      return EXIT.badInput;
    }
    out.error(`cors-lab serve: could not start: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    return EXIT.noVerdict;
  }
  out.log(
    [
      `cors-lab serve: your options' bank listens on ${served.url}`,
      `  victim's login: ${served.login.endpoint} ${served.login.body}`,
      `  read: ${served.read}    write: ${served.write.endpoint} ${served.write.body}`,
      `  probe it: npx cors-lab probe --api https://api.example.com --upstream ${served.url} --trusted https://www.example.com \\`,
      `    --login '${served.login.endpoint}' --login-body '${served.login.body}' --read '${served.read}' --write '${served.write.endpoint}' --write-body '${served.write.body}'`,
    ].join('\n'),
  );
  const stop = () => void served.close().then(() => process.exit(EXIT.safe));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  // Keeps running until stopped.
  return null;
}
