// The lab's devices on the attacker server (narrator, explainer) ask the bank's lab control
// server to server. A bank that can't be reached or answers badly becomes a 502 with a
// message, never a crash.
import type { FastifyReply } from 'fastify';

/** The bank's JSON answer to `GET path`, or null after replying 502 with the reason. */
export async function askBank<T>(bankInternalUrl: string, path: string, reply: FastifyReply, who: string): Promise<T | null> {
  let res: Response;
  try {
    res = await fetch(bankInternalUrl + path);
  } catch {
    await reply.code(502).send({ error: 'Bad Gateway', message: `the ${who} could not reach the bank` });
    return null;
  }
  if (!res.ok) {
    await reply.code(502).send({ error: 'Bad Gateway', message: `the bank's lab control answered ${res.status}` });
    return null;
  }
  return (await res.json()) as T;
}
