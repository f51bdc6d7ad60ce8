// Every lab cell docs/TRAINING.md names with outcome symbols, as the browsers showed it: read
// from the matrix the browser projects just observed (reports/cells, collected). A cell the
// run did not observe (a --grep slice) is skipped with that reason; a `cors-lab check` setup
// is held to the rules only (tests/unit/teaching/training-claims.spec.ts).
import { test, expect } from '@playwright/test';
import { collectReport } from '../../report/index.js';
import { guideClaims, isLabClaim, symbolsOf } from '../training-claims.js';

const report = collectReport();

for (const [n, claim] of guideClaims().filter(isLabClaim).entries()) {
  test(`${n + 1}. observed: ${claim.text} — ${[claim.read, claim.write].filter(Boolean).join(' ')}`, () => {
    const cell = report?.cells.find(
      (c) =>
        c.browser === claim.browser &&
        c.cookiePolicy === claim.cookiePolicy &&
        c.config === claim.config &&
        c.origin === claim.origin &&
        c.attack === claim.attack,
    );
    test.skip(!cell, 'this run of the matrix did not observe the cell');
    expect(cell!.agree, 'the cell agrees with the rules').toBe(true);
    const observed = symbolsOf(claim.attack, cell!.observed);
    if (claim.read) expect(observed.read, 'read').toBe(claim.read);
    if (claim.write) expect(observed.write, 'write').toBe(claim.write);
  });
}
