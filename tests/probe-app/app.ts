// A small real API for `cors-lab probe` to aim at: Express with the `cors` package, a cookie
// login, GET /me and POST /transfer, as many teams write one. Its CORS options and its session
// cookie's SameSite are the test's to choose; it may also serve several CORS setups of the same
// API side by side under path prefixes, behind one login. `buildProbeApp` builds;
// `startProbeApp` listens on an ephemeral loopback port, for the tests alone.
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import cors, { type CorsOptions } from 'cors';
import express from 'express';

export type SameSite = 'None' | 'Lax' | 'Strict' | 'unset';

export type ProbeAppOptions = {
  /** The session cookie's SameSite attribute; `unset` writes none (Secure is always set). */
  sameSite: SameSite;
  /** Set no cookie at login (to test that the tool says so). */
  noCookie?: boolean;
} & (
  | {
      /** The API at the root: /me and /transfer behind these CORS options. */
      cors: CorsOptions;
    }
  | {
      /** The API's setups side by side, by path prefix (`/reflect` serves /reflect/me and /reflect/transfer), each behind its own CORS options; the one login, at the root, is good for all. */
      mounts: Record<`/${string}`, CorsOptions>;
    }
);

export const PROBE_APP_USER = { username: 'alice', password: 'alice-probe-password' };

/** One transfer the app performed: the tests compare it with what the tool reported. */
export interface Transfer {
  /** The prefix of the setup that performed it ('' at the root). */
  mount: string;
  user: string;
  to: string;
  amount: string;
}

export function buildProbeApp(options: ProbeAppOptions) {
  const app = express();
  const sessions = new Map<string, string>();
  const transfers: Transfer[] = [];
  /** Every request that reached the app, `METHOD /path?query`: the marker must never be there. */
  const requests: string[] = [];
  app.locals.transfers = transfers;
  app.locals.requests = requests;
  app.locals.sessions = sessions;
  app.use((req, _res, next) => {
    requests.push(`${req.method} ${req.originalUrl}`);
    next();
  });
  const bodies = [express.json(), express.urlencoded({ extended: true })];

  const userOf = (req: express.Request) => {
    const sid = (req.headers.cookie ?? '')
      .split(';')
      .map((p) => p.trim().split('='))
      .find(([k]) => k === 'sid')?.[1];
    return sid === undefined ? undefined : sessions.get(sid);
  };

  /** One setup of the API: /me and /transfer behind its own CORS options (which, at the root, answer for every path, the login's too). */
  const mountApi = (prefix: string, corsOptions: CorsOptions) => {
    const api = express.Router();
    api.use(cors(corsOptions), ...bodies);
    api.get('/me', (req, res) => {
      const user = userOf(req);
      if (!user) {
        res.status(401).json({ error: 'not logged in' });
        return;
      }
      res.json({ user, email: `${user}@example.com`, balance: 2500 - transfers.length });
    });

    api.post('/transfer', (req, res) => {
      const user = userOf(req);
      if (!user) {
        res.status(401).json({ error: 'not logged in' });
        return;
      }
      const { to, amount } = (req.body ?? {}) as Record<string, unknown>;
      // A body this app does not parse (text/plain, say) arrives empty: nothing to transfer.
      if (to === undefined || amount === undefined) {
        res.status(400).json({ error: 'to and amount are required' });
        return;
      }
      transfers.push({ mount: prefix, user, to: String(to), amount: String(amount) });
      res.json({ ok: true, transfers: transfers.length });
    });
    return api;
  };
  const mounts: Record<string, CorsOptions> = 'mounts' in options ? options.mounts : { '': options.cors };
  for (const [prefix, corsOptions] of Object.entries(mounts)) app.use(prefix || '/', mountApi(prefix, corsOptions));

  app.post('/session', ...bodies, (req, res) => {
    const { username, password } = (req.body ?? {}) as Record<string, string>;
    if (username !== PROBE_APP_USER.username || password !== PROBE_APP_USER.password) {
      res.status(401).json({ error: 'wrong user name or password' });
      return;
    }
    if (!options.noCookie) {
      const sid = randomBytes(16).toString('hex');
      sessions.set(sid, username);
      res.setHeader('Set-Cookie', `sid=${sid}; Path=/; HttpOnly; Secure${options.sameSite === 'unset' ? '' : `; SameSite=${options.sameSite}`}`);
    }
    res.json({ ok: true });
  });

  return app;
}

export async function startProbeApp(options: ProbeAppOptions) {
  const app = buildProbeApp(options);
  const server = await new Promise<import('node:http').Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    transfers: app.locals.transfers as Transfer[],
    requests: app.locals.requests as string[],
    /** Every session id the app handed out: none may appear in a report. */
    sessionIds: () => [...(app.locals.sessions as Map<string, string>).keys()],
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}
