// cors-lab: check your own CORS setup in real browsers. Reading this file tells what the
// tool does: each command parses its input and calls the engine and the report.
import { checkCommand } from './check-command.js';
import { type CommandOutput, didYouMean, EXIT } from './command-core.js';
import { doctorCommand } from './doctor-command.js';
import { probeCommand } from './probe-command.js';
import { serveCommand } from './serve-command.js';

/** The commands, in the order the usage lists them: the usage and the unknown-command message both read this list. */
const commands: Record<string, { run: (argv: string[], out: CommandOutput) => Promise<number | null>; about: string[] }> = {
  check: {
    run: checkCommand,
    about: ['run your @fastify/cors options in Chromium and Firefox against attacker origins', 'derived from your host names (cors-lab check --help)'],
  },
  probe: { run: probeCommand, about: ['aim the same attacks at your running API, logged in as a real user', '(cors-lab probe --help)'] },
  serve: { run: serveCommand, about: ['start the bank check builds from your options, on its own (cors-lab serve --help)'] },
  doctor: {
    run: doctorCommand,
    about: ['which browsers this machine can run, their versions, and the command that gets', 'a usable one (cors-lab doctor --help)'],
  },
};
const names = Object.keys(commands);

const usage = `Usage: cors-lab <command> [options]

Commands:
${names.map((name) => `  ${name.padEnd(8)} ${commands[name]!.about.join(`\n${' '.repeat(11)}`)}`).join('\n')}
`;

const [command, ...rest] = process.argv.slice(2);
const out = { log: (s: string) => console.log(s), error: (s: string) => console.error(s) };
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
