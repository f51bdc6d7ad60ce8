// What both servers answer to every error: `{ error, message }` as JSON (runtime/json-errors.ts),
// and the OPTIONS requests that are no CORS preflight, which @fastify/cors refuses.
import { expect } from '@playwright/test';
import type { LightMyRequestResponse } from 'fastify';

/** OPTIONS requests without what makes one a CORS preflight (Fetch §4.8, "CORS-preflight fetch"). */
export const notPreflights = [
  { desc: 'no Access-Control-Request-Method', headers: { origin: 'http://attacker.localhost:4100' } },
  { desc: 'no Origin', headers: { 'access-control-request-method': 'PUT' } },
  { desc: 'neither header', headers: {} },
];

/** A client error, answered as the servers' JSON error body; `where` names the request in a failure. */
export function expectJsonError(res: LightMyRequestResponse, where: string) {
  expect.soft(res.statusCode, where).toBeGreaterThanOrEqual(400);
  expect.soft(res.statusCode, where).toBeLessThan(500);
  expect.soft(res.headers['content-type'], where).toMatch(/^application\/json/);
  expect.soft(parsed(res.body), where).toEqual({ error: expect.any(String), message: expect.any(String) });
}

/** The body as JSON, or as the text it is, so that a sweep goes on past a plain-text answer. */
function parsed(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return body;
  }
}
