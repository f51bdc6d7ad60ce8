// The probe world's guard on writes (world/probe-world.ts). A request to one of the run's write
// paths, other than a preflight, is a write. Each marker (one attack, origin, browser, cookie
// policy and target) may send `writeCap` writes to each write path; the proxy answers the rest
// itself, so they never reach the API. Against a host that isn't local, writes are paced: at
// least `paceMs` apart whichever write path they go to, since they all reach the one API.

export interface WriteGateInput {
  /** The write paths (no query): requests to them, other than preflights, count as writes. */
  writePaths: readonly string[];
  /** Writes allowed per marker and write path. */
  writeCap: number;
  /** Least time between two writes reaching the API (0: no pacing). */
  paceMs: number;
}

/** What the proxy does with one request: refuse it, or pass it on once `waitMs` has gone by. */
export type WriteDecision = { refuse: true } | { refuse: false; waitMs: number };

/** The marker of a write that carried none (no attack sends one; counted all the same). */
const UNTAGGED = '(untagged)';

export class WriteGate {
  private readonly paths: ReadonlySet<string>;
  private readonly sent = new Map<string, number>();
  private readonly refusals = new Map<string, number>();
  private nextWriteAt = 0;

  constructor(private readonly input: WriteGateInput) {
    this.paths = new Set(input.writePaths);
  }

  /** Decides one request to `path` (no query) carrying `marker`, at time `now`. */
  admit(method: string, path: string, marker: string | null, now = Date.now()): WriteDecision {
    if (method === 'OPTIONS' || !this.paths.has(path)) return { refuse: false, waitMs: 0 };
    const key = `${path}\u0000${marker ?? UNTAGGED}`;
    const count = (this.sent.get(key) ?? 0) + 1;
    this.sent.set(key, count);
    if (count > this.input.writeCap) {
      this.refusals.set(path, this.refused(path) + 1);
      return { refuse: true };
    }
    if (this.input.paceMs === 0) return { refuse: false, waitMs: 0 };
    const waitMs = Math.max(0, this.nextWriteAt - now);
    this.nextWriteAt = Math.max(now, this.nextWriteAt) + this.input.paceMs;
    return { refuse: false, waitMs };
  }

  /** Writes to `path` refused because their marker had used its cap. */
  refused(path: string): number {
    return this.refusals.get(path) ?? 0;
  }
}
