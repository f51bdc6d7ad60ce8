// The bank's accounts. Everything lives in memory: a lab resets to its seed, it never
// needs to survive a restart. Node runs one handler at a time, and `transfer` never
// awaits between its check and its update, so each transfer is atomic.
import { randomBytes, scrypt as scryptCallback, scryptSync, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import { BANK_ROUTING } from '../../catalog/index.js';
import { BoundedLog } from './bounded-log.js';
import { ClientError } from './errors.js';

const scrypt = promisify(scryptCallback) as (password: string, salt: Buffer, keylen: number) => Promise<Buffer>;

export interface SeedUser {
  username: string;
  password: string;
  accountNumber: string;
  balanceCents: number;
}

/** The demo users. Their passwords are shown on the login page and in the README on purpose. */
export const seedUsers: readonly SeedUser[] = [
  { username: 'alice', password: 'alice-loves-cats', accountNumber: '1001', balanceCents: 2_500_000 },
  { username: 'bob', password: 'bob-builds-bridges', accountNumber: '1002', balanceCents: 1_000_000 },
  // The attacker's own account, where the seed's `/transfer_to/555/1234/...` sends the money.
  { username: 'mallory', password: 'mallory-moves-money', accountNumber: '1234', balanceCents: 100 },
];

export interface Account {
  username: string;
  accountNumber: string;
  balanceCents: number;
  apiKey: string;
  passwordSalt: Buffer;
  passwordHash: Buffer;
}

export interface Transfer {
  id: number;
  from: string;
  to: string;
  amountCents: number;
  at: string;
}

const KEY_LENGTH = 32;

/**
 * The bank remembers this many transfers, newest kept. Balances are never trimmed, so money
 * is still conserved; only the oldest lines of `history` fall off, as on a bank statement.
 */
export const TRANSFER_HISTORY_CAPACITY = 10_000;

/**
 * Accounts can't be evicted: their balances are part of the money the lab conserves. So
 * the lab API may create at most this many (a class of 50 needs 50; the matrix a few dozen
 * per run) until the next reset.
 */
export const CREATED_ACCOUNTS_CAPACITY = 1_000;

function hashPasswordSync(password: string): { passwordSalt: Buffer; passwordHash: Buffer } {
  const passwordSalt = randomBytes(16);
  return { passwordSalt, passwordHash: scryptSync(password, passwordSalt, KEY_LENGTH) };
}

function newApiKey(): string {
  return `sk_live_${randomBytes(12).toString('hex')}`;
}

// Hashing is slow on purpose; hash each seed password once per process and reuse it.
const seedHashes = new Map<string, { passwordSalt: Buffer; passwordHash: Buffer }>();
function seedHash(user: SeedUser) {
  if (!seedHashes.has(user.username)) seedHashes.set(user.username, hashPasswordSync(user.password));
  return seedHashes.get(user.username)!;
}

export class Accounts {
  private byUsername = new Map<string, Account>();
  private byNumber = new Map<string, Account>();
  private transfers: BoundedLog<Transfer>;
  private nextAccountNumber = 2000;
  private created = 0;
  // Never reset, not even by `reset`: a transfer id is never reused, so one that fell off the
  // bounded history can't be mistaken for a newer one.
  private nextTransferId = 1;

  constructor(private readonly limits = { transfers: TRANSFER_HISTORY_CAPACITY, createdAccounts: CREATED_ACCOUNTS_CAPACITY }) {
    this.transfers = new BoundedLog(limits.transfers);
    this.reset();
  }

  reset(): void {
    this.byUsername.clear();
    this.byNumber.clear();
    this.transfers.clear();
    this.nextAccountNumber = 2000;
    this.created = 0;
    for (const user of seedUsers) {
      const hash = seedHash(user);
      this.add({ ...user, ...hash, apiKey: newApiKey() });
    }
  }

  private add(account: Account): Account {
    this.byUsername.set(account.username, account);
    this.byNumber.set(account.accountNumber, account);
    return account;
  }

  create(username: string, password: string, balanceCents: number): Account {
    if (this.byUsername.has(username)) throw new ClientError(409, `user ${username} already exists`);
    if (this.created >= this.limits.createdAccounts) {
      throw new ClientError(
        409,
        `the lab already holds ${this.limits.createdAccounts} created accounts, its limit; reset the lab (POST /lab/reset) to start over`,
      );
    }
    this.created++;
    const accountNumber = String(this.nextAccountNumber++);
    return this.add({
      username,
      accountNumber,
      balanceCents,
      apiKey: newApiKey(),
      ...hashPasswordSync(password),
    });
  }

  get(username: string): Account | undefined {
    return this.byUsername.get(username);
  }

  /** The account if the password matches, else undefined. Constant-time on the hash. */
  async verify(username: string, password: string): Promise<Account | undefined> {
    const account = this.byUsername.get(username);
    if (!account) return undefined;
    const hash = await scrypt(password, account.passwordSalt, KEY_LENGTH);
    return timingSafeEqual(hash, account.passwordHash) ? account : undefined;
  }

  /** Moves money atomically; a balance never goes below zero. */
  transfer(fromUsername: string, routing: string, toAccountNumber: string, amountCents: number): Transfer {
    const from = this.byUsername.get(fromUsername);
    if (!from) throw new ClientError(401, 'not logged in');
    if (routing !== BANK_ROUTING) throw new ClientError(422, `unknown routing number ${routing}`);
    const to = this.byNumber.get(toAccountNumber);
    if (!to) throw new ClientError(422, `no account ${toAccountNumber} at this bank`);
    if (to === from) throw new ClientError(422, 'cannot transfer to your own account');
    if (!Number.isSafeInteger(amountCents) || amountCents <= 0) {
      throw new ClientError(422, 'amount must be more than zero');
    }
    if (from.balanceCents < amountCents) throw new ClientError(409, 'insufficient funds');
    from.balanceCents -= amountCents;
    to.balanceCents += amountCents;
    const transfer: Transfer = {
      id: this.nextTransferId++,
      from: from.accountNumber,
      to: to.accountNumber,
      amountCents,
      at: new Date().toISOString(),
    };
    this.transfers.push(transfer);
    return transfer;
  }

  totalCents(): number {
    let total = 0;
    for (const account of this.byUsername.values()) total += account.balanceCents;
    return total;
  }

  all(): Account[] {
    return [...this.byUsername.values()];
  }

  history(accountNumber: string): Transfer[] {
    const found: Transfer[] = [];
    for (const t of this.transfers) if (t.from === accountNumber || t.to === accountNumber) found.push(t);
    return found;
  }
}
