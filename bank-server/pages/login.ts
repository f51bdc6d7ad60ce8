import { seedUsers } from '../store/accounts.js';
import { html } from '../../runtime/html.js';
import { page } from './layout.js';

export function loginPage(failed: boolean): string {
  const demoUsers = seedUsers.filter((u) => u.username !== 'mallory');
  return page(
    'Log in — Lab Bank',
    html`<header><h1>Lab Bank</h1><p>A deliberately vulnerable bank for the CORS Lab.</p></header>
<main>
  <h2>Log in</h2>
  ${failed ? html`<p role="alert" class="error">Wrong user name or password.</p>` : ''}
  <form method="post" action="/login">
    <p><label for="username">User name</label><br><input id="username" name="username" autocomplete="username" required></p>
    <p><label for="password">Password</label><br><input id="password" name="password" type="password" autocomplete="current-password" required></p>
    <p><button type="submit">Log in</button></p>
  </form>
  <section aria-labelledby="demo-users">
    <h2 id="demo-users">Demo users</h2>
    <table>
      <thead><tr><th scope="col">User name</th><th scope="col">Password</th></tr></thead>
      <tbody>${demoUsers.map((u) => html`<tr><td><code>${u.username}</code></td><td><code>${u.password}</code></td></tr>`)}</tbody>
    </table>
  </section>
</main>`,
  );
}
