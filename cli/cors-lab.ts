// cors-lab: check your own CORS setup in real browsers. Reading this file tells what the
// tool does: each command parses its input and calls the engine and the report.
import { checkCommand, EXIT } from './check-command.js';

const usage = `Usage: cors-lab <command> [options]

Commands:
  check    run your @fastify/cors options in Chromium and Firefox against attacker origins
           derived from your host names (cors-lab check --help)
`;

const [command, ...rest] = process.argv.slice(2);
const out = { log: (s: string) => console.log(s), error: (s: string) => console.error(s) };
let code: number;
if (command === 'check') code = await checkCommand(rest, out);
else if (command === undefined || command === '--help' || command === '-h') {
  console.log(usage);
  code = command === undefined ? EXIT.badInput : EXIT.safe;
} else {
  console.error(`cors-lab: unknown command "${command}"; the commands are: check`);
  code = EXIT.badInput;
}
process.exit(code);
