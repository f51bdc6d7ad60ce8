// `cors-lab doctor` with the real browsers: each one the test run uses is found where the test
// run finds it, reports a version no older than the oldest verified, and really runs a page.
// Then with a stand-in Firefox that reports ESR 140: the one-line reason and its fix, while the
// real Chromium keeps doctor at exit 0. Chromium and Firefox are launched three times in all.
import { expect, test } from '@playwright/test';
import { doctorCommand } from '../../cli/doctor-command.js';
import { DOCTOR_EXIT } from '../../cli/command-core.js';
import { labBrowser, type LabBrowserName } from '../../catalog/index.js';
import { findBrowser } from '../../engine/browsers/installed.js';
import { OLD_FIREFOX_VERSION, standInBrowser } from '../stand-in-browser.js';

async function doctor(argv: string[], env: NodeJS.ProcessEnv) {
  const out: string[] = [];
  const code = await doctorCommand(argv, { log: (s) => out.push(...s.split('\n')), error: (s) => out.push(s) }, env);
  return { code, out };
}

/** The browser's line, split into its parts: where · version · verified from · usable. */
function lineOf(out: string[], name: LabBrowserName): string[] {
  const line = out.find((l) => l.startsWith(`${name.padEnd(9)} `));
  expect(line, out.join('\n')).toBeDefined();
  return line!.slice(10).split(' · ');
}

/** Where the test run itself finds the browser (playwright.config.ts), as doctor words it. */
function whereTheTestRunFinds(name: LabBrowserName): string {
  const found = findBrowser(name);
  if ('missing' in found) throw new Error(found.missing);
  return found.executablePath ?? "Playwright's own build";
}

test('doctor with the real browsers: both found where the test run finds them, new enough, and usable', async () => {
  test.setTimeout(120_000);
  const run = await doctor(['--browser', 'chromium', '--browser', 'firefox'], process.env);
  expect(run.code, run.out.join('\n')).toBe(DOCTOR_EXIT.someUsable);
  for (const name of ['chromium', 'firefox'] as const) {
    const [where, version, verified, usable] = lineOf(run.out, name);
    expect(where).toContain(whereTheTestRunFinds(name));
    const { verifiedFrom, title } = labBrowser(name);
    expect(version).toMatch(new RegExp(`^${title}( ESR)? \\d+\\.\\d+`));
    expect(Number(/ (\d+)\./.exec(version!)![1])).toBeGreaterThanOrEqual(verifiedFrom!);
    expect(verified).toBe(`verified from ${verifiedFrom}`);
    expect(usable).toMatch(/^usable: yes \(a page ran in \d+(\.\d)? s\)$/);
  }
  expect(run.out.at(-1)).toBe('2 of 2 usable: check, probe and the test run can run.');
});

test('doctor with a Firefox that reports ESR 140: too old, the reason and the fix in one line, and exit 0 for the real Chromium', async () => {
  test.setTimeout(120_000);
  const firefox = standInBrowser('firefox', OLD_FIREFOX_VERSION);
  try {
    const run = await doctor(['--browser', 'chromium', '--browser', 'firefox'], { ...process.env, LAB_FIREFOX_PATH: firefox.path });
    expect(run.code, run.out.join('\n')).toBe(DOCTOR_EXIT.someUsable);
    expect(lineOf(run.out, 'chromium').at(-1)).toMatch(/^usable: yes /);
    expect(lineOf(run.out, 'firefox')).toEqual([`LAB_FIREFOX_PATH=${firefox.path}`, 'Firefox ESR 140.12.0', 'verified from 153', 'usable: no (too old)']);
    const reason = run.out[run.out.findIndex((l) => l.startsWith('firefox ')) + 1];
    expect(reason).toBe(
      `          Firefox ESR 140.12.0 at ${firefox.path} (LAB_FIREFOX_PATH) is older than the oldest this tool is verified with (153); run \`apt-get update && apt-get install firefox-esr\` (Debian), or \`npx playwright install firefox\``,
    );
    expect(run.out.at(-1)).toBe('1 of 2 usable: check and probe can run with --browser chromium; the test run needs Firefox too.');
    // Only asked its version: never launched.
    expect(firefox.runs()).toBe(1);
  } finally {
    firefox.remove();
  }
});
