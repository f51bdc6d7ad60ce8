import { formatCents } from '../store/money.js';
import type { Account } from '../store/accounts.js';
import { html } from '../../runtime/html.js';
import { page } from './layout.js';

export function homePage(account: Account, activeConfiguration: string): string {
  return page(
    `${account.username} — Lab Bank`,
    html`<header><h1>Lab Bank</h1>
<form method="post" action="/logout"><button type="submit">Log out ${account.username}</button></form></header>
<main>
  <h2>Your account</h2>
  <dl>
    <dt>Account number</dt><dd><code>${account.accountNumber}</code></dd>
    <dt>Balance</dt><dd id="balance">${formatCents(account.balanceCents)}</dd>
    <dt>API key (secret)</dt><dd><code>${account.apiKey}</code></dd>
    <dt>Active configuration</dt><dd><code>${activeConfiguration}</code></dd>
  </dl>
  <p><a href="/lab/">Lab control</a>: switch the configuration, see its CORS headers, reset.</p>
  <h2>What the bank received</h2>
  <p>Every request from now on, live, newest first. The whole ledger as JSON: <a href="/lab/ledger">/lab/ledger</a>.</p>
  <table id="ledger">
    <thead><tr><th scope="col">Time</th><th scope="col">Request</th><th scope="col">Origin</th><th scope="col">Sec-Fetch-Site</th><th scope="col">Cookies</th><th scope="col">User</th><th scope="col">Status</th></tr></thead>
    <tbody></tbody>
  </table>
</main>
<script type="module" src="/assets/ledger.js"></script>`,
  );
}
