// Settings (runtime/settings.ts, through env-schema): defaults, a .env read by the start
// path under the environment, invalid values refused with a message naming each, and the
// servers the tests start ignoring any .env.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_CONFIGURATION_ID, LOOPBACK_ADDRESS, bankLoopbackUrl } from '../../../catalog/index.js';
import { envFileFor, readSettings, startEnvironment } from '../../../runtime/settings.js';
import { testServerEnv } from '../../server-env.js';
import { expect, test } from '../bank-server/helper.js';

/** A directory holding a .env with `lines`, as the package root of `npm start` would. */
function withDotenv(lines: string[], use: (dir: string) => void) {
  const dir = mkdtempSync(join(tmpdir(), 'cors-lab-env-'));
  try {
    writeFileSync(join(dir, '.env'), lines.join('\n') + '\n');
    use(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('with nothing set, every setting takes its default', () => {
  expect(readSettings({})).toEqual({
    LAB_BIND: LOOPBACK_ADDRESS,
    LAB_ALLOW_NETWORK: 'no',
    LAB_CONFIG: DEFAULT_CONFIGURATION_ID,
    BANK_INTERNAL_URL: bankLoopbackUrl,
    LOG_LEVEL: 'info',
  });
  // Compose passes `COOKIE_SECRET=` for "none": empty in the environment means unset.
  expect(readSettings({ COOKIE_SECRET: '', LAB_CONFIG: '' })).toEqual(readSettings({}));
});

test('npm start reads .env from the package root, the environment wins over it, and logs default to warn', () => {
  withDotenv(['LAB_CONFIG=trust-null', 'LOG_LEVEL=debug', 'COOKIE_SECRET=a-secret-from-the-dotenv-file-0123456789'], (dir) => {
    const env = startEnvironment({}, dir);
    expect(env).toMatchObject({ LAB_CONFIG: 'trust-null', LOG_LEVEL: 'debug', COOKIE_SECRET: 'a-secret-from-the-dotenv-file-0123456789', LAB_DOTENV: 'no' });
    expect(startEnvironment({ LAB_CONFIG: 'allowlist' }, dir)).toMatchObject({ LAB_CONFIG: 'allowlist', LOG_LEVEL: 'debug' });
    // Each server reads back what it was given, and no .env a second time.
    expect(envFileFor(env, dir)).toBeNull();
    expect(readSettings(env)).toMatchObject({ LAB_CONFIG: 'trust-null', LOG_LEVEL: 'debug' });
  });
  const empty = mkdtempSync(join(tmpdir(), 'cors-lab-env-'));
  expect(startEnvironment({}, empty)).toMatchObject({ LAB_CONFIG: DEFAULT_CONFIGURATION_ID, LOG_LEVEL: 'warn' });
  rmSync(empty, { recursive: true });
});

test('a server started alone reads the .env too, and LAB_DOTENV=no turns that off', () => {
  withDotenv(['LAB_CONFIG=trust-null'], (dir) => {
    expect(readSettings({}, { envFile: envFileFor({}, dir) }).LAB_CONFIG).toBe('trust-null');
    expect(readSettings({}, { envFile: envFileFor({ LAB_DOTENV: 'no' }, dir) }).LAB_CONFIG).toBe(DEFAULT_CONFIGURATION_ID);
  });
});

test('a .env that names the site plan is refused: the catalog reads LAB_SITE_PLAN from the environment only', () => {
  withDotenv(['LAB_SITE_PLAN={"scheme":"https"}'], (dir) => {
    expect(() => startEnvironment({}, dir)).toThrow(/^LAB_SITE_PLAN is read from the environment only, never from .*\.env: export it instead\.$/);
    expect(() => readSettings({}, { envFile: envFileFor({}, dir) })).toThrow(/LAB_SITE_PLAN is read from the environment only/);
    // LAB_DOTENV=no reads no .env, so nothing there is refused either.
    expect(readSettings({}, { envFile: envFileFor({ LAB_DOTENV: 'no' }, dir) }).LAB_CONFIG).toBe(DEFAULT_CONFIGURATION_ID);
  });
});

test('.env.example, copied as .env as it says, is valid and changes nothing', () => {
  const example = fileURLToPath(new URL('../../../.env.example', import.meta.url));
  expect(readSettings({}, { envFile: example })).toEqual(readSettings({}));
});

const invalid = [
  {
    desc: 'a log level that does not exist',
    env: { LOG_LEVEL: 'loud' },
    message: /LOG_LEVEL: must be equal to one of the allowed values \(fatal, error, warn, info, debug\)/,
  },
  { desc: 'a short cookie secret', env: { COOKIE_SECRET: 'short' }, message: /COOKIE_SECRET: must NOT have fewer than 32 characters/ },
  {
    desc: 'LAB_ALLOW_NETWORK other than yes or no',
    env: { LAB_ALLOW_NETWORK: 'true' },
    message: /LAB_ALLOW_NETWORK: must be equal to one of the allowed values \(yes, no\)/,
  },
  {
    desc: 'a trainer token with a space',
    env: { LAB_BIND: '0.0.0.0', LAB_ALLOW_NETWORK: 'yes', LAB_TRAINER_TOKEN: 'has a space in it, sixteen+' },
    message: /LAB_TRAINER_TOKEN: must match pattern/,
  },
  {
    desc: 'a network address without LAB_ALLOW_NETWORK=yes',
    env: { LAB_BIND: '0.0.0.0' },
    message: /LAB_BIND=0\.0\.0\.0 would expose a deliberately vulnerable bank.*LAB_ALLOW_NETWORK=yes/,
  },
];
for (const { desc, env, message } of invalid) {
  test(`refuses ${desc}, saying which setting and why`, () => {
    expect(() => readSettings(env)).toThrow(message);
  });
}

test('every invalid value is listed at once, with the .env file it may come from', () => {
  withDotenv(['LOG_LEVEL=loud', 'LAB_CONFIG='], (dir) => {
    const envFile = envFileFor({}, dir)!;
    expect(() => readSettings({ COOKIE_SECRET: 'short' }, { envFile })).toThrow(
      new RegExp(`invalid settings in the environment or ${envFile.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:\\n(  .*\\n){2}  .*$`),
    );
  });
});

test('the servers the tests start get every setting explicitly and ignore a .env', async () => {
  withDotenv(['LOG_LEVEL=loud', 'LAB_CONFIG=trust-null'], (dir) => {
    // As Playwright starts them: the shell's environment, then the webServer entry's env.
    const env = { ...{ LAB_CONFIG: 'allowlist', COOKIE_SECRET: 'short' }, ...testServerEnv };
    expect(envFileFor(env, dir)).toBeNull();
    expect(readSettings(env, { envFile: envFileFor(env, dir) })).toEqual({ ...readSettings({}), LOG_LEVEL: 'warn' });
  });
  const { default: config, labServers } = await import('../../../playwright.config.js');
  expect(labServers.map((s) => s.command)).toEqual(['npx tsx bank-server/server.ts', 'npx tsx attacker-site/server.ts']);
  for (const server of labServers) expect(server.env).toEqual(testServerEnv);
  // A unit-only run (this one, under `npm run test:unit`) starts neither server.
  expect(config.webServer).toEqual(process.env.LAB_UNIT_TESTS_ONLY === 'yes' ? [] : labServers);
});
