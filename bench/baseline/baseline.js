// Plain-JS baseline: fetch the same URL, render the same rows (the same DOM
// as the widget's table) and an SVG polyline of the chart. Text only
// (textContent), like the widget.
const params = new URLSearchParams(location.search);
const proxy = params.get('proxy').replace(/\/+$/, '');
const linkId = params.get('link-id');
const pageSize = Number(params.get('page-size') ?? 100);
let page = 1;
const end = new Date().toISOString().slice(0, 10);
const start = params.get('date-start') ?? new Date(Date.now() - 29 * 86400000).toISOString().slice(0, 10);
// The same local-time text as the widget's table (day::local_time_label).
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n) => (n < 10 ? `0${n}` : `${n}`);
const localTime = (d) => `${d.getDate()} ${MONTHS[d.getMonth()]} ${d.getFullYear()}, ${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
const tbody = document.getElementById('rows');

// The rows carry the same DOM as the widget's (components/table.rs): classes,
// a <time> with its UTC title, http(s) referrers as links, flag badges and
// a named Details button, so both sides build the same table.
function td(tr, className, text, title) {
  const cell = document.createElement('td');
  cell.className = className;
  cell.textContent = text;
  if (title) cell.title = title;
  tr.appendChild(cell);
  return cell;
}

function textCell(tr, value) {
  if (value == null || typeof value !== 'string') td(tr, 'slc-cell slc-none', '—');
  else td(tr, 'slc-cell', value, value);
}

function render(json) {
  const { data } = json;
  document.getElementById('total').textContent = `${data.summary.clicks_total.toLocaleString('en-US')} clicks`;
  const max = Math.max(1, ...data.chart.map((c) => c.clicks));
  const step = 660 / Math.max(1, data.chart.length - 1);
  document.getElementById('line').setAttribute('points', data.chart.map((c, i) => `${50 + i * step},${220 - (c.clicks / max) * 200}`).join(' '));
  const fragment = document.createDocumentFragment();
  data.rows.forEach((row, index) => {
    const tr = document.createElement('tr');
    const date = new Date(row.created_at);
    const iso = date.toISOString();
    const time = document.createElement('time');
    const timeText = localTime(date);
    time.textContent = timeText;
    time.title = `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
    time.setAttribute('datetime', row.created_at);
    td(tr, 'slc-time', '').appendChild(time);
    for (const key of ['country_code', 'browser_device_type', 'browser_name', 'browser_platform']) textCell(tr, row[key]);
    if (/^https?:\/\/\S/i.test(row.referrer ?? '')) {
      const link = document.createElement('a');
      link.href = row.referrer;
      link.target = '_blank';
      link.rel = 'noopener noreferrer';
      link.textContent = row.referrer;
      td(tr, 'slc-cell', '', row.referrer).appendChild(link);
    } else {
      textCell(tr, row.referrer);
    }
    for (const key of ['utm_source', 'utm_campaign']) textCell(tr, row[key]);
    const flags = td(tr, 'slc-flags', '');
    for (const badge of [row.is_bot && 'Bot', row.is_duplicate && 'Duplicate'].filter(Boolean)) {
      const span = document.createElement('span');
      span.className = 'slc-badge';
      span.textContent = badge;
      flags.appendChild(span);
    }
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'slc-link-button';
    button.dataset.row = String(index);
    button.setAttribute('aria-label', `Details of the click at ${timeText}`);
    button.textContent = 'Details';
    td(tr, '', '').appendChild(button);
    fragment.appendChild(tr);
  });
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
