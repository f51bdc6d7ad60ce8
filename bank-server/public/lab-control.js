// The lab control's two forms, sent as the JSON the lab API takes; the page then reloads.
for (const form of document.querySelectorAll('form#switch, form#reset')) {
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const isSwitch = form.getAttribute('id') === 'switch';
    const res = await fetch(form.action, {
      method: isSwitch ? 'PUT' : 'POST',
      headers: isSwitch ? { 'Content-Type': 'application/json' } : {},
      body: isSwitch ? JSON.stringify({ id: form.elements.configuration.value }) : undefined,
    });
    if (!res.ok) {
      alert((await res.json()).message);
      return;
    }
    location.reload();
  });
}
