// cors-lab: check your own CORS setup in real browsers. Reading this file tells what the
// tool does: each command parses its input and calls the engine and the report.
// A command's modules load only when it runs: `cors-lab --help` needs none of the engine.
import { EXIT, type CommandOutput } from './command-core.js';

const usage = `Usage: cors-lab <command> [options]

Commands:
  check    run your @fastify/cors options in Chromium and Firefox against attacker origins
           derived from your host names (cors-lab check --help)
  probe    aim the same attacks at your running API, logged in as a real user
           (cors-lab probe --help)
  serve    start the bank check builds from your options, on its own (cors-lab serve --help)
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
if (command === 'check') code = await (await import('./check-command.js')).checkCommand(rest, out);
else if (command === 'probe') code = await (await import('./probe-command.js')).probeCommand(rest, out);
else if (command === 'serve') code = await (await import('./serve-command.js')).serveCommand(rest, out);
else if (command === undefined || command === '--help' || command === '-h') {
  console.log(usage);
  code = command === undefined ? EXIT.badInput : EXIT.safe;
} else {
  console.error(`cors-lab: unknown command "${command}"; the commands are: check, probe, serve`);
  code = EXIT.badInput;
}
// serve keeps running until stopped; every other command exits with its code.
if (code !== null) process.exit(code);
