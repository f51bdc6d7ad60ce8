// mockttp's client-went-away lines stay out of the console while a world runs; every other
// line gets through, and the console is itself again once the last world stops.
import { expect, test } from '@playwright/test';
import { quietProxyConsole } from '../../../world/proxy-console.js';

test('while worlds run, only the noise is dropped; after the last stops, the console is restored', () => {
  const seen: unknown[][] = [];
  const before = { error: console.error, warn: console.warn };
  console.error = (...args: unknown[]) => seen.push(['error', ...args]);
  console.warn = (...args: unknown[]) => seen.push(['warn', ...args]);
  try {
    const first = quietProxyConsole();
    const second = quietProxyConsole();
    console.error('Failed to handle request:', 'aborted');
    console.error('Failed to handle request:', 'socket hang up');
    console.warn('Passthrough callback set the URL and the host header to mismatched values, which may be a mistake');
    console.error('Failed to handle request:', 'Cannot read properties of undefined');
    console.warn('something else');
    first();
    first();
    console.error('Failed to handle request:', 'aborted');
    second();
    console.error('Failed to handle request:', 'aborted');
  } finally {
    console.error = before.error;
    console.warn = before.warn;
  }
  expect(seen).toEqual([
    ['error', 'Failed to handle request:', 'Cannot read properties of undefined'],
    ['warn', 'something else'],
    ['error', 'Failed to handle request:', 'aborted'],
  ]);
});
