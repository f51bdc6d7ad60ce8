// reports/matrix.html: one self-contained page. A grid per browser and cookie policy —
// configurations as rows, origin × attack as columns — where each cell shows a read icon
// and a write icon (symbol and text, never colour alone). Clicking a cell shows the
// explanation, the attack's code and the headers the bank saw and sent. Filters narrow it.
import { attacks, configurations, origins } from '../../catalog/index.js';
import type { MatrixReport } from './report-data.js';

function compact(report: MatrixReport) {
  const steps: [string, string, string][] = [];
  const stepIndex = new Map<string, number>();
  const idOf = (s: { rule: string; says: string; enforcer: string }) => {
    const key = `${s.rule}\u0000${s.says}\u0000${s.enforcer}`;
    if (!stepIndex.has(key)) {
      stepIndex.set(key, steps.length);
      steps.push([s.rule, s.says, s.enforcer]);
    }
    return stepIndex.get(key)!;
  };
  const entry = (e: MatrixReport['cells'][number]['bankSaw']['actual']) =>
    e && {
      method: e.method,
      path: e.path,
      origin: e.origin,
      secFetchSite: e.secFetchSite,
      secFetchMode: e.secFetchMode,
      secFetchDest: e.secFetchDest,
      contentType: e.contentType,
      requestedMethod: e.requestedMethod,
      requestedHeaders: e.requestedHeaders,
      cookiesSent: e.cookiesSent,
      user: e.user,
      status: e.status,
      refusedBy: e.refusedBy,
      corsHeaders: e.corsHeaders,
    };
  return {
    generatedAt: report.generatedAt,
    browsers: report.browsers,
    configs: configurations.map(({ id, title, whatGoesWrong }) => ({ id, title, whatGoesWrong })),
    origins: origins.map(({ id, title, origin }) => ({ id, title, origin })),
    attacks: attacks.map(({ id, title, code, request }) => ({ id, title, code, endpoint: request.endpoint })),
    steps,
    cells: report.cells.map((c) => ({
      b: c.browser,
      p: c.cookiePolicy,
      c: c.config,
      o: c.origin,
      a: c.attack,
      obs: c.observed,
      pre: c.predicted,
      agree: c.agree,
      diff: c.differingFields,
      why: c.explanation.map(idOf),
      preflight: entry(c.bankSaw.preflight),
      actual: entry(c.bankSaw.actual),
      script: { readable: c.scriptSaw.readable, status: c.scriptSaw.status ?? null, error: c.scriptSaw.error ?? null, headers: c.scriptSaw.headers ?? [] },
    })),
  };
}

const STYLE = `
:root { font: 16px/1.45 system-ui, sans-serif; color: #111; background: #fff; }
body { margin: 0 auto; padding: 1rem 1.5rem; max-width: 100%; }
h1 { margin: 0 0 .25rem; }
.legend, .filters { display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; align-items: center; margin: .5rem 0; }
.filters label { display: flex; gap: .4rem; align-items: center; }
select, button { font: inherit; }
.grid-wrap { overflow-x: auto; border: 1px solid #888; margin-bottom: 1.5rem; }
table.grid { border-collapse: collapse; font-size: 13px; }
.grid th, .grid td { border: 1px solid #bbb; padding: 0; text-align: center; }
.grid th.config { text-align: left; padding: 2px 6px; white-space: nowrap; position: sticky; left: 0; background: #f4f4f4; z-index: 1; }
.grid th.attack { writing-mode: vertical-rl; transform: rotate(180deg); font-weight: normal; padding: 4px 1px; white-space: nowrap; }
.grid th.origin { background: #e8eef8; padding: 2px 4px; }
.cell { all: unset; display: block; min-width: 2.4em; padding: 2px 1px; cursor: pointer; font-family: ui-monospace, monospace; font-weight: 600; }
.cell:focus-visible { outline: 3px solid #000; outline-offset: -3px; }
.read-yes { color: #08306b; } .read-no { color: #5a5a5a; }
.write-moved { background: #b30000; color: #fff; } .write-arrived { background: #fff2cc; } .write-blocked { background: #fff; }
.disagree { outline: 3px dashed #000; }
.dim { opacity: .15; }
#details { border: 2px solid #333; padding: .75rem 1rem; margin: 1rem 0; }
#details pre { background: #f4f4f4; padding: .5rem; overflow-x: auto; }
.steps li { margin: .2rem 0; } .enforcer { font-weight: 700; }
table.kv { border-collapse: collapse; } .kv th, .kv td { border: 1px solid #bbb; padding: 2px 6px; text-align: left; vertical-align: top; }
.mismatch { background: #ffd6d6; }
`;

