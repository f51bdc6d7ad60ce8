// The server's side of each cell, asked of the real bank code — in-process, no browser.
// The rules predict the request a browser would send (headers, cookies); the bank's own
// @fastify/cors and defenses then say what it answers. The bank is not what the matrix
// tests: what the browser does with the answer is.
import { buildBank } from '../bank-server/app.js';
import { bankOrigin, configurationBase, TRANSFER, probeId, type Attack, type CookieVariant, type LabConfiguration } from '../catalog/index.js';
import type { Headers } from './cors-check.js';
import { SOCKET_MESSAGE } from '../catalog/index.js';

export interface BankAnswer {
  status: number;
  headers: Headers;
  user: string | null;
  stateChanged: boolean;
  refusedBy: string | null;
  message: string | null;
}

export interface PredictedRequest {
  originHeader: string | null;
  referer: string | null;
  /** null: the browser sends no Fetch Metadata on this request (a WebSocket handshake in Chromium). */
  secFetchSite: string | null;
  secFetchMode: string | null;
  secFetchDest: string | null;
  cookies: CookieVariant[];
}

function bodyOf(attack: Attack): { payload?: string; contentType?: string } {
  const { contentType } = attack.request;
  if (contentType === null) return {};
  const encoded = contentType.startsWith('application/x-www-form-urlencoded') ? new URLSearchParams(TRANSFER).toString() : JSON.stringify(TRANSFER);
  return { payload: encoded, contentType };
}

function headersOf(res: { headers: Record<string, string | string[] | number | undefined> }): Headers {
  return Object.fromEntries(Object.entries(res.headers).map(([k, v]) => [k, v === undefined ? undefined : String(v)]));
}

/**
 * Whatever answers for the server side of a prediction: the lab's bank in-process
 * (BankOracle), or, for `cors-lab probe`, a user's running API asked with safe requests.
 */
export interface ServerOracle {
  preflight(config: LabConfiguration, attack: Attack, originHeader: string, unsafeHeaders: string[]): Promise<BankAnswer>;
  actual(config: LabConfiguration, attack: Attack, request: PredictedRequest): Promise<BankAnswer>;
}

export class BankOracle implements ServerOracle {
  private probes = 0;

  private constructor(
    private readonly app: ReturnType<typeof buildBank>,
    private readonly signedSession: Map<string, string>,
    private readonly root: boolean,
    private readonly host: string,
  ) {}

  /**
   * The lab's bank with the catalog's configurations; or, given `rootConfiguration`, the bank
   * `cors-lab check` builds from a user's options, asked under the user's API host name.
   */
  static async open(options: { rootConfiguration?: LabConfiguration; configurations?: readonly LabConfiguration[]; host?: string } = {}): Promise<BankOracle> {
    const app = buildBank({
      cookieSecret: 'the-oracle-signs-its-own-cookies-0123456789',
      rootConfiguration: options.rootConfiguration,
      configurations: options.configurations,
    });
    await app.ready();
    await app.inject({ method: 'POST', url: '/lab/accounts', payload: { username: 'oracle', password: 'oracle-password', balanceCents: 1_000_000_000 } });
    const login = await app.inject({ method: 'POST', url: '/login', payload: { username: 'oracle', password: 'oracle-password' } });
    const host = options.host ?? new URL(bankOrigin).host;
    return new BankOracle(app, new Map(login.cookies.map((c) => [c.name, c.value])), options.rootConfiguration !== undefined, host);
  }

  /**
   * The entries the bank recorded for the question asked at `url` since `afterSeq`: the ledger
   * grows with every question, and only what came after this one's start can be its own.
   */
  private recorded(url: string, afterSeq: number) {
    return this.app.lab.ledger.query({ probePrefix: new URL(url, 'http://x').searchParams.get('probe')!, afterSeq });
  }

  private url(config: LabConfiguration, attack: Attack): string {
    const base = this.root ? '' : configurationBase(config.id);
    return `${base}${attack.request.path}?probe=${probeId('oracle', { n: ++this.probes })}`;
  }

