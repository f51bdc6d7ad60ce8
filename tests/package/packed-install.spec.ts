// cors-lab as a developer gets it: `npm pack`, installed into a fresh project outside this
// repository with no lock file, then run from that project on its own copies of the examples.
// The expectations come from the rules and the reports' contract, never from a run:
// - regex-unanchored.mjs trusts every origin that ends in example.com, and any origin can write
//   with a form POST: exit 1;
// - allowlist.mjs trusts only www.example.com, and with a CSRF token no untrusted write lands: exit 0;
// - the SARIF results and the JUnit failures are exactly the JSON's untrusted verdicts that read
//   or write; the SARIF passes Microsoft's validator; a second run gives the same fingerprints.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import type { CheckReport } from '../../cli/check-output.js';
import { inProject, packedProject, resolvedVersions, type PackedProject } from './packed-project.js';
import { sarifProblems } from '../sarif-validator.js';

test.describe.configure({ mode: 'serial' });

const api = 'https://api.example.com';
const trusted = 'https://www.example.com';

let project: PackedProject;

test.beforeAll(() => {
  test.setTimeout(600_000);
  project = packedProject();
  for (const example of ['regex-unanchored.mjs', 'allowlist.mjs']) cpSync(`examples/${example}`, join(project.dir, example));
});

interface SarifLog {
  runs: { results: { ruleId: string; properties: { origin: string }; partialFingerprints: Record<string, string> }[] }[];
}

/** The untrusted verdicts that read or write, as `origin browser policy` keys. */
const untrustedYes = (report: CheckReport) =>
  report.verdicts
    .filter((v) => v.relation !== 'trusted' && (v.read || v.write))
    .map((v) => `${v.origin} ${v.browser} ${v.cookiePolicy}`)
    .sort();

/** The JUnit test cases that failed, as the same keys (each case names origin, browser and policy). */
const failedCases = (xml: string, report: CheckReport) =>
  [...xml.matchAll(/<testcase\b[^>]*\bname="([^"]*)"[^>]*>\s*<failure\b/g)]
    .map(([, name]) => {
      const v = report.verdicts.find((x) => name === junitName(x));
      return v ? `${v.origin} ${v.browser} ${v.cookiePolicy}` : `unknown case ${name}`;
    })
    .sort();

/** Each untrusted origin's kinds of finding, from the report's verdicts and the cells behind them. */
const findingKeys = (report: CheckReport) => {
  const keys = new Set<string>();
  for (const v of report.verdicts.filter((x) => x.relation !== 'trusted')) {
    if (v.read) keys.add(`${v.origin} CORSLAB001`);
    for (const attack of v.writeBy) {
      const cell = report.cells.find((c) => c.origin === v.origin && c.browser === v.browser && c.cookiePolicy === v.cookiePolicy && c.attack === attack)!;
      keys.add(`${v.origin} ${cell.observed.preflightSent ? 'CORSLAB003' : 'CORSLAB002'}`);
    }
  }
  return [...keys].sort();
};

const junitName = (v: CheckReport['verdicts'][number]) => `${v.origin} (${v.relation}) · ${v.browser} · ${v.cookiePolicy}`.replaceAll('&', '&amp;');

const fingerprints = (log: SarifLog) => log.runs[0]!.results.map((r) => `${r.ruleId} ${r.properties.origin} ${JSON.stringify(r.partialFingerprints)}`).sort();

const runs = new Map<string, { report: CheckReport; sarif: SarifLog }>();

