// The status line that moves while browsers run: shown only where the output has a terminal
// (out.status), ticking until the work ends; a CI log gets no extra line.
import { setTimeout as delay } from 'node:timers/promises';
import { expect, test } from '@playwright/test';
import { withStatus } from '../../../cli/command-core.js';

test('on a terminal the status line moves until the work ends, then stops', async () => {
  const statuses: string[] = [];
  const lines: string[] = [];
  const out = { log: (s: string) => lines.push(s), error: (s: string) => lines.push(s), status: (s: string) => statuses.push(s) };
  const result = await withStatus(
    out,
    'chromium and firefox running',
    delay(120).then(() => 'done'),
    20,
  );
  expect(result).toBe('done');
  const shown = statuses.length;
  expect(shown).toBeGreaterThanOrEqual(3);
  for (const s of statuses) expect(s).toMatch(/^ {2}chromium and firefox running · \d+ s$/);
  await delay(80);
  expect(statuses).toHaveLength(shown);
  expect(lines).toEqual([]);
});

test('without a terminal nothing extra is printed, and a failure still comes through', async () => {
  const lines: string[] = [];
  const out = { log: (s: string) => lines.push(s), error: (s: string) => lines.push(s) };
  await expect(withStatus(out, 'running', Promise.reject(new Error('the browser closed')), 20)).rejects.toThrow('the browser closed');
  expect(lines).toEqual([]);
});
