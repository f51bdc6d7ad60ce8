// Settings from the environment and, when asked, a .env file, checked against one schema
// with defaults (see .env.example) by env-schema. Read only by the entry points
// (bank-server/server.ts, attacker-site/server.ts, scripts/start-lab.ts), never at import time.
// The ports are not settings: they are part of the origins the catalog's configurations
// trust (catalog/hosts.ts), so moving them would change the lesson. Nor is the site plan:
// the catalog reads LAB_SITE_PLAN from the environment itself (catalog/active-site-plan.ts).
import envSchema from 'env-schema';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseEnv } from 'node:util';
import { Type, type Static } from 'typebox';
import { DEFAULT_CONFIGURATION_ID, LOOPBACK_ADDRESS, SITE_PLAN_SETTING, bankLoopbackUrl } from '../catalog/index.js';

export const Settings = Type.Object({
  /** Address to bind. Loopback unless LAB_ALLOW_NETWORK says otherwise. */
  LAB_BIND: Type.String({ minLength: 1, default: LOOPBACK_ADDRESS }),
  /** Must be "yes" to bind anything but loopback: this bank is vulnerable on purpose. */
  LAB_ALLOW_NETWORK: Type.Enum(['yes', 'no'], { default: 'no' }),
  /** Signs the session cookies. Random at every start when unset. */
  COOKIE_SECRET: Type.Optional(Type.String({ minLength: 32 })),
  /** The configuration the unprefixed routes start with. */
  LAB_CONFIG: Type.String({ minLength: 1, default: DEFAULT_CONFIGURATION_ID }),
  /** Where the attacker site's narrator reaches the bank's lab control, server to server. */
  BANK_INTERNAL_URL: Type.String({ minLength: 1, default: bankLoopbackUrl }),
  /**
   * When the lab is shared (LAB_BIND off loopback), other machines need this token to switch,
   * reset or add accounts. Random at every start when unset, and printed once.
   */
  LAB_TRAINER_TOKEN: Type.Optional(Type.String({ minLength: 16, maxLength: 200, pattern: '^[\\x21-\\x7e]+$' })),
  LOG_LEVEL: Type.Enum(['fatal', 'error', 'warn', 'info', 'debug'], { default: 'info' }),
});

export type Settings = Static<typeof Settings>;

/**
 * Set to "no" in the environment to read no .env file: the servers the tests start
 * (playwright.config.ts) get every setting explicitly and must not depend on a developer's
 * local .env. Not a setting itself: it says where the settings come from.
 */
export const DOTENV_SWITCH = 'LAB_DOTENV';

/** The .env file the start path reads: `.env` in `cwd` (npm runs scripts in the package root), unless LAB_DOTENV=no. */
export function envFileFor(env: NodeJS.ProcessEnv, cwd = process.cwd()): string | null {
  return env[DOTENV_SWITCH] === 'no' ? null : resolve(cwd, '.env');
}

export interface SettingsSources {
  /** A .env file under the environment (env-schema's `dotenv` option; a missing file is no error), or null. */
  envFile?: string | null;
  /** Defaults in place of the schema's, for one caller (npm start's quieter logs). */
  defaults?: Partial<Settings>;
}

// `::ffff:127.…` is how a dual-stack socket shows an IPv4 loopback peer (RFC 4291 §2.5.5.2).
const LOOPBACK = /^((::ffff:)?127\.\d+\.\d+\.\d+|::1|localhost)$/;

/** Only the schema's names, and an empty value means unset (compose passes `COOKIE_SECRET=` for "none"). */
function known(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(Object.keys(Settings.properties).flatMap((k) => (env[k] ? [[k, env[k]!]] : [])));
}

/** The schema with some defaults replaced; a copy, since env-schema sets additionalProperties on the schema it gets. */
function schemaWith(defaults: Partial<Settings>) {
  const properties: Record<string, object> = { ...Settings.properties };
  for (const [name, value] of Object.entries(defaults)) properties[name] = { ...properties[name], default: value };
  return { ...Settings, properties };
}