  async preflight(config: LabConfiguration, attack: Attack, originHeader: string, unsafeHeaders: string[]): Promise<BankAnswer> {
    const res = await this.app.inject({
      method: 'OPTIONS',
      url: this.url(config, attack),
      headers: {
        host: this.host,
        origin: originHeader,
        'access-control-request-method': attack.request.method,
        ...(unsafeHeaders.length > 0 ? { 'access-control-request-headers': unsafeHeaders.join(',') } : {}),
      },
    });
    return { status: res.statusCode, headers: headersOf(res), user: null, stateChanged: false, refusedBy: null, message: null };
  }

  private headersFor(attack: Attack, request: PredictedRequest): Record<string, string> {
    const { contentType } = bodyOf(attack);
    const cookie = request.cookies.map((v) => `${v.cookieName}=${this.signedSession.get(v.cookieName)}`).join('; ');
    const optional = {
      origin: request.originHeader,
      referer: request.referer,
      'content-type': contentType ?? null,
      cookie: cookie || null,
      'sec-fetch-site': request.secFetchSite,
      'sec-fetch-mode': request.secFetchMode,
      'sec-fetch-dest': request.secFetchDest,
    };
    return { host: this.host, ...Object.fromEntries(Object.entries(optional).filter((e): e is [string, string] => e[1] !== null)) };
  }

  async actual(config: LabConfiguration, attack: Attack, request: PredictedRequest): Promise<BankAnswer> {
    if (attack.request.mode === 'websocket') return this.socket(config, attack, request);
    const { payload } = bodyOf(attack);
    const url = this.url(config, attack);
    const since = this.app.lab.ledger.lastSeq;
    const res = await this.app.inject({ method: attack.request.method, url, payload, headers: this.headersFor(attack, request) });
    const [entry] = this.recorded(url, since);
    let message: string | null = null;
    try {
      message = (res.json() as { message?: string }).message ?? null;
    } catch {
      message = null;
    }
    return {
      status: res.statusCode,
      headers: headersOf(res),
      user: entry?.user ?? null,
      stateChanged: entry?.stateChanged ?? false,
      refusedBy: entry?.refusedBy ?? null,
      message,
    };
  }

  /**
   * A WebSocket attack: the handshake, then the attack's one message. The handshake is first
   * asked as a plain GET, which runs the same hooks (cookies, @fastify/cors, the defenses)
   * and is recorded with its user and refusal: anything but the route's own 426 (“upgrade
   * required”) is how the bank refuses the handshake. Only then is a socket opened.
   */
  private async socket(config: LabConfiguration, attack: Attack, request: PredictedRequest): Promise<BankAnswer> {
    const headers = this.headersFor(attack, request);
    const asked = this.url(config, attack);
    const since = this.app.lab.ledger.lastSeq;
    const res = await this.app.inject({ method: 'GET', url: asked, headers });
    const [handshake] = this.recorded(asked, since);
    if (res.statusCode !== 426) {
      let message: string | null = null;
      try {
        message = (res.json() as { message?: string }).message ?? null;
      } catch {
        message = null;
      }
      return { status: res.statusCode, headers: {}, user: handshake?.user ?? null, stateChanged: false, refusedBy: handshake?.refusedBy ?? null, message };
    }
    const url = this.url(config, attack);
    const ws = await this.app.injectWS(url, { headers });
    const text = attack.request.endpoint === 'transfer' ? JSON.stringify({ type: 'transfer', ...TRANSFER }) : JSON.stringify({ type: 'account' });
    const reply = await new Promise<string>((done) => {
      ws.once('message', (data: Buffer) => done(data.toString('utf8')));
      ws.send(text);
    });
    ws.terminate();
    const entries = this.recorded(url, since);
    const messages = entries.filter((e) => e.method === SOCKET_MESSAGE);
    const answered = JSON.parse(reply) as { message?: string };
    return {
      status: 101,
      headers: {},
      user: entries[0]?.user ?? null,
      stateChanged: messages.some((e) => e.stateChanged),
      refusedBy: messages.find((e) => e.refusedBy)?.refusedBy ?? null,
      message: answered.message ?? null,
    };
  }

  async close(): Promise<void> {
    await this.app.close();
  }
}
