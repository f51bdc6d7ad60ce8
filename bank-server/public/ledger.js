// Polls the bank's ledger (same origin only) and shows the newest requests first.
const body = document.querySelector('#ledger tbody');
let after = 0;

function cell(text) {
  const td = document.createElement('td');
  td.textContent = text ?? '—';
  return td;
}

async function poll() {
  try {
    const res = await fetch('/lab/ledger?after=' + after);
    const { entries } = await res.json();
    for (const e of entries) {
      after = e.seq;
      const tr = document.createElement('tr');
      tr.append(
        cell(e.time.slice(11, 19)),
        cell(e.method + ' ' + e.path),
        cell(e.origin),
        cell(e.secFetchSite),
        cell(e.cookiesSent.join(', ') || 'none'),
        cell(e.user),
        cell(String(e.status)),
      );
      body.prepend(tr);
    }
  } finally {
    setTimeout(poll, 1000);
  }
}
poll();
