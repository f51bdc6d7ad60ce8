// The Docker demo's stack, driven from Node for `npm run test:compose`: docker-compose.yml's
// `bank` and `attacker` services under a project name of their own, so a trainer's own
// `docker compose up` in this folder is never touched.
import { execFile, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { DEFAULT_CONFIGURATION_ID } from '../../catalog/index.js';

const run = promisify(execFile);

export const PROJECT = 'cors-lab-test';
/** The services `docker compose up` starts (the `tests` service sits behind its profile). */
export const SERVICES = ['bank', 'attacker'] as const;
export type Service = (typeof SERVICES)[number];

async function succeeds(command: string, args: string[]): Promise<boolean> {
  return run(command, args).then(
    () => true,
    () => false,
  );
}

/** `docker compose` (v2 plugin) where it exists, else Debian's `docker-compose` 1.29. */
const composeCommand: Promise<string[]> = succeeds('docker', ['compose', 'version']).then((v2) => (v2 ? ['docker', 'compose'] : ['docker-compose']));

const hasBuildx = succeeds('docker', ['buildx', 'version']);

/**
 * The stack's settings, explicit, so that neither the shell nor a `.env` beside
 * docker-compose.yml changes what is tested: the default configuration, a random cookie
 * secret, and request logs (info), which show that the browser tests reached the containers.
 * Passed through: the run's trainer token, LAB_TRAINER_TOKEN, which stack.setup.ts puts in the
 * environment before `up` (so the environment is read at each call), and NODE_IMAGE, the base
 * image to build on (`.ci/run` sets it on a machine without registry access).
 */
async function stackEnv(): Promise<NodeJS.ProcessEnv> {
  return {
    ...process.env,
    LAB_CONFIG: DEFAULT_CONFIGURATION_ID,
    COOKIE_SECRET: '',
    LOG_LEVEL: 'info',
    // Without the buildx plugin BuildKit builds fail; the classic builder builds this Dockerfile.
    ...((await hasBuildx) ? {} : { DOCKER_BUILDKIT: '0', COMPOSE_DOCKER_CLI_BUILD: '0' }),
  };
}

/** Runs `compose -p cors-lab-test …` and returns its standard output; throws with its output. */
export async function compose(...args: string[]): Promise<string> {
  const [command, ...prefix] = await composeCommand;
  try {
    const { stdout } = await run(command!, [...prefix, '-p', PROJECT, ...args], { env: await stackEnv(), maxBuffer: 64 * 1024 * 1024 });
    return stdout;
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    const tail = `${stdout}${stderr}`.trim().split('\n').slice(-40).join('\n');
    throw new Error(`compose ${args.join(' ')} failed:\n${tail}`);
  }
}

export async function docker(...args: string[]): Promise<string> {
  return (await run('docker', args, { maxBuffer: 64 * 1024 * 1024 })).stdout;
}

export async function containerOf(service: Service): Promise<string> {
  const id = (await compose('ps', '-q', service)).trim();
  if (!id) throw new Error(`compose ps lists no ${service} container: is the stack up?`);
  return id;
}

/** The parts of `docker inspect` these tests read. */
export interface ContainerState {
  Config: { Image: string; Labels: Record<string, string> };
  State: { Running: boolean; Health?: { Status: string } };
  HostConfig: { NetworkMode: string };
  NetworkSettings: { Ports: Record<string, { HostIp: string; HostPort: string }[] | null> };
}

export async function inspect(container: string): Promise<ContainerState> {
  return (JSON.parse(await docker('inspect', container)) as ContainerState[])[0]!;
}

export async function imageSize(image: string): Promise<number> {
  return Number((await docker('image', 'inspect', '--format', '{{.Size}}', image)).trim());
}

/**
 * Resolves once every service's healthcheck has reported `healthy`, from Docker's own
 * health events, not by polling. Call it before `up`: `--since` replays what happened in
 * between. Rejects as soon as a container turns unhealthy or dies, and after `timeoutMs`.
 */
export async function untilHealthy(sinceMs: number, timeoutMs: number): Promise<void> {
  const events = spawn(
    'docker',
    [
      'events',
      '--since',
      (sinceMs / 1000).toFixed(3),
      '--format',
      '{{json .}}',
      '--filter',
      'type=container',
      '--filter',
      `label=com.docker.compose.project=${PROJECT}`,
      '--filter',
      'event=health_status',
      '--filter',
      'event=die',
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const healthy = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  try {
    await new Promise<void>((resolve, reject) => {
      timer = setTimeout(
        () => reject(new Error(`not every service was healthy within ${timeoutMs / 1000} s; healthy: ${[...healthy].join(', ') || 'none'}`)),
        timeoutMs,
      );
      events.on('error', reject);
      events.on('exit', (code) => reject(new Error(`docker events stopped (exit code ${code})`)));
      createInterface({ input: events.stdout }).on('line', (line) => {
        const event = JSON.parse(line) as { Action: string; Actor: { Attributes: Record<string, string> } };
        const service = event.Actor.Attributes['com.docker.compose.service'] ?? '?';
        if (event.Action === 'health_status: healthy') healthy.add(service);
        else reject(new Error(`${service}: ${event.Action}`));
        if (SERVICES.every((s) => healthy.has(s))) resolve();
      });
    });
  } finally {
    clearTimeout(timer);
    events.kill();
  }
}
