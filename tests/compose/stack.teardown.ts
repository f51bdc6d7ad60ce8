// Stops the stack `compose-up` started, after every test that uses it, also on failure.
// The containers' logs go to the report first: they are gone after `down`.
import { test as teardown } from '@playwright/test';
import { compose } from './stack.js';

teardown('docker-compose down', async ({}, testInfo) => {
  teardown.setTimeout(120_000);
  await testInfo.attach('container logs', { body: await compose('logs', '--no-color'), contentType: 'text/plain' });
  await compose('down', '--remove-orphans', '--volumes');
});
