// Writes the table's rows from the payload of table_cells.rs in one call.
// Text goes in with nodeValue, textContent and setAttribute only: nothing is
// parsed as HTML. Links arrive only when Rust has checked they are http(s).
//
// The rows already in the table are reused: a page flip rewrites their text
// in place (no rows removed, none created), which takes about half the DOM
// time of replacing them. Rows the page needs beyond those start as clones of
// one prototype row (time, seven text cells, flags, Details button). Every
// writer below takes a cell in any state a previous page left it in, so a
// reused row ends exactly as a fresh one would (tests/e2e pins this).

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

// A <time> with an empty text node: the time cell's usual content.
function timeElement() {
  const time = document.createElement('time');
  time.appendChild(document.createTextNode(''));
  return time;
}

let prototypeRow = null;

// The row new rows are cloned from; text nodes are empty until written.
function prototype() {
  if (prototypeRow) return prototypeRow;
  const tr = document.createElement('tr');
  tr.appendChild(cell('slc-time', timeElement()));
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

// Class names and titles are written only when they change: on a reused
// row most stay as they are.
function setClass(element, className) {
  if (element.className !== className) element.className = className;
}

// Compared as the attribute, not the property: an empty title is still an
// attribute on a fresh cell, and must be one on a reused cell too.
function setTitle(element, title) {
  if (title === null) element.removeAttribute('title');
  else if (element.getAttribute('title') !== title) element.setAttribute('title', title);
}

// The cell's only child as a text node holding `text` (reused when it is one).
function setText(td, text) {
  const node = td.firstChild;
  if (node && node.nodeType === Node.TEXT_NODE && !node.nextSibling) {
    if (node.nodeValue !== text) node.nodeValue = text;
  } else {
    td.replaceChildren(text);
  }
}

// Writes one of the seven text cells for its kind.
function writeText(td, kind, value) {
  if (kind === 'a') {
    setClass(td, 'slc-cell');
    let link = td.firstChild;
    if (!(link instanceof HTMLAnchorElement) || link.nextSibling) {
      link = document.createElement('a');
      link.target = '_blank';
      link.rel = 'noopener noreferrer';
      td.replaceChildren(link);
    }
    link.href = value;
    setText(link, value);
    setTitle(td, value);
  } else if (kind === 'v') {
    setClass(td, 'slc-cell');
    setText(td, value);
    setTitle(td, value);
  } else if (kind === 'i') {
    setClass(td, 'slc-cell slc-invalid');
    setText(td, `⚠ ${value}`);
    setTitle(td, `Unexpected value: ${value}`);
  } else {
    setClass(td, 'slc-cell slc-none');
    setText(td, '—');
    setTitle(td, null);
  }
}

// The flag badges (`value` as table_cells.rs writes them; empty for none).
function writeFlags(td, value) {
  if (!value) {
    if (td.firstChild) td.replaceChildren();
    return;
  }
  const badges = value.split('\x1d').map((badge) => {
    const span = document.createElement('span');
    const unreadable = badge.startsWith('?');
    span.className = unreadable ? 'slc-badge slc-invalid' : 'slc-badge';
    span.textContent = unreadable ? `${badge.slice(1).split(':')[0]}?` : badge;
    if (unreadable) span.title = `Unexpected flag: ${badge.slice(1)}`;
    return span;
  });
  td.replaceChildren(...badges);
}

// Writes the time cell from its epoch ms and raw text; returns the text the
// Details button is named by.
function writeTime(td, kind, ms, raw) {
  if (kind === 't') {
    setClass(td, 'slc-time');
    setTitle(td, null);
    let time = td.firstChild;
    if (!(time instanceof HTMLTimeElement) || time.nextSibling) {
      time = timeElement();
      td.replaceChildren(time);
    }
    const date = new Date(Number(ms));
    const iso = date.toISOString();
    const text = localTime(date);
    setText(time, text);
    time.title = `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
    time.setAttribute('datetime', raw);
    return text;
  }
  const text = raw || '—';
  setClass(td, 'slc-time slc-invalid');
  setTitle(td, 'The time of this click is missing or unreadable');
  setText(td, text);
  return text;
}

// Writes one record of the payload into `tr`.
function writeRow(tr, record) {
  // Time ms, time text, seven text cells, flags, then the kind letters of
  // the first eight columns (table_cells.rs). A short record shows
  // empty cells.
  const cells = record.split('\x1f');
  const kinds = cells[10] ?? '';
  let td = tr.firstChild;
  const timeText = writeTime(td, kinds[0], cells[0], cells[1] ?? '');
  for (let at = 1; at <= 7; at += 1) {
    td = td.nextSibling;
    writeText(td, kinds[at], cells[at + 1] ?? '');
  }
  td = td.nextSibling;
  writeFlags(td, cells[9]);
  td.nextSibling.firstChild.setAttribute('aria-label', `Details of the click at ${timeText}`);
}

export function renderRows(tbody, payload) {
  const records = payload ? payload.split('\x1e') : [];
  // Rows past the new page's end go; the others are rewritten in place
  // (their Details buttons keep their `data-row`: the same position).
  while (tbody.childElementCount > records.length) tbody.lastElementChild.remove();
  let index = 0;
  for (let tr = tbody.firstElementChild; tr; tr = tr.nextElementSibling) {
    writeRow(tr, records[index]);
    index += 1;
  }
  if (index === records.length) return;
  const fragment = document.createDocumentFragment();
  const proto = prototype();
  for (; index < records.length; index += 1) {
    const tr = proto.cloneNode(true);
    writeRow(tr, records[index]);
    tr.lastChild.firstChild.setAttribute('data-row', index);
    fragment.appendChild(tr);
  }
  tbody.appendChild(fragment);
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
