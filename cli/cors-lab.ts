// cors-lab: check your own CORS setup in real browsers. Reading this file tells what the
// tool does: each command parses its input and calls the engine and the report.
// A command's modules load only when it runs: `cors-lab --help` needs none of the engine.
import { type CommandOutput, didYouMean, EXIT } from './command-core.js';

/** The commands, in the order the usage lists them: the usage and the unknown-command message both read this list. */
const commands: Record<string, { run: (argv: string[], out: CommandOutput) => Promise<number | null>; about: string[] }> = {
  check: {
    run: async (argv, out) => (await import('./check-command.js')).checkCommand(argv, out),
    about: ['run your @fastify/cors options in Chromium and Firefox against attacker origins', 'derived from your host names (cors-lab check --help)'],
  },
  probe: {
    run: async (argv, out) => (await import('./probe-command.js')).probeCommand(argv, out),
    about: ['aim the same attacks at your running API, logged in as a real user', '(cors-lab probe --help)'],
  },
  serve: {
    run: async (argv, out) => (await import('./serve-command.js')).serveCommand(argv, out),
    about: ['start the bank check builds from your options, on its own (cors-lab serve --help)'],
  },
  explain: {
    run: async (argv, out) => (await import('./explain-command.js')).explainCommand(argv, out),
    about: ['draw one cell of the lab as a sequence (page, browser, bank) from the rules,', 'with no browser (cors-lab explain --help)'],
  },
  doctor: {
    run: async (argv, out) => (await import('./doctor-command.js')).doctorCommand(argv, out),
    about: ['which browsers this machine can run, their versions, and the command that gets', 'a usable one (cors-lab doctor --help)'],
  },
};
const names = Object.keys(commands);

const usage = `Usage: cors-lab <command> [options]

Commands:
${names.map((name) => `  ${name.padEnd(8)} ${commands[name]!.about.join(`\n${' '.repeat(11)}`)}`).join('\n')}
`;

const [command, ...rest] = process.argv.slice(2);
// On a terminal, a status line moves while browsers run; every printed line replaces it.
let statusShown = false;
const clearStatus = () => {
  if (statusShown) process.stderr.write('\r\x1b[2K');
  statusShown = false;
};
const out: CommandOutput = {
  log: (s) => {
    clearStatus();
    console.log(s);
  },
  error: (s) => {
    clearStatus();
    console.error(s);
  },
  ...(process.stderr.isTTY && {
    status: (s) => {
      process.stderr.write(`\r\x1b[2K${s}`);
      statusShown = true;
    },
  }),
};
let code: number | null;
if (command !== undefined && Object.hasOwn(commands, command)) code = await commands[command]!.run(rest, out);
else if (command === undefined || command === '--help' || command === '-h') {
  console.log(usage);
  code = command === undefined ? EXIT.badInput : EXIT.safe;
} else {
  console.error(`cors-lab: unknown command "${command}"${didYouMean(command, names)}; the commands are: ${names.join(', ')}`);
  code = EXIT.badInput;
}
// serve keeps running until stopped; every other command exits with its code.
if (code !== null) process.exit(code);
