// @ts-check
// Shows the bank's ledger live (Server-Sent Events from /lab/ledger/stream, same origin
// only): every request the bank answers, newest first.
const body = /** @type {HTMLTableSectionElement} */ (document.querySelector('#ledger tbody'));

function cell(text) {
  const td = document.createElement('td');
  td.textContent = text ?? '—';
  return td;
}

function show(e) {
  const tr = document.createElement('tr');
  tr.append(
    cell(e.time.slice(11, 19)),
    cell(e.method + ' ' + e.path),
    cell(e.origin),
    cell(e.secFetchSite),
    cell(e.cookiesSent.join(', ') || 'none'),
    cell(e.user),
    cell(String(e.status) + (e.stateChanged ? ' — state changed' : '') + (e.refusedBy ? ' — refused by ' + e.refusedBy : '')),
  );
  body.prepend(tr);
  while (body.rows.length > 200) body.deleteRow(-1);
}

new EventSource('/lab/ledger/stream').addEventListener('message', (event) => show(JSON.parse(event.data)));
document.documentElement.dataset.ledgerLive = 'true';
