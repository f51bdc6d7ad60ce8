// `cors-lab serve --cors <file>`: the bank `check` builds from your @fastify/cors options, on
// its own, listening, so that `cors-lab probe` (or a browser, or curl) can be aimed at it.
// It takes check's flags that describe the app (--cors, --session-cookie, --defense,
// --accepts, --trusted, --api, the dangerously-… flaws) plus --port. The tests also serve
// several configurations side by side, under /c/<id> with one login, as check's engine does.
import { randomBytes } from 'node:crypto';
import { buildBank } from '../bank-server/app.js';
import { seedUsers } from '../bank-server/store/accounts.js';
import { configurationBase, TRANSFER, type LabConfiguration } from '../catalog/index.js';
import { configurationOf } from './check-command.js';
import { parseCheckArgs } from './check-input.js';
import { EXIT, InputError, type CommandOutput } from './command-core.js';

export const serveUsage = `Usage: cors-lab serve --cors <file> [--port 3000] [check's options that describe your app]

Starts the bank that \`cors-lab check\` builds from your @fastify/cors options, on its own,
on 127.0.0.1, with the lab's demo users. Aim \`cors-lab probe\` at it with --upstream.
Options: --port <n> (default 3000), and from check: --api, --trusted, --session-cookie,
--defense, --accepts, --dangerously-… (cors-lab check --help). Stop it with Ctrl-C.
`;

/** The endpoints to probe on one configuration of a served bank. */
export interface ServedEndpoints {
  read: string;
  write: { endpoint: string; body: string };
}

/** A listening bank: where, the demo victim's login (one session for every configuration), and each configuration's endpoints. */
export interface ServedConfigurations {
  url: string;
  login: { endpoint: string; body: string };
  /** Configuration `id`'s endpoints: at the root when the bank serves one configuration, under /c/<id> when it serves several. */
  endpoints(id: string): ServedEndpoints;
  close(): Promise<void>;
}

/** What `serve` starts: the bank of one configuration, at the root. */
export interface ServedBank extends Omit<ServedConfigurations, 'endpoints'>, ServedEndpoints {}

/**
 * Starts the bank of `configurations` on 127.0.0.1:`port` (0: any free port), with the lab's
 * demo users: one configuration at the root, exactly as the user's app would be; several side
 * by side under /c/<id>, each behind its own options, as check's engine serves them
 * (engine/check-run.ts). The login is the bank's own, at the root, and its session is good
 * for every configuration.
 */
export async function serveConfigurations(configurations: readonly LabConfiguration[], port: number): Promise<ServedConfigurations> {
  if (configurations.length === 0) throw new Error('no configuration to serve');
  const atRoot = configurations.length === 1 ? configurations[0] : undefined;
  const bank = buildBank(
    { cookieSecret: randomBytes(32).toString('hex'), ...(atRoot ? { rootConfiguration: atRoot } : { configurations }) },
    { logger: false },
  );
  await bank.listen({ host: '127.0.0.1', port });
  const alice = seedUsers[0]!;
  return {
    url: `http://127.0.0.1:${(bank.server.address() as { port: number }).port}`,
    login: { endpoint: 'POST /login', body: JSON.stringify({ username: alice.username, password: alice.password }) },
    endpoints: (id) => {
      if (!configurations.some((c) => c.id === id)) throw new Error(`the bank serves no configuration "${id}"`);
      const base = atRoot ? '' : configurationBase(id);
      return { read: `GET ${base}/account`, write: { endpoint: `POST ${base}/transfer`, body: JSON.stringify(TRANSFER) } };
    },
    close: () => bank.close(),
  };
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
  const configuration = configurationOf(await parseCheckArgs(args));
  const { endpoints, ...served } = await serveConfigurations([configuration], port);
  return { ...served, ...endpoints(configuration.id) };
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
