// The summary reporter clears old matrix cells only before a run that includes the matrix,
// which its tests declare by their tag, not by where their files happen to live.
import { MATRIX_TAG } from '../../../report/index.js';
import { includesMatrix } from '../../../report/summary-reporter.js';
import { expect, test } from '../bank-server/helper.js';

test('a run includes the matrix when one of its tests carries the matrix tag', () => {
  expect(includesMatrix([{ tags: [] }, { tags: [MATRIX_TAG] }])).toBe(true);
  expect(includesMatrix([{ tags: [] }, { tags: ['@other'] }])).toBe(false);
  expect(includesMatrix([])).toBe(false);
});
