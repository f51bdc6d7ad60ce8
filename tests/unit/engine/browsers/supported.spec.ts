// Whether this Playwright can drive a found browser, in one line: the version an executable
// reports against the oldest verified (catalog/browsers.ts), and Playwright's "unknown command"
// launch error. The version lines are what the real executables print here; the error is the
// one Playwright 1.64.1 gave on launching Debian's Firefox ESR 140.12 (docs/browser-facts.md,
// "Versions").
import { expect, test } from '@playwright/test';
import { labBrowser } from '../../../../catalog/index.js';
import { executableVersion, newerBrowserCommand, parseBrowserVersion, tooOldReason, unknownCommandReason } from '../../../../engine/browsers/supported.js';
import { OLD_CHROMIUM_VERSION, OLD_FIREFOX_VERSION, standInBrowser } from '../../../stand-in-browser.js';

// `/usr/bin/chromium --version` and `/usr/bin/firefox-esr --version` on the machine the tests were written on.
const DEBIAN_CHROMIUM = 'Chromium 156.0.8078.114 built on Debian GNU/Linux 12 (bookworm)\n';
const DEBIAN_FIREFOX = 'Mozilla Firefox 153.8.0esr\n';
// Debian's Chromium wrapper also prints this on stderr, on some machines: not a version.
const WRAPPER_NOISE = '/usr/bin/chromium: 9: [: 25276071936: unexpected operator\n';

// Playwright 1.64.1 launching Firefox ESR 140.12.0 (its first lines; a call log follows).
const FIREFOX_140_LAUNCH_ERROR = [
  'browserType.launch: Protocol error (network.addDataCollector): unknown command',
  'Message: network.addDataCollector',
  'Call log:',
  '  - <launching> /usr/lib/firefox-esr/firefox-esr --remote-debugging-port=0 --headless --profile /tmp/playwright_firefoxdev_profile-ncJ8XG',
].join('\n');

const FIREFOX_FIX = 'run `apt-get update && apt-get install firefox-esr` (Debian), or `npx playwright install firefox`';

test('Chromium’s and Firefox ESR’s real --version lines parse to product, version and major', () => {
  expect(parseBrowserVersion(DEBIAN_CHROMIUM)).toEqual({ product: 'Chromium', version: '156.0.8078.114', major: 156 });
  expect(parseBrowserVersion(DEBIAN_FIREFOX)).toEqual({ product: 'Firefox ESR', version: '153.8.0', major: 153 });
  expect(parseBrowserVersion(`${OLD_FIREFOX_VERSION}\n`)).toEqual({ product: 'Firefox ESR', version: '140.12.0', major: 140 });
  expect(parseBrowserVersion(OLD_CHROMIUM_VERSION)).toEqual({ product: 'Chromium', version: '120.0.0.0', major: 120 });
});

test('Output without a version line is no version: noise, usage text, nothing', () => {
  expect(parseBrowserVersion(WRAPPER_NOISE)).toBeNull();
  expect(parseBrowserVersion('stand-in browser: it only answers --version\n')).toBeNull();
  expect(parseBrowserVersion('')).toBeNull();
  // The noise first, the version after it: the version line still counts.
  expect(parseBrowserVersion(WRAPPER_NOISE + DEBIAN_CHROMIUM)?.major).toBe(156);
});

test('The verified minimums are Chromium 150 and Firefox 153, and WebKit has none', () => {
  expect(labBrowser('chromium').verifiedFrom).toBe(150);
  expect(labBrowser('firefox').verifiedFrom).toBe(153);
  expect(labBrowser('webkit').verifiedFrom).toBeNull();
});

