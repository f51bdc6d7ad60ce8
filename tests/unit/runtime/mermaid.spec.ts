// Mermaid's browser bundle, served from this machine by both servers at the catalog's one path:
// the file the installed package ships, revalidated by its version (RFC 9110 §13.1.2).
import { readFileSync } from 'node:fs';
import { test, expect } from '@playwright/test';
import { buildAttackerSite } from '../../../attacker-site/app.js';
import { buildBank } from '../../../bank-server/app.js';
import { MERMAID_PATH, publicCatalog } from '../../../catalog/index.js';
import { MERMAID_BUNDLE } from '../../../runtime/mermaid.js';
import { TEST_COOKIE_SECRET } from '../bank-server/helper.js';

const servers = {
  bank: () => buildBank({ cookieSecret: TEST_COOKIE_SECRET }),
  attacker: () => buildAttackerSite(),
};

test('the pages learn the bundle’s path from the catalog', () => {
  expect(publicCatalog().mermaidPath).toBe(MERMAID_PATH);
});

for (const [name, build] of Object.entries(servers)) {
  test(`the ${name} serves the installed mermaid bundle at ${MERMAID_PATH}, and answers 304 to its own ETag`, async () => {
    const app = build();
    const res = await app.inject({ url: MERMAID_PATH });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(res.rawPayload.equals(readFileSync(MERMAID_BUNDLE))).toBe(true);
    // The bundle defines the global the drawing helper reads (runner/sequence-picture.js).
    expect(res.body.trimEnd().endsWith('globalThis["mermaid"] = globalThis.__esbuild_esm_mermaid_nm["mermaid"].default;')).toBe(true);
    const etag = String(res.headers.etag);
    expect(etag).toMatch(/^"mermaid-12\.\d+\.\d+"$/);
    const again = await app.inject({ url: MERMAID_PATH, headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    await app.close();
  });
}
