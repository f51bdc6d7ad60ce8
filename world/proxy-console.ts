// What mockttp writes to the console that says nothing to a user of the lab, kept out of their
// terminal and CI log while a world runs:
// - "Failed to handle request: aborted" (or "socket hang up", "read ECONNRESET"): the browser
//   went away mid-request, as it does when a navigation replaces another or a tab closes. What
//   the server received is read from its own records, never from these lines.
// - "Passthrough callback set the URL and the host header …": `probe` keeps the API's Host
//   while connecting to the user's upstream on purpose, and mockttp warns on every request.
// Everything else mockttp prints still reaches the console.

const NOISE: readonly ((args: readonly unknown[]) => boolean)[] = [
  (args) => args[0] === 'Failed to handle request:' && /^(aborted|socket hang up|read ECONNRESET)$/.test(String(args[1])),
  (args) => typeof args[0] === 'string' && args[0].startsWith('Passthrough callback set the URL and the host header'),
];

let worlds = 0;
/** The console's own writers while a world runs, restored when the last one stops. */
let original = { error: console.error, warn: console.warn };

const filtered =
  (write: (...args: unknown[]) => void) =>
  (...args: unknown[]) => {
    if (!NOISE.some((noise) => noise(args))) write(...args);
  };

/** Keeps mockttp's noise out of the console until the returned function is called (worlds may overlap). */
export function quietProxyConsole(): () => void {
  if (worlds++ === 0) {
    original = { error: console.error, warn: console.warn };
    console.error = filtered(original.error);
    console.warn = filtered(original.warn);
  }
  let done = false;
  return () => {
    if (done) return;
    done = true;
    if (--worlds === 0) {
      console.error = original.error;
      console.warn = original.warn;
    }
  };
}
