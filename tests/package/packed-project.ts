// A user's project outside this repository, with cors-lab installed from the tarball `npm pack`
// makes, and no lock file: what a developer gets from `npm install cors-lab`. Made once per
// worker and shared by the package tests (it takes one pack and one install from the registry).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PackedProject {
  dir: string;
  tarball: string;
  /** `npm pack --json`'s account of the tarball: its size and files. */
  packed: { size: number; unpackedSize: number; entryCount: number; files: { path: string }[] };
}

const repo = process.cwd();
const npm = (args: string[], cwd: string) => execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 300_000 });

let made: PackedProject | undefined;

/** Packs this repository and installs the tarball, with the TypeScript and Node types a strict TS user would have, in a fresh directory. */
export function packedProject(): PackedProject {
  if (made) return made;
  const out = mkdtempSync(join(realpathSync(tmpdir()), 'cors-lab-pack-'));
  const [packed] = JSON.parse(npm(['pack', '--json', '--pack-destination', out], repo)) as (PackedProject['packed'] & { filename: string })[];
  const tarball = join(out, packed!.filename);
  const dir = join(out, 'user-project');
  mkdirSync(dir);
  npm(['init', '-y'], dir);
  npm(['pkg', 'set', 'type=module'], dir);
  if (existsSync(join(dir, 'package-lock.json'))) throw new Error('the project must start with no lock file');
  const versionOf = (name: string) =>
    (JSON.parse(execFileSync('node', ['-p', `JSON.stringify(require('${name}/package.json'))`], { cwd: repo, encoding: 'utf8' })) as { version: string })
      .version;
  npm(['install', '--no-audit', '--no-fund', tarball, `typescript@${versionOf('typescript')}`, `@types/node@${versionOf('@types/node')}`], dir);
  made = { dir, tarball, packed: packed! };
  return made;
}

/** Runs a command in the project, as a user would from its directory. */
export function inProject(project: PackedProject, command: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  return spawnSync(command, args, { cwd: project.dir, encoding: 'utf8', timeout: 600_000, env: { ...process.env, ...env } });
}

interface NpmTree {
  version?: string;
  dependencies?: Record<string, NpmTree>;
}

/** Every version of `name` npm installed in the project (from `npm ls --all`); empty when it left it out. */
export function resolvedVersions(project: PackedProject, name: string): string[] {
  const tree = JSON.parse(inProject(project, 'npm', ['ls', '--all', '--json']).stdout) as NpmTree;
  const found: string[] = [];
  const walk = (node: NpmTree) => {
    for (const [dep, child] of Object.entries(node.dependencies ?? {})) {
      if (dep === name && child.version) found.push(child.version);
      walk(child);
    }
  };
  walk(tree);
  return [...new Set(found)];
}
