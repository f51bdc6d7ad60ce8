// A class on one lab: each learner has a bank of their own (accounts, sessions, ledger, live
// stream and active configuration) behind a path prefix, /l/<key>/, on both servers. The prefix
// is carried by every request a learner's pages send, with or without a cookie, so even the
// requests that arrive without the session cookie (the lesson's key ones) are attributed.
//
// The key is 128 random bits (RFC 4086 §3: unguessable), written in base64url (RFC 4648 §5):
// knowing it is what lets a page reach that learner's bank, as with a capability URL. A path
// prefix rather than a host per learner: one certificate and three DNS names serve the whole
// class, and learners never become each other's same-site siblings.

/** The characters of a learner key: 16 random bytes in base64url, without padding. */
export const LEARNER_KEY_PATTERN = '[A-Za-z0-9_-]{22}';

/** The first path segment that introduces a learner's key. */
export const LEARNER_SEGMENT = 'l';

const KEY = new RegExp(`^${LEARNER_KEY_PATTERN}$`);
const PREFIXED = new RegExp(`^/${LEARNER_SEGMENT}/(${LEARNER_KEY_PATTERN})(?=/|\\?|$)`);

export function isLearnerKey(value: string): boolean {
  return KEY.test(value);
}

/** The path prefix of a learner's bank and pages: `/l/<key>`; the empty string for the lab's own (no learner). */
export function learnerBase(key: string | null): string {
  if (key === null) return '';
  if (!isLearnerKey(key)) throw new Error(`not a learner key: ${JSON.stringify(key)}`);
  return `/${LEARNER_SEGMENT}/${key}`;
}

/**
 * Splits a request path into its learner key and the path the lab's routes know, e.g.
 * `/l/<key>/c/reflect/transfer?x=1` → `{ key, rest: '/c/reflect/transfer?x=1' }`. A path
 * without the prefix has no learner.
 */
export function splitLearnerPath(url: string): { key: string | null; rest: string } {
  const match = PREFIXED.exec(url);
  if (!match) return { key: null, rest: url };
  const rest = url.slice(match[0].length);
  return { key: match[1]!, rest: rest.startsWith('/') ? rest : `/${rest}` };
}
