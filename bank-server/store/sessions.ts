// Sessions: a random id maps to a user name. The id, never the name, goes in the cookie.
//
// Bounded two ways, so a script that logs in forever can't grow the map forever:
// - idle expiry: a session unused for `idleMs` is gone. Every use (a request whose cookie
//   names it) restarts the clock, so a victim who is active is never logged out mid-run;
// - a cap: past `capacity` sessions, the least recently used one is evicted first. It is the
//   session least likely to belong to someone still at the keyboard.
// The Map keeps insertion order, and a use re-inserts its session at the end, so the
// first entry is always the least recently used: both bounds only ever trim the front.
import { randomBytes } from 'node:crypto';

/** Two hours without a request ends a session: longer than any lab exercise's pause. */
export const SESSION_IDLE_MS = 2 * 60 * 60 * 1000;

/** A class of 50 with a few browsers each needs a few hundred; the matrix a few dozen per run. */
export const SESSION_CAPACITY = 10_000;

export interface SessionLimits {
  idleMs: number;
  capacity: number;
  /** The clock, in milliseconds; tests pass their own. */
  now: () => number;
}

interface Session {
  username: string;
  lastUsed: number;
}

export class Sessions {
  private sessions = new Map<string, Session>();
  private readonly limits: SessionLimits;

  constructor(limits: Partial<SessionLimits> = {}) {
    this.limits = { idleMs: SESSION_IDLE_MS, capacity: SESSION_CAPACITY, now: Date.now, ...limits };
  }

  get size(): number {
    return this.sessions.size;
  }

  create(username: string): string {
    const id = randomBytes(24).toString('base64url');
    this.dropIdle();
    this.sessions.set(id, { username, lastUsed: this.limits.now() });
    // Least recently used first: the Map's first key.
    while (this.sessions.size > this.limits.capacity) this.sessions.delete(this.sessions.keys().next().value!);
    return id;
  }

  /** The session's user, or undefined if it never existed, expired or was evicted. A hit counts as a use. */
  userOf(id: string): string | undefined {
    const session = this.sessions.get(id);
    if (!session) return undefined;
    const now = this.limits.now();
    this.sessions.delete(id);
    if (now - session.lastUsed > this.limits.idleMs) return undefined;
    session.lastUsed = now;
    this.sessions.set(id, session);
    return session.username;
  }

  destroy(id: string): void {
    this.sessions.delete(id);
  }

  clear(): void {
    this.sessions.clear();
  }

  /** Drops expired sessions; they sit at the front, oldest use first. */
  private dropIdle(): void {
    const oldestAllowed = this.limits.now() - this.limits.idleMs;
    for (const [id, session] of this.sessions) {
      if (session.lastUsed >= oldestAllowed) break;
      this.sessions.delete(id);
    }
  }
}
