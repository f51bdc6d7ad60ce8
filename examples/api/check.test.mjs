// A CORS regression test in your own suite, with Node's built-in runner (`node --test`):
// `check` runs your @fastify/cors options in real browsers against the origins derived from your
// names, and returns the report `cors-lab check --json` writes. Copy this file and the options
// file next to it into your project, then: npm install --save-dev cors-lab && node --test
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { check } from 'cors-lab';

const options = fileURLToPath(new URL(process.env.CORS_OPTIONS ?? './allowlist.mjs', import.meta.url));

test('no origin we do not trust can read our users’ data or write with their session', { timeout: 300_000 }, async () => {
  const report = await check({
    api: 'https://api.example.com',
    trusted: ['https://www.example.com'],
    cors: options,
    // Our app checks a CSRF token on every write.
    defenses: ['csrf-token'],
  });
  // Where a browser did not do what the rules predict, the report has no verdict.
  assert.equal(report.disagreements, 0);
  const findings = report.verdicts.filter((v) => v.relation !== 'trusted' && (v.read || v.write));
  assert.deepEqual(
    findings.map((v) => `${v.origin} (${v.relation}) in ${v.browser}, ${v.cookiePolicy}: ${[...v.readBy, ...v.writeBy].join(', ')}`),
    [],
  );
  // And the origin we trust can still read.
  assert.ok(report.verdicts.some((v) => v.relation === 'trusted' && v.read));
});
