// The server's side of each cell, asked of the real bank code — in-process, no browser.
// The rules predict the request a browser would send (headers, cookies); the bank's own
// @fastify/cors and defenses then say what it answers. The bank is not what the matrix
// tests: what the browser does with the answer is.
import { buildBank } from '../bank-server/app.js';
import { BANK_HOST, BANK_PORT, TRANSFER, type Attack, type CookieVariant, type LabConfiguration } from '../catalog/index.js';
import type { Headers } from './cors-check.js';

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
  secFetchSite: string;
  secFetchMode: string;
  secFetchDest: string;
  cookies: CookieVariant[];
}

function bodyOf(attack: Attack): { payload?: string; contentType?: string } {
  const { contentType } = attack.request;
  if (contentType === null) return {};
  const encoded = contentType.startsWith('application/x-www-form-urlencoded')
    ? new URLSearchParams(TRANSFER).toString()
    : JSON.stringify(TRANSFER);
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
    const app = buildBank({ cookieSecret: 'the-oracle-signs-its-own-cookies-0123456789', rootConfiguration: options.rootConfiguration, configurations: options.configurations });
    await app.ready();
    await app.inject({ method: 'POST', url: '/lab/accounts', payload: { username: 'oracle', password: 'oracle-password', balanceCents: 1_000_000_000 } });
    const login = await app.inject({ method: 'POST', url: '/login', payload: { username: 'oracle', password: 'oracle-password' } });
    const host = options.host ?? `${BANK_HOST}:${BANK_PORT}`;
    return new BankOracle(app, new Map(login.cookies.map((c) => [c.name, c.value])), options.rootConfiguration !== undefined, host);
  }

  private url(config: LabConfiguration, attack: Attack): string {
    const base = this.root ? '' : `/c/${config.id}`;
    return `${base}${attack.request.path}?probe=oracle-${++this.probes}`;
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

  async actual(config: LabConfiguration, attack: Attack, request: PredictedRequest): Promise<BankAnswer> {
    const { payload, contentType } = bodyOf(attack);
    const cookie = request.cookies.map((v) => `${v.cookieName}=${this.signedSession.get(v.cookieName)}`).join('; ');
    const url = this.url(config, attack);
    const res = await this.app.inject({
      method: attack.request.method,
      url,
      payload,
      headers: {
        host: this.host,
        ...(request.originHeader !== null ? { origin: request.originHeader } : {}),
        ...(request.referer !== null ? { referer: request.referer } : {}),
        ...(contentType ? { 'content-type': contentType } : {}),
        ...(cookie ? { cookie } : {}),
        'sec-fetch-site': request.secFetchSite,
        'sec-fetch-mode': request.secFetchMode,
        'sec-fetch-dest': request.secFetchDest,
      },
    });
    const probe = new URL(url, 'http://x').searchParams.get('probe')!;
    const [entry] = this.app.lab.ledger.query({ probePrefix: probe });
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

  async close(): Promise<void> {
    await this.app.close();
  }
}
