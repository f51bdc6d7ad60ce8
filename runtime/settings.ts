// Settings from the environment, checked against one schema with defaults (see
// .env.example). Read only by the server.ts entry points, never at import time.
// The ports are not settings: they are part of the origins the catalog's configurations
// trust (catalog/hosts.ts), so moving them would change the lesson.
import { Type, type Static } from 'typebox';
import { Value } from 'typebox/value';
import { DEFAULT_CONFIGURATION_ID, LOOPBACK_ADDRESS, bankLoopbackUrl } from '../catalog/index.js';

export const Settings = Type.Object({
  /** Address to bind. Loopback unless LAB_ALLOW_NETWORK says otherwise. */
  LAB_BIND: Type.String({ default: LOOPBACK_ADDRESS }),
  /** Must be "yes" to bind anything but loopback: this bank is vulnerable on purpose. */
  LAB_ALLOW_NETWORK: Type.Union([Type.Literal('yes'), Type.Literal('no')], { default: 'no' }),
  /** Signs the session cookies. Random at every start when unset. */
  COOKIE_SECRET: Type.Optional(Type.String({ minLength: 32 })),
  /** The configuration the unprefixed routes start with. */
  LAB_CONFIG: Type.String({ default: DEFAULT_CONFIGURATION_ID }),
  /** Where the attacker site's narrator reaches the bank's lab control, server to server. */
  BANK_INTERNAL_URL: Type.String({ default: bankLoopbackUrl }),
  /**
   * When the lab is shared (LAB_BIND off loopback), other machines need this token to switch,
   * reset or add accounts. Random at every start when unset, and printed once.
   */
  LAB_TRAINER_TOKEN: Type.Optional(Type.String({ minLength: 16, maxLength: 200, pattern: '^[\\x21-\\x7e]+$' })),
  LOG_LEVEL: Type.Union(['fatal', 'error', 'warn', 'info', 'debug'].map((l) => Type.Literal(l)), { default: 'info' }),
});

export type Settings = Static<typeof Settings>;

// `::ffff:127.…` is how a dual-stack socket shows an IPv4 loopback peer (RFC 4291 §2.5.5.2).
const LOOPBACK = /^((::ffff:)?127\.\d+\.\d+\.\d+|::1|localhost)$/;

export function readSettings(env: NodeJS.ProcessEnv): Settings {
  const known = Object.fromEntries(Object.keys(Settings.properties).filter((k) => env[k] !== undefined && env[k] !== '').map((k) => [k, env[k]]));
  const withDefaults = Value.Convert(Settings, Value.Default(Settings, known));
  const errors = [...Value.Errors(Settings, withDefaults)];
  if (errors.length > 0) {
    const lines = errors.map((e) => `  ${e.instancePath.slice(1) || '(settings)'}: ${e.message}`);
    throw new Error(`invalid settings in the environment:\n${lines.join('\n')}`);
  }
  const settings = withDefaults as Settings;
  if (!LOOPBACK.test(settings.LAB_BIND) && settings.LAB_ALLOW_NETWORK !== 'yes') {
    throw new Error(
      `LAB_BIND=${settings.LAB_BIND} would expose a deliberately vulnerable bank to the network. ` +
        'Set LAB_ALLOW_NETWORK=yes if that is really what you want.',
    );
  }
  return settings;
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
