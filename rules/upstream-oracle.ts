// The server's side of a `cors-lab probe` prediction, asked of the user's running API with
// safe requests the tool makes itself, outside any browser: the preflights (OPTIONS), and the
// --read request carrying exactly the cookies the rules say would ride along. A write is
// never sent by the oracle: its effect on the server is only observed, never predicted. The
// HTTP client is passed in (world/upstream-client.ts), so the rules stay below the world.
import type { Attack, CookieVariantId, LabConfiguration } from '../catalog/index.js';
import type { BankAnswer, PredictedRequest, ServerOracle } from './bank-oracle.js';

export interface UpstreamAnswer {
  status: number;
  headers: Record<string, string | undefined>;
  body: string;
}

export type SendDirect = (request: { method: string; path: string; headers: Record<string, string> }) => Promise<UpstreamAnswer>;

/** One of the victim's cookies for the API host, with the lab cookie variant its SameSite makes it. */
export interface SessionCookie {
  name: string;
  value: string;
  /** The variant with the same SameSite (`unset` when the server wrote none): the rules reason per variant. */
  variant: CookieVariantId;
}

/** Marks a request the oracle makes, so the user's logs can tell it from a browser's. */
const ORACLE_MARK = 'cors-lab-oracle';

export class UpstreamOracle implements ServerOracle {
  private readonly answers = new Map<string, Promise<UpstreamAnswer>>();

  constructor(
    private readonly send: SendDirect,
    /** The --read path (and query); the read attacks are GETs to it. */
    private readonly readPath: string,
    private readonly cookies: readonly SessionCookie[],
    /** What --read answers with no session: a body that differs from it holds the victim's data. */
    private readonly anonymous: UpstreamAnswer,
  ) {}

  /** A body that holds the victim's data: it differs from the answer without the session. */
  holdsVictimData(answer: { status?: number; body?: string }): boolean {
    return answer.body !== undefined && answer.body.trim() !== this.anonymous.body.trim();
  }

  /** The --read answer with these cookies (by name) and no other header; asked once per set. */
  readWith(names: readonly string[], headers: Record<string, string> = {}): Promise<UpstreamAnswer> {
    const cookie = this.cookies
      .filter((c) => names.includes(c.name))
      .map((c) => `${c.name}=${c.value}`)
      .join('; ');
    const key = JSON.stringify([cookie, headers]);
    let answer = this.answers.get(key);
    if (!answer) {
      answer = this.send({ method: 'GET', path: this.readPath, headers: { ...headers, ...(cookie ? { cookie } : {}), 'user-agent': ORACLE_MARK } });
      this.answers.set(key, answer);
    }
    return answer;
  }

  /** Whether this set of cookies makes the API treat a request as the victim's. */
  async authenticates(names: readonly string[]): Promise<boolean> {
    if (!this.cookies.some((c) => names.includes(c.name))) return false;
    return this.holdsVictimData(await this.readWith(names));
  }

  async preflight(_config: LabConfiguration, attack: Attack, originHeader: string, unsafeHeaders: string[]): Promise<BankAnswer> {
    const res = await this.send({
      method: 'OPTIONS',
      path: attack.request.path,
      headers: {
        origin: originHeader,
        'access-control-request-method': attack.request.method,
        ...(unsafeHeaders.length > 0 ? { 'access-control-request-headers': unsafeHeaders.join(',') } : {}),
        'sec-fetch-mode': 'cors',
        'user-agent': ORACLE_MARK,
      },
    });
    return { status: res.status, headers: res.headers, user: null, stateChanged: false, refusedBy: null, message: null };
  }

  async actual(_config: LabConfiguration, attack: Attack, request: PredictedRequest): Promise<BankAnswer> {
    const names = this.cookies.filter((c) => request.cookies.some((v) => v.id === c.variant)).map((c) => c.name);
    if (attack.request.method !== 'GET' || attack.request.path !== this.readPath) {
      // A write, or a GET to the write endpoint: never sent by the tool. Whether its cookies
      // would carry the session is asked of --read instead; what the API would do is observed only.
      const user = (await this.authenticates(names)) ? 'victim' : null;
      return {
        status: 0,
        headers: {},
        user,
        stateChanged: false,
        refusedBy: null,
        message: 'not sent: the tool never sends a write itself; its effect is only observed',
      };
    }
    // The headers the browser would send; a null one is a header it leaves out.
    const headers = {
      origin: request.originHeader,
      referer: request.referer,
      'sec-fetch-site': request.secFetchSite,
      'sec-fetch-mode': request.secFetchMode,
      'sec-fetch-dest': request.secFetchDest,
    };
    const res = await this.readWith(names, Object.fromEntries(Object.entries(headers).filter((e): e is [string, string] => e[1] !== null)));
    return { status: res.status, headers: res.headers, user: this.holdsVictimData(res) ? 'victim' : null, stateChanged: false, refusedBy: null, message: null };
  }
}
