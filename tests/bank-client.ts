// The lab control, from Node. Playwright's `request` runs outside any browser, so CORS
// never applies to it: tests use it only to read the ledger, to set up accounts and to reset.
// Node can't resolve bank.localhost (FACTS), so it talks to 127.0.0.1.
import { request, type APIRequestContext } from '@playwright/test';
import type { LedgerEntry } from '../catalog/index.js';
import { bankLoopbackUrl } from '../catalog/index.js';

export const BANK_API = bankLoopbackUrl;

export class BankClient {
  private constructor(private readonly api: APIRequestContext) {}

  /**
   * `trainerToken`: the token of a bank shared with the network, which it requires to change
   * the lab from any peer but loopback (bank-server/plugins/app/lab-guard.ts), sent with every
   * request as `Authorization: Bearer` (RFC 6750 §2.1).
   */
  static async open(trainerToken?: string): Promise<BankClient> {
    const extraHTTPHeaders = trainerToken ? { authorization: `Bearer ${trainerToken}` } : undefined;
    return new BankClient(await request.newContext({ baseURL: BANK_API, extraHTTPHeaders }));
  }

  async ledger(probePrefix: string): Promise<LedgerEntry[]> {
    const res = await this.api.get('/lab/ledger', { params: { probe: probePrefix } });
    if (!res.ok()) throw new Error(`ledger: ${res.status()} ${await res.text()}`);
    return ((await res.json()) as { entries: LedgerEntry[] }).entries;
  }

  async createAccount(username: string, password: string): Promise<{ accountNumber: string }> {
    const res = await this.api.post('/lab/accounts', { data: { username, password } });
    if (res.status() !== 201) throw new Error(`create account: ${res.status()} ${await res.text()}`);
    return res.json();
  }

  /** Back to the seeded bank: balances, sessions, ledger and the default configuration. */
  async reset(): Promise<void> {
    const res = await this.api.post('/lab/reset');
    if (!res.ok()) throw new Error(`reset: ${res.status()} ${await res.text()}`);
  }

  async dispose(): Promise<void> {
    await this.api.dispose();
  }
}
