// `cors-lab doctor` where no browser it finds is new enough: stand-ins that answer `--version`
// like Debian's Chromium 120 and Firefox ESR 140 (tests/stand-in-browser.ts). Neither is
// launched, so no browser runs here; tests/doctor/ runs doctor with the real browsers.
import { expect, test } from '@playwright/test';
import { doctorCommand, verdictLine } from '../../../cli/doctor-command.js';
import type { BrowserDiagnosis } from '../../../engine/browsers/diagnose.js';
import { DOCTOR_EXIT } from '../../../cli/command-core.js';
import { OLD_CHROMIUM_VERSION, OLD_FIREFOX_VERSION, standInBrowser } from '../../stand-in-browser.js';

async function doctor(argv: string[], env: NodeJS.ProcessEnv) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await doctorCommand(argv, { log: (s) => out.push(...s.split('\n')), error: (s) => err.push(s) }, env);
  return { code, out, err };
}

test('With a too-old Chromium and a too-old Firefox, doctor says why for each, names the fixes, launches neither, and exits 1', async () => {
  const chromium = standInBrowser('chromium', OLD_CHROMIUM_VERSION);
  const firefox = standInBrowser('firefox', OLD_FIREFOX_VERSION);
  try {
    const run = await doctor(['--browser', 'chromium', '--browser', 'firefox'], { LAB_CHROMIUM_PATH: chromium.path, LAB_FIREFOX_PATH: firefox.path });
    expect(run.code).toBe(DOCTOR_EXIT.noneUsable);
    expect(run.out).toEqual([
      'cors-lab doctor: Playwright 1.64.1; each browser found is launched once and runs a page',
      `chromium  LAB_CHROMIUM_PATH=${chromium.path} · Chromium 120.0.0.0 · verified from 150 · usable: no (too old)`,
      `          Chromium 120.0.0.0 at ${chromium.path} (LAB_CHROMIUM_PATH) is older than the oldest this tool is verified with (150); run \`apt-get update && apt-get install chromium\` (Debian), or \`npx playwright install chromium\``,
      `firefox   LAB_FIREFOX_PATH=${firefox.path} · Firefox ESR 140.12.0 · verified from 153 · usable: no (too old)`,
      `          Firefox ESR 140.12.0 at ${firefox.path} (LAB_FIREFOX_PATH) is older than the oldest this tool is verified with (153); run \`apt-get update && apt-get install firefox-esr\` (Debian), or \`npx playwright install firefox\``,
      "0 of 2 usable: check, probe and the test run can't run here.",
    ]);
    expect(run.err).toEqual([]);
    // Each stand-in ran once, for --version: a launch would have run it again.
    expect([chromium.runs(), firefox.runs()]).toEqual([1, 1]);
  } finally {
    chromium.remove();
    firefox.remove();
  }
});

test('doctor --json gives the same findings as data', async () => {
  const chromium = standInBrowser('chromium', OLD_CHROMIUM_VERSION);
  const firefox = standInBrowser('firefox', OLD_FIREFOX_VERSION);
  try {
    const run = await doctor(['--json', '--browser', 'firefox', '--browser', 'chromium'], { LAB_CHROMIUM_PATH: chromium.path, LAB_FIREFOX_PATH: firefox.path });
    expect(run.code).toBe(DOCTOR_EXIT.noneUsable);
    const report = JSON.parse(run.out.join('\n'));
    expect(report.playwright).toBe('1.64.1');
    expect(
      report.browsers.map((b: { name: string; version: string; verifiedFrom: number; usable: boolean; problem: string }) => [
        b.name,
        b.version,
        b.verifiedFrom,
        b.usable,
        b.problem,
      ]),
    ).toEqual([
      ['firefox', 'Firefox ESR 140.12.0', 153, false, 'too old'],
      ['chromium', 'Chromium 120.0.0.0', 150, false, 'too old'],
    ]);
  } finally {
    chromium.remove();
    firefox.remove();
  }
});

test('doctor’s bad input is one line and exit 2; --help is exit 0', async () => {
  const unknownFlag = await doctor(['--jsno'], {});
  expect([unknownFlag.code, unknownFlag.err]).toEqual([
    DOCTOR_EXIT.badInput,
    ['cors-lab doctor: unknown flag --jsno (did you mean --json?); see cors-lab doctor --help'],
  ]);
  const unknownBrowser = await doctor(['--browser', 'safari'], {});
  expect([unknownBrowser.code, unknownBrowser.err]).toEqual([
    DOCTOR_EXIT.badInput,
    ['cors-lab doctor: --browser "safari" is not one of chromium, firefox, webkit'],
  ]);
  const help = await doctor(['--help'], {});
  expect(help.code).toBe(0);
  expect(help.out.join('\n')).toContain('Exit codes: 0 Chromium or Firefox is usable');
});

/** A finding as diagnose would give it; only the name, whether it is required, and whether it is usable matter to the verdict. */
const finding = (name: BrowserDiagnosis['name'], usable: boolean): BrowserDiagnosis => ({
  name,
  required: name !== 'webkit',
  where: '/usr/bin/x',
  version: null,
  verifiedFrom: null,
  usable,
  problem: usable ? null : 'too old',
  reason: usable ? null : 'too old',
  seconds: usable ? 1 : null,
});

test('doctor’s closing line says what can run: all, check and probe with --browser, or nothing; WebKit alone is nothing', () => {
  expect(verdictLine([finding('chromium', true), finding('firefox', true), finding('webkit', false)])).toBe(
    '2 of 3 usable: check, probe and the test run can run.',
  );
  expect(verdictLine([finding('chromium', true), finding('firefox', false)])).toBe(
    '1 of 2 usable: check and probe can run with --browser chromium; the test run needs Firefox too.',
  );
  expect(verdictLine([finding('chromium', true)])).toBe(
    '1 of 1 usable: check and probe can run with --browser chromium; the test run also needs Firefox, not checked here.',
  );
  // check and probe don't drive WebKit.
  expect(verdictLine([finding('chromium', false), finding('firefox', false), finding('webkit', true)])).toBe(
    "1 of 3 usable: check, probe and the test run can't run here.",
  );
});
