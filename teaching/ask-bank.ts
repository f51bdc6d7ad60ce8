// The lab's devices on the attacker server (narrator, explainer) ask the bank's lab control
// server to server. A bank that can't be reached, is too slow, or answers something else
// than expected becomes a 502 with a message — never a crash, never a hanging request.
import type { FastifyReply } from 'fastify';
import type { LedgerEntry } from '../catalog/index.js';

const BANK_TIMEOUT_MS = 5_000;

/**
 * The bank's JSON answer to `GET path` when `isExpected` accepts it; otherwise replies 502
 * with the reason and returns null.
 */
export async function askBank<T>(
  bankInternalUrl: string,
  path: string,
  reply: FastifyReply,
  who: string,
  isExpected: (body: unknown) => body is T,
): Promise<T | null> {
  const fail = async (message: string) => {
    await reply.code(502).send({ error: 'Bad Gateway', message });
    return null;
  };
  let res: Response;
  try {
    res = await fetch(bankInternalUrl + path, { signal: AbortSignal.timeout(BANK_TIMEOUT_MS) });
  } catch {
    return fail(`the ${who} could not reach the bank`);
  }
  if (!res.ok) return fail(`the bank's lab control answered ${res.status}`);
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    return fail(`the bank's lab control answered something other than JSON`);
  }
  return isExpected(body) ? body : fail(`the bank's lab control answered in an unexpected shape`);
}

/** `{ active: string, configurations: [{ id, title }] }`, as GET /lab/config answers. */
export function isLabConfig(body: unknown): body is { active: string; configurations: { id: string; title: string; unsafe: string | null }[] } {
  const b = body as { active?: unknown; configurations?: unknown } | null;
  return typeof b?.active === 'string' && Array.isArray(b.configurations);
}

/** `{ entries: LedgerEntry[] }`, as GET /lab/ledger answers. */
export function isLedgerAnswer(body: unknown): body is { entries: LedgerEntry[] } {
  return Array.isArray((body as { entries?: unknown } | null)?.entries);
}