test('the tarball ships only what runs, and installs with its runtime dependencies alone', () => {
  const paths = project.packed.files.map((f) => f.path);
  test.info().annotations.push(
    { type: 'tarball', description: `${project.packed.entryCount} files, ${project.packed.size} bytes packed, ${project.packed.unpackedSize} unpacked` },
    ...['playwright-core', 'mockttp', 'tls-impersonate', 'tsx'].map((name) => ({
      type: `npm resolved ${name}`,
      description: resolvedVersions(project, name).join(', ') || 'left out',
    })),
  );
  for (const path of paths) expect(path, path).toMatch(/^(bin\/|dist\/|examples\/[\w-]+\.mjs$|LICENSE$|README\.md$|package\.json$)/);
  expect(paths.filter((p) => p.endsWith('.ts') && !p.endsWith('.d.ts'))).toEqual([]);
  for (const needed of [
    'bin/cors-lab.mjs',
    'dist/cli/cors-lab.js',
    'dist/cli/api.js',
    'dist/cli/api.d.ts',
    'dist/runner/runner.js',
    'dist/bank-server/public/bank.css',
    'dist/runtime/mermaid.js',
    'dist/runner/sequence-picture.js',
  ])
    expect(paths).toContain(needed);
  // The browser driver is pinned to the Playwright this project is verified with.
  expect(resolvedVersions(project, 'playwright-core')).toEqual(['1.64.1']);
  expect(resolvedVersions(project, '@playwright/test')).toEqual([]);
});

for (const { example, extra, exit } of [
  { example: 'regex-unanchored.mjs', extra: [], exit: 1 },
  { example: 'allowlist.mjs', extra: ['--defense', 'csrf-token'], exit: 0 },
]) {
  test(`npx cors-lab check on the project's ${example}${extra.length ? ` ${extra.join(' ')}` : ''} exits ${exit}, with JSON, SARIF and JUnit that agree`, () => {
    test.setTimeout(600_000);
    const name = example.replace('.mjs', '');
    const run = inProject(project, 'npx', ['cors-lab', 'check', '--api', api, '--trusted', trusted, '--cors', example, ...extra, ...outputs(name)]);
    expect(run.status, run.stderr + run.stdout).toBe(exit);
    expect(run.stderr).not.toMatch(/Failed to handle request/);
    const report = JSON.parse(readFileSync(join(project.dir, `${name}.json`), 'utf8')) as CheckReport;
    expect(report.disagreements).toBe(0);
    expect(report.browsers.map((b) => b.name).sort()).toEqual(['chromium', 'chromium', 'firefox', 'firefox']);
    const sarif = JSON.parse(readFileSync(join(project.dir, `${name}.sarif`), 'utf8')) as SarifLog;
    const yes = untrustedYes(report);
    // One SARIF result per untrusted origin and kind of finding, read from the JSON's own cells:
    // a read (CORSLAB001), a write sent with no preflight (CORSLAB002), a write after a preflight (CORSLAB003).
    expect(sarif.runs[0]!.results.map((r) => `${r.properties.origin} ${r.ruleId}`).sort()).toEqual(findingKeys(report));
    expect(failedCases(readFileSync(join(project.dir, `${name}.xml`), 'utf8'), report)).toEqual(yes);
    expect(yes.length > 0, 'an exploitable setup has a finding, a safe one none').toBe(exit === 1);
    expect(sarifProblems(join(project.dir, `${name}.sarif`))).toEqual([]);
    runs.set(name, { report, sarif });
  });
}

test('the API from plain Node: import { check } from "cors-lab" returns the JSON report, and a second run gives the same fingerprints', () => {
  test.setTimeout(600_000);
  const first = runs.get('regex-unanchored');
  expect(first, 'the CLI run of regex-unanchored.mjs comes first').toBeDefined();
  writeFileSync(
    join(project.dir, 'second-run.mjs'),
    `import { writeFileSync } from 'node:fs';
import { check } from 'cors-lab';
const report = await check({ api: '${api}', trusted: ['${trusted}'], cors: 'regex-unanchored.mjs', json: 'second.json', sarif: 'second.sarif' });
writeFileSync('returned.json', JSON.stringify(report));
`,
  );
  const run = inProject(project, 'node', ['second-run.mjs']);
  expect(run.status, run.stderr).toBe(0);
  const returned = JSON.parse(readFileSync(join(project.dir, 'returned.json'), 'utf8')) as CheckReport;
  expect(returned).toEqual(JSON.parse(readFileSync(join(project.dir, 'second.json'), 'utf8')));
  expect(untrustedYes(returned)).toEqual(untrustedYes(first!.report));
  const second = JSON.parse(readFileSync(join(project.dir, 'second.sarif'), 'utf8')) as SarifLog;
  expect(fingerprints(second)).toEqual(fingerprints(first!.sarif));
  expect(fingerprints(second).length).toBeGreaterThan(0);
});

