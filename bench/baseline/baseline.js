// Plain-JS baseline: fetch the same URL, render the same default columns and
// an SVG polyline of the chart. Text only (textContent), like the widget.
const params = new URLSearchParams(location.search);
const proxy = params.get('proxy').replace(/\/+$/, '');
const linkId = params.get('link-id');
const pageSize = Number(params.get('page-size') ?? 100);
let page = 1;
const end = new Date().toISOString().slice(0, 10);
const start = params.get('date-start') ?? new Date(Date.now() - 29 * 86400000).toISOString().slice(0, 10);
// The same local-time text as the widget's table (src/table_rows.js).
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n) => (n < 10 ? `0${n}` : `${n}`);
const localTime = (d) => `${d.getDate()} ${MONTHS[d.getMonth()]} ${d.getFullYear()}, ${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
const tbody = document.getElementById('rows');

function cell(tr, text) {
  const td = document.createElement('td');
  td.textContent = text ?? '—';
  td.title = text ?? '';
  tr.appendChild(td);
}

function render(json) {
  const { data } = json;
  document.getElementById('total').textContent = `${data.summary.clicks_total.toLocaleString('en-US')} clicks`;
  const max = Math.max(1, ...data.chart.map((c) => c.clicks));
  const step = 660 / Math.max(1, data.chart.length - 1);
  document.getElementById('line').setAttribute('points', data.chart.map((c, i) => `${50 + i * step},${220 - (c.clicks / max) * 200}`).join(' '));
  const fragment = document.createDocumentFragment();
  for (const row of data.rows) {
    const tr = document.createElement('tr');
    const time = document.createElement('td');
    time.textContent = localTime(new Date(row.created_at));
    time.title = row.created_at;
    tr.appendChild(time);
    for (const key of ['country_code', 'browser_device_type', 'browser_name', 'browser_platform', 'referrer', 'utm_source', 'utm_campaign']) {
      cell(tr, row[key]);
    }
    cell(tr, [row.is_bot ? 'Bot' : '', row.is_duplicate ? 'Duplicate' : ''].join(' ').trim());
    const details = document.createElement('td');
    const button = document.createElement('button');
    button.textContent = 'Details';
    details.appendChild(button);
    tr.appendChild(details);
    fragment.appendChild(tr);
  }
  tbody.replaceChildren(fragment);
}

async function load() {
  const query = `date_start=${start}T00:00:00Z&date_end=${end}T23:59:59Z&limit=${pageSize}&offset=${(page - 1) * pageSize}&include_bots=true&include_duplicates=true`;
  const response = await fetch(`${proxy}/api/smart-links/${encodeURIComponent(linkId)}/clicks?${query}`);
  render(JSON.parse(await response.text()));
}

document.getElementById('next').addEventListener('click', () => {
  page += 1;
  load();
});
load();
