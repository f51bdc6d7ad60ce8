// The learner prefix: what a learner's key looks like, and how a request path splits into the
// key and the path the lab's routes know.
import { randomBytes } from 'node:crypto';
import { expect, test } from '@playwright/test';
import fc from 'fast-check';
import { isLearnerKey, learnerBase, splitLearnerPath } from '../../../catalog/index.js';

const key = 'AbCdEfGhIjKlMnOpQrSt-_';

test('a key is 16 random bytes in base64url, and nothing else is', () => {
  expect(isLearnerKey(randomBytes(16).toString('base64url'))).toBe(true);
  expect(isLearnerKey(key)).toBe(true);
  for (const bad of ['', key.slice(1), `${key}A`, `${key.slice(1)}/`, `${key.slice(1)}=`, `${key.slice(1)}.`]) expect(isLearnerKey(bad)).toBe(false);
  expect(() => learnerBase('../x')).toThrow('not a learner key');
});

test('a prefixed path splits into its key and the route the lab knows', () => {
  expect(splitLearnerPath(`/l/${key}/c/reflect-any-origin/transfer?probe=p`)).toEqual({ key, rest: '/c/reflect-any-origin/transfer?probe=p' });
  expect(splitLearnerPath(`/l/${key}`)).toEqual({ key, rest: '/' });
  expect(splitLearnerPath(`/l/${key}?x=1`)).toEqual({ key, rest: '/?x=1' });
  expect(learnerBase(null)).toBe('');
});

test('a path without a whole key in the first segments has no learner', () => {
  for (const url of ['/', '/lab/ledger', `/c/l/${key}/x`, `/l/${key.slice(1)}/x`, `/l/${key}x/y`, `/L/${key}/x`]) {
    expect(splitLearnerPath(url)).toEqual({ key: null, rest: url });
  }
});

test('the prefix and the split are inverse for any key and path', () => {
  const keys = fc.uint8Array({ minLength: 16, maxLength: 16 }).map((b) => Buffer.from(b).toString('base64url'));
  const paths = fc.webPath().map((p) => (p.startsWith('/') ? p : `/${p}`));
  fc.assert(
    fc.property(keys, paths, (k, path) => {
      expect(splitLearnerPath(learnerBase(k) + path)).toEqual({ key: k, rest: path });
    }),
  );
});
