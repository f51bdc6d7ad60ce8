import { configurations, cookieVariant, corsOptionsSource, defenses, type LabConfiguration } from '../../catalog/index.js';
import { html } from '../../runtime/html.js';
import { page } from './layout.js';

/** What the active configuration answers one attacking origin. */
export interface HeaderPreview {
  origin: string;
  originId: string;
  allowOrigin: string | null;
  allowCredentials: string | null;
  preflightStatus: number;
  allowMethods: string | null;
}

export interface LabControlAccess {
  /** The lab is shared and this request came from another machine: changes take the trainer token. */
  tokenRequired: boolean;
}

export function labControlPage(active: LabConfiguration, previews: HeaderPreview[], access: LabControlAccess = { tokenRequired: false }): string {
  return page(
    'Lab control — Lab Bank',
    html`<header><h1>Lab control</h1><nav><a href="/">Back to the account</a></nav></header>
<main>
  <p>Only the bank’s own pages can reach this page: a request from any other origin gets 403.</p>
  ${
    access.tokenRequired
      ? html`<form id="trainer-token"><p>This lab is shared with the network: switching and resetting take the trainer token the bank printed when it started. It stays in this tab only (sessionStorage), and is sent with each change.</p>
    <p><label for="token">Trainer token</label><br><input id="token" name="token" type="password" autocomplete="off" required minlength="16">
    <button type="submit">Use this token</button> <output id="token-state"></output></p></form>`
      : ''
  }
  <form id="switch" method="post" action="/lab/config">
    <p><label for="config">Active configuration</label><br>
    <select id="config" name="configuration">${configurations.map(
      (c) => html`<option value="${c.id}" ${c.id === active.id ? html`selected` : ''}>${c.id} — ${c.title}${c.unsafe ? ` (unsafe: ${c.unsafe})` : ''}</option>`,
    )}</select>
    <button type="submit">Switch</button></p>
  </form>
  <form id="reset" method="post" action="/lab/reset"><p><button type="submit">Reset the bank</button> (accounts, sessions, ledger and configuration back to the start)</p></form>

  <h2 id="active-title">${active.id}: ${active.title}</h2>
  ${active.unsafe ? html`<p id="active-unsafe" class="unsafe">unsafe: ${active.unsafe}</p>` : ''}
  <p>${active.whatGoesWrong}</p>
  <dl>
    <dt>Defenses</dt><dd>${active.defenses.length === 0 ? 'none' : active.defenses.map((d) => defenses.find((x) => x.id === d)!.title).join(', ')}</dd>
    <dt>Session cookie that authenticates</dt><dd><code>${cookieVariant(active.sessionCookie).cookieName}</code></dd>
  </dl>
  <h3>The @fastify/cors options, exactly as registered</h3>
  <pre><code id="cors-options">${corsOptionsSource(active.cors)}</code></pre>

  <h3>What the bank answers each attacking origin</h3>
  <table id="headers">
    <caption>GET /rates, and an OPTIONS preflight for a JSON PUT, sent with each Origin</caption>
    <thead><tr><th scope="col">Origin</th><th scope="col">Access-Control-Allow-Origin</th><th scope="col">Allow-Credentials</th><th scope="col">Preflight</th><th scope="col">Allow-Methods</th></tr></thead>
    <tbody>${previews.map(
      (p) =>
        html`<tr data-origin="${p.originId}"><th scope="row">${p.originId} <code>${p.origin}</code></th><td>${p.allowOrigin ?? '(absent: reading refused)'}</td><td>${p.allowCredentials ?? '(absent)'}</td><td>${p.preflightStatus}</td><td>${p.allowMethods ?? '(absent)'}</td></tr>`,
    )}</tbody>
  </table>
</main>
<script type="module" src="/assets/lab-control.js"></script>`,
  );
}