const SCRIPT = `
const D = JSON.parse(document.getElementById('matrix-data').textContent);
const $ = (s, el = document) => el.querySelector(s);
const esc = (s) => String(s ?? '—').replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
// R! : the script read the victim's private account data (an authenticated 200 from /account).
const stole = (c) => c.obs.responseReadable && c.obs.authenticated && c.actual?.status === 200 && D.attacks.find((a) => a.id === c.a).endpoint === 'account';
const readIcon = (c) => (stole(c) ? 'R!' : c.obs.responseReadable ? 'R✓' : 'R✗');
const readText = (c) => (stole(c) ? 'read the victim’s private data' : c.obs.responseReadable ? 'read the answer' : 'no read');
const writeOf = (o) => (o.effect === 'transfer' ? 'moved' : o.requestReached ? 'arrived' : 'blocked');
const writeIcon = { moved: '$', arrived: '→', blocked: '✗' };
const writeText = { moved: 'money moved', arrived: 'arrived, no money moved', blocked: 'never reached the bank' };
const index = new Map(D.cells.map((c, i) => [[c.b, c.p, c.c, c.o, c.a].join('|'), i]));

function grid(browser) {
  const wrap = document.createElement('section');
  wrap.innerHTML = '<h2>' + esc(browser.name) + ' — ' + esc(browser.cookiePolicy) + '</h2><p class="version">' + esc(browser.version) + '</p>';
  const scroll = document.createElement('div');
  scroll.className = 'grid-wrap';
  const t = document.createElement('table');
  t.className = 'grid';
  let head = '<thead><tr><th rowspan="2" scope="col" class="config">configuration ↓ · origin →</th>';
  for (const o of D.origins) head += '<th colspan="' + D.attacks.length + '" scope="colgroup" class="origin" data-origin="' + o.id + '">' + esc(o.id) + '</th>';
  head += '</tr><tr>';
  for (const o of D.origins) for (const a of D.attacks) head += '<th scope="col" class="attack" data-origin="' + o.id + '" data-attack="' + a.id + '" title="' + esc(a.title) + '">' + esc(a.id) + '</th>';
  head += '</tr></thead>';
  let body = '<tbody>';
  for (const cfg of D.configs) {
    body += '<tr data-config="' + cfg.id + '"><th scope="row" class="config" title="' + esc(cfg.whatGoesWrong) + '">' + esc(cfg.id) + '</th>';
    for (const o of D.origins) for (const a of D.attacks) {
      const i = index.get([browser.name, browser.cookiePolicy, cfg.id, o.id, a.id].join('|'));
      if (i === undefined) { body += '<td data-origin="' + o.id + '" data-attack="' + a.id + '">·</td>'; continue; }
      const c = D.cells[i];
      const w = writeOf(c.obs);
      const label = cfg.id + ', ' + o.id + ', ' + a.id + ': ' + readText(c) + ', ' + writeText[w] + (c.agree ? '' : ', DISAGREES with prediction');
      body += '<td data-origin="' + o.id + '" data-attack="' + a.id + '"><button class="cell ' + (c.obs.responseReadable ? 'read-yes' : 'read-no') + ' write-' + w + (c.agree ? '' : ' disagree') + '" data-i="' + i + '" aria-label="' + esc(label) + '" title="' + esc(label) + '">' + readIcon(c) + writeIcon[w] + (c.agree ? '' : '≠') + '</button></td>';
    }
    body += '</tr>';
  }
  t.innerHTML = head + body + '</tbody>';
  scroll.append(t);
  wrap.append(scroll);
  return wrap;
}

function kv(obj) {
  return '<table class="kv"><tbody>' + Object.entries(obj || {}).map(([k, v]) => '<tr><th scope="row">' + esc(k) + '</th><td>' + esc(typeof v === 'object' && v !== null ? JSON.stringify(v) : v) + '</td></tr>').join('') + '</tbody></table>';
}

function show(i) {
  const c = D.cells[i];
  const a = D.attacks.find((x) => x.id === c.a);
  const fields = Object.keys(c.pre);
  const rows = fields.map((f) => '<tr class="' + (c.diff.includes(f) ? 'mismatch' : '') + '"><th scope="row">' + f + '</th><td>' + esc(JSON.stringify(c.obs[f])) + '</td><td>' + esc(JSON.stringify(c.pre[f])) + '</td></tr>').join('');
  $('#details').innerHTML =
    '<h2>' + esc(c.c) + ' × ' + esc(c.o) + ' × ' + esc(c.a) + ' <small>(' + esc(c.b) + ', ' + esc(c.p) + ')</small></h2>' +
    '<p><strong>' + (c.agree ? 'Observed equals predicted.' : 'DISAGREES: ' + esc(c.diff.join(', '))) + '</strong></p>' +
    '<table class="kv"><thead><tr><th scope="col">field</th><th scope="col">observed</th><th scope="col">predicted</th></tr></thead><tbody>' + rows + '</tbody></table>' +
    '<h3>Why</h3><ol class="steps">' + c.why.map((s) => { const [rule, says, who] = D.steps[s]; return '<li><span class="enforcer">[' + esc(who) + ']</span> ' + esc(says) + ' <em>— ' + esc(rule) + '</em></li>'; }).join('') + '</ol>' +
    '<h3>The attack’s code, as the page ran it</h3><pre><code>' + esc(a.code) + '</code></pre>' +
    '<h3>What the bank saw and sent</h3>' + (c.preflight ? '<h4>Preflight</h4>' + kv(c.preflight) : '<p>No preflight.</p>') + (c.actual ? '<h4>Actual request</h4>' + kv(c.actual) : '<p>The actual request never reached the bank.</p>') +
    '<h3>What the attacker’s script got</h3>' + kv(c.script);
  $('#details').focus();
}

function applyFilters() {
  const cfg = $('#f-config').value, org = $('#f-origin').value, atk = $('#f-attack').value, out = $('#f-outcome').value;
  document.querySelectorAll('tr[data-config]').forEach((tr) => { tr.hidden = cfg !== '' && tr.dataset.config !== cfg; });
  document.querySelectorAll('[data-origin]').forEach((el) => {
    const hide = (org !== '' && el.dataset.origin !== org) || (atk !== '' && el.dataset.attack !== undefined && el.dataset.attack !== atk);
    el.hidden = hide;
    if (el.classList.contains('origin')) el.colSpan = atk === '' ? D.attacks.length : 1;
  });
  let shown = 0;
  document.querySelectorAll('button.cell').forEach((b) => {
    const c = D.cells[b.dataset.i];
    const match = out === '' || (out === 'read' && c.obs.responseReadable) || (out === 'stole' && stole(c)) || (out === 'write' && c.obs.effect === 'transfer') ||
      (out === 'arrived' && c.obs.requestReached) || (out === 'authenticated' && c.obs.authenticated) || (out === 'disagree' && !c.agree);
    b.classList.toggle('dim', !match);
    if (match && !b.closest('[hidden]')) shown++;
  });
  $('#shown').textContent = shown + ' cells match';
}

for (const [sel, list] of [['#f-config', D.configs], ['#f-origin', D.origins], ['#f-attack', D.attacks]]) for (const x of list) $(sel).append(new Option(x.id, x.id));
for (const b of D.browsers) $('#grids').append(grid(b));
document.addEventListener('click', (e) => { const b = e.target.closest('button.cell'); if (b) show(Number(b.dataset.i)); });
document.querySelectorAll('.filters select').forEach((s) => s.addEventListener('change', applyFilters));
applyFilters();
`;

