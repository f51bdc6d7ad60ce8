// "unsafe: <why>" comes from the catalog's `unsafe` field, not from prose: the bank's
// lab-control page shows it beside the active configuration's name and in the switch list,
// catalog.json carries it to the pages, and the report's data to the matrix page.
import { configurations, publicCatalog } from '../../../catalog/index.js';
import { pageData } from '../../../report/page-data.js';
import { expect, test } from '../bank-server/helper.js';
import { escapeHtml } from '../../../runtime/html.js';

test('the catalog marks at least one configuration unsafe and one safe', () => {
  expect(configurations.some((c) => c.unsafe !== null)).toBe(true);
  expect(configurations.some((c) => c.unsafe === null)).toBe(true);
});

for (const c of configurations) {
  test(`lab control says ${c.unsafe ? `"unsafe: ${c.unsafe}"` : 'nothing unsafe'} beside ${c.id}`, async ({ app }) => {
    expect((await app.inject({ method: 'PUT', url: '/lab/config', payload: { id: c.id } })).statusCode).toBe(200);
    const page = (await app.inject({ url: '/lab/' })).body;
    const note = /<p id="active-unsafe" class="unsafe">([^<]*)<\/p>/.exec(page)?.[1];
    expect(note).toBe(c.unsafe === null ? undefined : escapeHtml(`unsafe: ${c.unsafe}`));
    const option = new RegExp(`<option value="${c.id}"[^>]*>([^<]*)</option>`).exec(page)?.[1];
    expect(option?.includes('(unsafe: ')).toBe(c.unsafe !== null);
  });
}

test('catalog.json and the report’s data carry each configuration’s `unsafe`', () => {
  const unsafeById = Object.fromEntries(configurations.map((c) => [c.id, c.unsafe]));
  expect(Object.fromEntries(publicCatalog().configurations.map((c) => [c.id, c.unsafe]))).toEqual(unsafeById);
  const data = pageData({ generatedAt: '', browsers: [], cells: [] } as unknown as Parameters<typeof pageData>[0]);
  expect(Object.fromEntries(data.configs.map((c) => [c.id, c.unsafe]))).toEqual(unsafeById);
});
