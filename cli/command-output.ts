// What every cors-lab command shares: where it prints, and how bad input ends it (one line
// on stderr, exit 2, before anything starts).
import { InputError } from './check-input.js';

export interface CommandOutput {
  log: (line: string) => void;
  error: (line: string) => void;
}

/** The parsed input, or null after printing `cors-lab <command>: <what is wrong>`; other errors propagate. */
export async function parsedOrReported<T>(command: string, parse: () => T | Promise<T>, out: CommandOutput): Promise<T | null> {
  try {
    return await parse();
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    out.error(`cors-lab ${command}: ${error.message}`);
    return null;
  }
}
