// @ts-check
// The lab control's forms, sent as the JSON the lab API takes; the page then reloads.
// When the lab is shared with the network, the page shows a trainer-token form: the token
// is kept in this tab's sessionStorage (never in the page, which every learner may open)
// and sent as `Authorization: Bearer` with each change.
const TOKEN_KEY = 'cors-lab-trainer-token';
const tokenForm = /** @type {HTMLFormElement | null} */ (document.querySelector('form#trainer-token'));
const tokenState = document.querySelector('#token-state');

/**
 * A named control of `form` (an input or a select).
 * @param {HTMLFormElement} form
 * @param {string} name
 */
const field = (form, name) => /** @type {HTMLInputElement | HTMLSelectElement} */ (form.elements.namedItem(name));

function showTokenState() {
  if (tokenState) tokenState.textContent = sessionStorage.getItem(TOKEN_KEY) ? 'A token is set for this tab.' : 'No token set.';
}

tokenForm?.addEventListener('submit', (event) => {
  event.preventDefault();
  sessionStorage.setItem(TOKEN_KEY, field(tokenForm, 'token').value);
  field(tokenForm, 'token').value = '';
  showTokenState();
});
showTokenState();

for (const form of document.querySelectorAll('form#switch, form#reset')) {
  if (!(form instanceof HTMLFormElement)) continue;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const isSwitch = form.getAttribute('id') === 'switch';
    /** @type {Record<string, string>} */
    const headers = isSwitch ? { 'Content-Type': 'application/json' } : {};
    const token = sessionStorage.getItem(TOKEN_KEY);
    if (token) headers.Authorization = `Bearer ${token}`;
    const res = await fetch(form.action, {
      method: isSwitch ? 'PUT' : 'POST',
      headers,
      body: isSwitch ? JSON.stringify({ id: field(form, 'configuration').value }) : undefined,
    });
    if (!res.ok) {
      alert((await res.json()).message);
      return;
    }
    location.reload();
  });
}
// The forms answer through fetch from here on; before it, a click would submit them natively
// and show the bank's JSON answer instead of this page.
document.documentElement.dataset.labControlReady = 'true';
