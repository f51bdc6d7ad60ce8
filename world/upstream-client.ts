// The tool's own requests to the user's API, made directly (outside any browser, so CORS
// does not apply): the setup checks and the rules' safe questions (preflights, the --read
// request). They go to --upstream when given, keeping the API's Host header, as the origin
// world's proxy does; otherwise to the API itself.
import http from 'node:http';
import https from 'node:https';

export interface DirectRequest {
  method: string;
  /** Path and query, e.g. `/me`. */
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface DirectAnswer {
  status: number;
  /** Lower-cased; multi-valued headers joined with `, ` (Set-Cookie kept apart). */
  headers: Record<string, string | undefined>;
  setCookie: string[];
  body: string;
}

/** The upstream did not answer at all (refused, reset, timed out). */
export class UpstreamUnreachable extends Error {
  override name = 'UpstreamUnreachable';
}

export interface UpstreamClient {
  /** Where requests really go: the upstream's origin, or the API's. */
  target: URL;
  send(request: DirectRequest): Promise<DirectAnswer>;
}

export function upstreamClient(api: URL, upstream: URL | null, timeoutMs = 10_000): UpstreamClient {
  const target = upstream ?? api;
  const transport = target.protocol === 'https:' ? https : http;
  return {
    target,
    send: (request) =>
      new Promise<DirectAnswer>((resolve, reject) => {
        const req = transport.request(
          {
            host: target.hostname,
            port: target.port || (target.protocol === 'https:' ? 443 : 80),
            method: request.method,
            path: request.path,
            // The API's own name, as the browser sends it through the proxy.
            headers: {
              host: api.host,
              ...request.headers,
              ...(request.body !== undefined ? { 'content-length': String(Buffer.byteLength(request.body)) } : {}),
            },
            // An upstream on loopback is the user's own process, often with a self-made certificate.
            ...(upstream && target.protocol === 'https:' ? { servername: api.hostname, rejectUnauthorized: false } : {}),
            timeout: timeoutMs,
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => {
              const headers: DirectAnswer['headers'] = {};
              for (const [k, v] of Object.entries(res.headers)) if (k !== 'set-cookie') headers[k] = Array.isArray(v) ? v.join(', ') : v;
              resolve({ status: res.statusCode ?? 0, headers, setCookie: res.headers['set-cookie'] ?? [], body: Buffer.concat(chunks).toString('utf8') });
            });
            res.on('error', reject);
          },
        );
        req.on('timeout', () => req.destroy(new UpstreamUnreachable(`no answer within ${timeoutMs / 1000} s`)));
        req.on('error', (error) => reject(error instanceof UpstreamUnreachable ? error : new UpstreamUnreachable(error.message)));
        if (request.body !== undefined) req.write(request.body);
        req.end();
      }),
  };
}

/** Loopback: a host whose writes never leave this machine (no --allow-writes needed). */
export { isLocalHost } from '../catalog/loopback.js';
