#!/usr/bin/env node
// The package's bin: runs the TypeScript CLI through tsx, which the project already depends on.
import { register } from 'tsx/esm/api';

register();
await import('../cli/cors-lab.ts');
