// Writes the table's rows from the payload of table_cells.rs in one call.
// Text goes in with textContent and setAttribute only: nothing is parsed as
// HTML. Links arrive only when Rust has checked they are http(s) URLs.

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n) => (n < 10 ? `0${n}` : `${n}`);

// `23 Nov 2026, 20:35:18` in the viewer's time zone: the day-month-year order
// of the widget's other dates, and no Intl.DateTimeFormat, whose locale data
// took 30-60 ms to load on the way to the first rows.
function localTime(date) {
  return `${date.getDate()} ${MONTHS[date.getMonth()]} ${date.getFullYear()}, ${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}`;
}

function td(tr, className, text, title) {
  const cell = document.createElement('td');
  cell.className = className;
  cell.textContent = text;
  if (title) cell.title = title;
  tr.appendChild(cell);
  return cell;
}

export function renderRows(tbody, payload) {
  const fragment = document.createDocumentFragment();
  const records = payload ? payload.split('\x1e') : [];
  for (let index = 0; index < records.length; index += 1) {
    const cells = records[index].split('\x1f');
    const tr = document.createElement('tr');
    let timeText = '—';
    for (const cell of cells) {
      const kind = cell[0];
      const value = cell.slice(1);
      if (kind === 't') {
        const [ms, raw] = value.split('\x1d');
        const date = new Date(Number(ms));
        const iso = date.toISOString();
        const time = document.createElement('time');
        timeText = localTime(date);
        time.textContent = timeText;
        time.title = `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
        time.setAttribute('datetime', raw);
        td(tr, 'slc-time', '').appendChild(time);
      } else if (kind === 'T') {
        timeText = value || '—';
        td(tr, 'slc-time slc-invalid', timeText, 'The time of this click is missing or unreadable');
      } else if (kind === 'v') {
        td(tr, 'slc-cell', value, value);
      } else if (kind === 'i') {
        td(tr, 'slc-cell slc-invalid', `⚠ ${value}`, `Unexpected value: ${value}`);
      } else if (kind === 'a') {
        const link = document.createElement('a');
        link.href = value;
        link.target = '_blank';
        link.rel = 'noopener noreferrer';
        link.textContent = value;
        td(tr, 'slc-cell', '', value).appendChild(link);
      } else if (kind === 'f') {
        const flags = td(tr, 'slc-flags', '');
        for (const badge of value ? value.split('\x1d') : []) {
          const span = document.createElement('span');
          const unreadable = badge.startsWith('?');
          span.className = unreadable ? 'slc-badge slc-invalid' : 'slc-badge';
          span.textContent = unreadable ? `${badge.slice(1).split(':')[0]}?` : badge;
          if (unreadable) span.title = `Unexpected flag: ${badge.slice(1)}`;
          flags.appendChild(span);
        }
      } else {
        td(tr, 'slc-cell slc-none', '—');
      }
    }
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'slc-link-button';
    button.dataset.row = String(index);
    button.setAttribute('aria-label', `Details of the click at ${timeText}`);
    button.textContent = 'Details';
    td(tr, '', '').appendChild(button);
    fragment.appendChild(tr);
  }
  tbody.replaceChildren(fragment);
}
