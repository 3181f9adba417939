// Writes the table's rows from the payload of table_cells.rs in one call.
// Text goes in with textContent, nodeValue and setAttribute only: nothing is
// parsed as HTML. Links arrive only when Rust has checked they are http(s).
//
// Each row starts as a clone of one prototype row (time, seven text cells,
// flags, Details button): one native deep copy instead of a dozen
// createElement calls, then only text and titles are written.

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n) => (n < 10 ? `0${n}` : `${n}`);

// `23 Nov 2026, 20:35:18` in the viewer's time zone: the day-month-year order
// of the widget's other dates, and no Intl.DateTimeFormat, whose locale data
// took 30-60 ms to load on the way to the first rows.
function localTime(date) {
  return `${date.getDate()} ${MONTHS[date.getMonth()]} ${date.getFullYear()}, ${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}`;
}

function cell(className, child) {
  const td = document.createElement('td');
  td.className = className;
  td.appendChild(child);
  return td;
}

let prototypeRow = null;

// The row every row is cloned from; text nodes are empty until filled.
function prototype() {
  if (prototypeRow) return prototypeRow;
  const tr = document.createElement('tr');
  const time = document.createElement('time');
  time.appendChild(document.createTextNode(''));
  tr.appendChild(cell('slc-time', time));
  for (let i = 0; i < 7; i += 1) tr.appendChild(cell('slc-cell', document.createTextNode('')));
  tr.appendChild(document.createElement('td')).className = 'slc-flags';
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'slc-link-button';
  button.textContent = 'Details';
  tr.appendChild(document.createElement('td')).appendChild(button);
  prototypeRow = tr;
  return tr;
}

// Writes one text-like cell (the prototype's `td.slc-cell` with an empty
// text node) for its kind.
function fillText(td, kind, value) {
  if (kind === 'v') {
    td.firstChild.nodeValue = value;
    td.title = value;
  } else if (kind === 'a') {
    const link = document.createElement('a');
    link.href = value;
    link.target = '_blank';
    link.rel = 'noopener noreferrer';
    link.textContent = value;
    td.replaceChildren(link);
    td.title = value;
  } else if (kind === 'i') {
    td.className = 'slc-cell slc-invalid';
    td.firstChild.nodeValue = `⚠ ${value}`;
    td.title = `Unexpected value: ${value}`;
  } else {
    td.className = 'slc-cell slc-none';
    td.firstChild.nodeValue = '—';
  }
}

function fillFlags(td, value) {
  for (const badge of value.split('\x1d')) {
    const span = document.createElement('span');
    const unreadable = badge.startsWith('?');
    span.className = unreadable ? 'slc-badge slc-invalid' : 'slc-badge';
    span.textContent = unreadable ? `${badge.slice(1).split(':')[0]}?` : badge;
    if (unreadable) span.title = `Unexpected flag: ${badge.slice(1)}`;
    td.appendChild(span);
  }
}

// Writes the time cell from its epoch ms and raw text; returns the text the
// Details button is named by.
function fillTime(td, kind, ms, raw) {
  if (kind === 't') {
    const date = new Date(Number(ms));
    const iso = date.toISOString();
    const time = td.firstChild;
    const text = localTime(date);
    time.firstChild.nodeValue = text;
    time.title = `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
    time.setAttribute('datetime', raw);
    return text;
  }
  const text = raw || '—';
  td.className = 'slc-time slc-invalid';
  td.title = 'The time of this click is missing or unreadable';
  td.replaceChildren(text);
  return text;
}

export function renderRows(tbody, payload) {
  const fragment = document.createDocumentFragment();
  const records = payload ? payload.split('\x1e') : [];
  const proto = prototype();
  for (let index = 0; index < records.length; index += 1) {
    // Time ms, time text, seven text cells, flags, then the kind letters of
    // the first eight columns (table_cells.rs). A short record shows
    // empty cells.
    const cells = records[index].split('\x1f');
    const kinds = cells[10] ?? '';
    const tr = proto.cloneNode(true);
    let td = tr.firstChild;
    const timeText = fillTime(td, kinds[0], cells[0], cells[1] ?? '');
    for (let at = 1; at <= 7; at += 1) {
      td = td.nextSibling;
      fillText(td, kinds[at], cells[at + 1] ?? '');
    }
    td = td.nextSibling;
    if (cells[9]) fillFlags(td, cells[9]);
    const button = td.nextSibling.firstChild;
    button.setAttribute('data-row', index);
    button.setAttribute('aria-label', `Details of the click at ${timeText}`);
    fragment.appendChild(tr);
  }
  tbody.replaceChildren(fragment);
}

// Writes the details dialog's list from table_cells::record_payload: one
// <div><dt>name</dt><dd>value</dd></div> per field, text only.
export function renderRecord(dl, payload) {
  const fragment = document.createDocumentFragment();
  for (const pair of payload ? payload.split('\x1e') : []) {
    const [name, value] = pair.split('\x1f');
    const item = document.createElement('div');
    item.className = 'slc-record-item';
    item.appendChild(document.createElement('dt')).textContent = name;
    item.appendChild(document.createElement('dd')).textContent = value ?? '';
    fragment.appendChild(item);
  }
  dl.replaceChildren(fragment);
}