export function renderMatrixHtml(report: MatrixReport): string {
  const data = JSON.stringify(compact(report)).replace(/</g, '\\u003c');
  const total = report.cells.length;
  const wrong = report.cells.filter((c) => !c.agree).length;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>CORS Lab — the matrix</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>CORS Lab — the matrix</h1>
<p>${total} cells, observed in real browsers and predicted by the rules; ${wrong} disagreements. Generated ${report.generatedAt}.</p>
<div class="legend" aria-label="Legend">
<span><b class="read-yes">R!</b> the attacker’s script read the victim’s private data</span>
<span><b class="read-yes">R✓</b> it read the answer (an error or public data)</span>
<span><b class="read-no">R✗</b> it could not</span>
<span><b class="write-moved">&nbsp;$&nbsp;</b> money moved</span>
<span><b class="write-arrived">&nbsp;→&nbsp;</b> the request arrived, no money moved</span>
<span><b>&nbsp;✗&nbsp;</b> never reached the bank</span>
<span><b class="disagree">≠</b> observed differs from predicted</span>
</div>
<div class="filters" role="group" aria-label="Filters">
<label>Configuration <select id="f-config"><option value="">all</option></select></label>
<label>Origin <select id="f-origin"><option value="">all</option></select></label>
<label>Attack <select id="f-attack"><option value="">all</option></select></label>
<label>Outcome <select id="f-outcome"><option value="">all</option><option value="read">script read the answer</option><option value="stole">script read the victim’s private data</option><option value="write">money moved</option><option value="arrived">request arrived</option><option value="authenticated">authenticated as the victim</option><option value="disagree">disagreements</option></select></label>
<output id="shown" aria-live="polite"></output>
</div>
</header>
<main>
<section id="details" tabindex="-1" aria-live="polite"><p>Click a cell to see why.</p></section>
<div id="grids"></div>
</main>
<script type="application/json" id="matrix-data">${data}</script>
<script>${SCRIPT}</script>
</body>
</html>
`;
}