/**
 * The settings: the .env file (if any) first, the environment over it, defaults for the
 * rest. Throws one readable message listing every invalid value, and refuses a LAB_BIND off
 * loopback unless LAB_ALLOW_NETWORK=yes, and a .env that names the site plan.
 */
export function readSettings(env: NodeJS.ProcessEnv, { envFile = null, defaults = {} }: SettingsSources = {}): Settings {
  if (envFile !== null && existsSync(envFile) && SITE_PLAN_SETTING in parseEnv(readFileSync(envFile, 'utf8'))) {
    // The catalog has read the plan from the environment before any .env is opened, in every
    // process of the lab: a plan in the file would leave the tests and the engine on another one.
    throw new Error(`${SITE_PLAN_SETTING} is read from the environment only, never from ${envFile}: export it instead.`);
  }
  let settings: Settings;
  try {
    settings = envSchema<Settings>({
      schema: schemaWith(defaults),
      data: known(env),
      // The environment comes in through `data`, filtered; not process.env as a whole.
      env: false,
      dotenv: envFile === null ? false : { path: envFile },
    });
  } catch (err) {
    const errors = (err as { errors?: { instancePath: string; message?: string; params?: { allowedValues?: unknown[] } }[] }).errors;
    if (!errors) throw err;
    const lines = errors.map((e) => {
      const allowed = e.params?.allowedValues ? ` (${e.params.allowedValues.join(', ')})` : '';
      return `  ${e.instancePath.slice(1) || '(settings)'}: ${e.message}${allowed}`;
    });
    const from = envFile === null ? 'the environment' : `the environment or ${envFile}`;
    throw new Error(`invalid settings in ${from}:\n${lines.join('\n')}`);
  }
  if (!LOOPBACK.test(settings.LAB_BIND) && settings.LAB_ALLOW_NETWORK !== 'yes') {
    throw new Error(
      `LAB_BIND=${settings.LAB_BIND} would expose a deliberately vulnerable bank to the network. ` +
        'Set LAB_ALLOW_NETWORK=yes if that is really what you want.',
    );
  }
  return settings;
}

/**
 * Every setting as an environment variable, to hand them all to a server explicitly: an
 * unset one as empty, which reads as unset and hides any value the caller's shell exported.
 */
export function settingsAsEnv(settings: Settings): Record<string, string> {
  return Object.fromEntries(Object.keys(Settings.properties).map((k) => [k, String(settings[k as keyof Settings] ?? '')]));
}

/**
 * `npm start` (scripts/start-lab.ts): the settings read once, from `.env` in `cwd` unless
 * LAB_DOTENV=no, the environment over it, and quieter logs by default; returned as the
 * environment both servers start with, every setting explicit and no second .env read.
 */
export function startEnvironment(env: NodeJS.ProcessEnv, cwd = process.cwd()): Record<string, string> {
  const settings = readSettings(env, { envFile: envFileFor(env, cwd), defaults: { LOG_LEVEL: 'warn' } });
  return { ...settingsAsEnv(settings), [DOTENV_SWITCH]: 'no' };
}

/** For the entry points: the settings, or the reason they are invalid on stderr and exit code 1. */
export function settingsOrExit<T>(read: () => T): T {
  try {
    return read();
  } catch (err) {
    console.error(`[cors-lab] ${(err as Error).message}`);
    process.exit(1);
  }
}

export function isLoopback(address: string): boolean {
  return LOOPBACK.test(address);
}

/**
 * The trainer token lab control requires from other machines, or undefined on loopback,
 * where nobody else can reach the bank. `random` makes one when LAB_TRAINER_TOKEN is unset.
 */
export function trainerTokenFor(settings: Settings, random: () => string): string | undefined {
  if (isLoopback(settings.LAB_BIND)) return undefined;
  return settings.LAB_TRAINER_TOKEN ?? random();
}
