// What the runner (runner/runner.js) puts on `window` for the other
// pages' scripts and for the matrix, which drives the page through it.
import type { PublicCatalog } from '../catalog/public-catalog.js';

declare global {
  interface Window {
    lab: {
      catalog: PublicCatalog;
      runAttack: typeof import('./runner.js').runAttack;
      bankFor: typeof import('./runner.js').bankFor;
    };
  }
}
