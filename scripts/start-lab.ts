// `npm start`: both servers side by side, every URL to open, and a clean stop on Ctrl-C.
import { spawn, type ChildProcess } from 'node:child_process';
import { ATTACKER_HOST, attackerHealthUrl, attackerOrigin, bankHealthUrl, bankOrigin, origins, runnerUrl } from '../catalog/index.js';
import { settingsOrExit, startEnvironment } from '../runtime/settings.js';

const servers = [
  { name: 'bank', entry: 'bank-server/server.ts', health: bankHealthUrl },
  { name: 'attacker', entry: 'attacker-site/server.ts', health: attackerHealthUrl },
];

// Read once, here: .env (if present) under the environment, checked before either server
// starts; both servers then get every setting explicitly.
const environment = settingsOrExit(() => startEnvironment(process.env));

const started = Date.now();
const children: ChildProcess[] = servers.map(({ name, entry }) => {
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, ...environment },
  });
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`[cors-lab] the ${name} server stopped (${signal ?? `exit code ${code}`}); stopping the lab.`);
      stop(1);
    }
  });
  return child;
});

let stopping = false;
function stop(code: number) {
  if (stopping) return;
  stopping = true;
  for (const child of children) child.kill('SIGTERM');
  Promise.all(children.map((c) => (c.exitCode !== null ? null : new Promise((done) => c.once('exit', done))))).then(() => process.exit(code));
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(url)).ok;
  } catch {
    return false;
  }
}

async function waitUntilReady(): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline && !stopping) {
    const ready = await Promise.all(servers.map((s) => answers(s.health)));
    if (ready.every(Boolean)) return;
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error('the servers did not answer within 30 s');
}

await waitUntilReady();
const attackerPages = origins
  .filter((o) => o.servedBy === 'attacker')
  // A public page is public only to a browser launched with the lab's override (engine/browsers/launch.ts).
  .map((o) => `    ${o.id.padEnd(17)} ${runnerUrl(o)}${o.addressSpace === 'public' ? '  (public only in the lab’s own browsers)' : ''}`)
  .join('\n');
console.log(`
CORS Lab is running (both servers answered after ${Date.now() - started} ms).

  The bank           ${bankOrigin}/          log in as alice / alice-loves-cats
  The bait page      ${attackerOrigin(ATTACKER_HOST)}/movies.html
  Attack runners, one per attacking origin:
    same-origin       ${bankOrigin}/lab/runner/
${attackerPages}

Press Ctrl-C to stop both servers.
`);
