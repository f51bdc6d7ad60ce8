#!/usr/bin/env node
// The package's bin. The published package runs the compiled CLI (dist/, built by
// `npm run build` before packing) on plain Node. In a checkout, where the TypeScript sources
// are, it runs them through tsx instead, so an edit needs no build and dist/ can't be stale.
import { existsSync } from 'node:fs';

const source = new URL('../cli/cors-lab.ts', import.meta.url);
if (existsSync(source)) {
  const { register } = await import('tsx/esm/api');
  register();
  await import(source.href);
} else {
  await import('../dist/cli/cors-lab.js');
}