test('A Firefox older than the minimum gets one line: what it is, the minimum, and the commands that get a newer one', () => {
  const old = standInBrowser('firefox', OLD_FIREFOX_VERSION);
  try {
    const reason = tooOldReason({ name: 'firefox', executablePath: old.path, channel: 'moz-firefox', namedBy: 'LAB_FIREFOX_PATH' });
    expect(reason).toBe(`Firefox ESR 140.12.0 at ${old.path} (LAB_FIREFOX_PATH) is older than the oldest this tool is verified with (153); ${FIREFOX_FIX}`);
    expect(reason).not.toContain('\n');
  } finally {
    old.remove();
  }
});

test('A Chromium older than the minimum names Chromium’s own fix', () => {
  const old = standInBrowser('chromium', OLD_CHROMIUM_VERSION);
  try {
    expect(tooOldReason({ name: 'chromium', executablePath: old.path })).toBe(
      `Chromium 120.0.0.0 at ${old.path} is older than the oldest this tool is verified with (150); run \`apt-get update && apt-get install chromium\` (Debian), or \`npx playwright install chromium\``,
    );
  } finally {
    old.remove();
  }
});

test('The minimum itself, and an unreadable version, are not too old', () => {
  const atMinimum = standInBrowser('firefox', 'Mozilla Firefox 153.0esr');
  const unreadable = standInBrowser('firefox', 'no version here');
  try {
    expect(tooOldReason({ name: 'firefox', executablePath: atMinimum.path })).toBeNull();
    // Unknown is not old: the launch then tells whether Playwright can drive it.
    expect(tooOldReason({ name: 'firefox', executablePath: unreadable.path })).toBeNull();
    // Playwright's own build is pinned with Playwright: no executable path, nothing to read.
    expect(tooOldReason({ name: 'firefox' })).toBeNull();
  } finally {
    atMinimum.remove();
    unreadable.remove();
  }
});

test('An executable’s --version runs once per process, however often its version is asked', () => {
  const old = standInBrowser('firefox', OLD_FIREFOX_VERSION);
  try {
    for (let i = 0; i < 3; i++) expect(executableVersion(old.path)?.major).toBe(140);
    tooOldReason({ name: 'firefox', executablePath: old.path });
    expect(old.runs()).toBe(1);
  } finally {
    old.remove();
  }
});

test('Playwright’s real "unknown command" launch error becomes one line with the command, the minimum and the fix', () => {
  const old = standInBrowser('firefox-esr', OLD_FIREFOX_VERSION);
  try {
    const reason = unknownCommandReason({ name: 'firefox', executablePath: old.path, channel: 'moz-firefox' }, new Error(FIREFOX_140_LAUNCH_ERROR));
    expect(reason).toBe(
      `Firefox ESR 140.12.0 at ${old.path} can't be driven by Playwright 1.64.1: it doesn't know the command network.addDataCollector; the oldest this tool is verified with is Firefox 153; ${FIREFOX_FIX}`,
    );
    expect(reason).not.toMatch(/Protocol error|\n/);
  } finally {
    old.remove();
  }
});

test('Any protocol command a browser doesn’t know is mapped, and other errors are left alone', () => {
  // Playwright 1.65 sends this one on every new context; Firefox ESR 153 doesn't know it.
  const newer = new Error('browser.newContext: Protocol error (emulation.setMediaFeaturesOverride): unknown command\nMessage: …');
  expect(unknownCommandReason({ name: 'firefox' }, newer)).toBe(
    `Firefox (Playwright's own build) can't be driven by Playwright 1.64.1: it doesn't know the command emulation.setMediaFeaturesOverride; the oldest this tool is verified with is Firefox 153; ${FIREFOX_FIX}`,
  );
  expect(unknownCommandReason({ name: 'firefox' }, new Error('browserType.launch: Timeout 180000ms exceeded.'))).toBeNull();
  expect(unknownCommandReason({ name: 'chromium' }, new Error('Protocol error (Page.goBack): Failed to go'))).toBeNull();
});

test('The fix for WebKit is Playwright’s build alone: Debian has no package of it', () => {
  expect(newerBrowserCommand('webkit')).toBe('run `npx playwright install webkit`');
});
