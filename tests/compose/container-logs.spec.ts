// Runs after the browser tests: proves they talked to the containers. The compose
// configuration starts no server of its own, and `compose-up` found the ports free before
// `up`; still, the bank container's own request log must hold the seed story's transfers.
import { expect, test } from '@playwright/test';
import { TRANSFER_PATH } from '../../catalog/index.js';
import { compose } from './stack.js';

test('the bank container logged the browser tests’ requests', async () => {
  const log = await compose('logs', '--no-color', 'bank');
  const transfers = log.split('\n').filter((line) => line.includes(TRANSFER_PATH));
  expect(transfers.length, `requests for ${TRANSFER_PATH} in the bank container's log`).toBeGreaterThan(0);
  console.log(`[compose] the bank container logged ${transfers.length} requests for ${TRANSFER_PATH}`);
});
