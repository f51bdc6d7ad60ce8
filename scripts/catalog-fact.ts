// Prints one value of the catalog, for shell scripts that check the lab from outside
// (scripts/test-compose.sh), so that they don't re-type catalog facts as strings.
// Usage: tsx scripts/catalog-fact.ts TRANSFER_PATH
import * as catalog from '../catalog/index.js';

const name = process.argv[2] ?? '';
const value: unknown = (catalog as Record<string, unknown>)[name];
if (typeof value !== 'string' && typeof value !== 'number') {
  console.error(`catalog-fact: no string or number named "${name}" in catalog/`);
  process.exit(1);
}
console.log(value);