test('the packed servers serve Mermaid’s bundle from the project’s own mermaid package, at the catalog’s path', () => {
  // Mermaid is a runtime dependency: the servers resolve its bundle where npm installed it.
  expect(resolvedVersions(project, 'mermaid')).toEqual([expect.stringMatching(/^12\./)]);
  writeFileSync(
    join(project.dir, 'serve-mermaid.mjs'),
    `import { readFileSync } from 'node:fs';
const lab = './node_modules/cors-lab/dist/';
const { MERMAID_PATH } = await import(lab + 'catalog/index.js');
const { buildAttackerSite } = await import(lab + 'attacker-site/app.js');
const { buildBank } = await import(lab + 'bank-server/app.js');
const bundle = readFileSync('./node_modules/mermaid/dist/mermaid.min.js');
const served = [];
for (const app of [buildAttackerSite(), buildBank({ cookieSecret: 'the-project-signs-its-own-cookies-0123456789' })]) {
  const res = await app.inject({ url: MERMAID_PATH });
  served.push({ path: MERMAID_PATH, status: res.statusCode, same: res.rawPayload.equals(bundle) });
  await app.close();
}
console.log(JSON.stringify(served));
`,
  );
  const run = inProject(project, 'node', ['serve-mermaid.mjs']);
  expect(run.status, run.stderr).toBe(0);
  expect(JSON.parse(run.stdout)).toEqual(Array(2).fill({ path: '/vendor/mermaid.min.js', status: 200, same: true }));
});

test('the node:test example under examples/api passes in the project', () => {
  test.setTimeout(600_000);
  cpSync('examples/api/check.test.mjs', join(project.dir, 'check.test.mjs'));
  const run = inProject(project, 'node', ['--test', 'check.test.mjs']);
  expect(run.status, run.stdout + run.stderr).toBe(0);
  expect(run.stdout).toMatch(/^# pass 1$/m);
});

test('a strict TypeScript project type-checks the API without tsx, and a wrong use of the report is a type error', () => {
  test.setTimeout(120_000);
  cpSync('examples/api/check-types.ts', join(project.dir, 'check-types.ts'));
  writeFileSync(
    join(project.dir, 'wrong-use.ts'),
    `import { check } from 'cors-lab';\nexport const api: number = (await check({ api: 'https://api.example.com', cors: 'x.mjs' })).api;\n`,
  );
  const tsconfig = (file: string) => ({
    compilerOptions: { strict: true, module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', noEmit: true, types: ['node'] },
    files: [file],
  });
  writeFileSync(join(project.dir, 'tsconfig.json'), JSON.stringify(tsconfig('check-types.ts')));
  const good = inProject(project, 'npx', ['tsc', '-p', '.']);
  expect(good.status, good.stdout + good.stderr).toBe(0);
  writeFileSync(join(project.dir, 'tsconfig.json'), JSON.stringify(tsconfig('wrong-use.ts')));
  const wrong = inProject(project, 'npx', ['tsc', '-p', '.']);
  expect(wrong.status).not.toBe(0);
  expect(wrong.stdout).toMatch(/wrong-use\.ts\(2,14\): error TS2322: Type 'string' is not assignable to type 'number'/);
});

function outputs(name: string): string[] {
  return ['--json', `${name}.json`, '--sarif', `${name}.sarif`, '--junit', `${name}.xml`];
}
