// Issue 16, periods (CONTRACT 7): the `Period` presets, `Previous period` /
// `Next period` and the ←/→ keys, a rolling period in a shared link, and
// the element's `period`. Against the release dist/ and the mock proxy,
// whose request log says which dates were asked for.
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, queryOf, startMockProxy, startSite, watchErrors } from '../support/env.mjs';
import { WidgetPage, eventually } from '../support/widget.mjs';

let proxy, site, browser, page, widget, errors;

before(async () => {
  proxy = await startMockProxy();
  site = await startSite();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await site?.stop();
  await proxy?.stop();
});

beforeEach(async () => {
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  errors = watchErrors(page);
  widget = new WidgetPage(page);
  await proxy.clear();
});

const DAY = 864e5;
const iso = (ms) => new Date(ms).toISOString().slice(0, 10);

/** Each period's first and last day for today (UTC), worked out here from
 * CONTRACT 7's words, independently of the widget. */
function expectedRanges() {
  const now = new Date();
  const [y, m] = [now.getUTCFullYear(), now.getUTCMonth()];
  const today = Date.UTC(y, m, now.getUTCDate());
  const holds29Feb = (from, to) => {
    for (let t = from; t <= to; t += DAY) {
      const d = new Date(t);
      if (d.getUTCMonth() === 1 && d.getUTCDate() === 29) return true;
    }
    return false;
  };
  const twelveStart = holds29Feb(today - 365 * DAY, today) ? today - 365 * DAY : today - 364 * DAY;
  const ranges = {
    today: [today, today],
    yesterday: [today - DAY, today - DAY],
    '7d': [today - 6 * DAY, today],
    '30d': [today - 29 * DAY, today],
    '90d': [today - 89 * DAY, today],
    'this-month': [Date.UTC(y, m, 1), today],
    'last-month': [Date.UTC(y, m - 1, 1), Date.UTC(y, m, 0)],
    ytd: [Date.UTC(y, 0, 1), today],
    '12mo': [twelveStart, today],
  };
  return Object.fromEntries(Object.entries(ranges).map(([name, [a, b]]) => [name, [iso(a), iso(b)]]));
}

const LABELS = {
  today: 'Today', yesterday: 'Yesterday', '7d': 'Last 7 days', '30d': 'Last 30 days', '90d': 'Last 90 days',
  'this-month': 'This month', 'last-month': 'Last month', ytd: 'Year to date', '12mo': 'Last 12 months', custom: 'Custom',
};

function pageUrl(params) {
  return `${site.url}/?${new URLSearchParams({ proxy: proxy.url, 'link-id': 'demo', ...params })}`;
}

/** The dates of the newest request in the mock's log, once there are `count`. */
async function requestedRange(count) {
  const requests = await eventually(() => proxy.requests(), (r) => r.length >= count, { what: `${count} request(s)` });
  const query = queryOf(requests.at(-1));
  return [query.date_start.slice(0, 10), query.date_end.slice(0, 10)];
}

const addressOf = () => Object.fromEntries(new URL(page.url()).searchParams);

describe('periods', () => {
  test('each preset asks for its dates, selects itself, and writes only `period` into the address', async () => {
    const expected = expectedRanges();
    await page.goto(pageUrl({}));
    await widget.settled();
    assert.deepEqual(await requestedRange(1), expected['30d'], 'the default is the last 30 days');
    const select = widget.label('Period');
    assert.deepEqual(await select.locator('option').allTextContents(), Object.values(LABELS));
    let count = 1;
    for (const [name, range] of Object.entries(expected)) {
      if (name === '30d') continue;
      await select.selectOption({ label: LABELS[name] });
      await widget.settled();
      count += 1;
      assert.deepEqual(await requestedRange(count), range, `${name}: the dates asked for`);
      assert.equal(await widget.label('From').inputValue(), range[0]);
      assert.equal(await widget.label('To').inputValue(), range[1]);
      const address = addressOf();
      assert.equal(address.period, name, `${name}: in the address`);
      assert.equal(address['date-start'], undefined, `${name}: no dates in the address`);
      assert.equal(address['date-end'], undefined);
    }
    // A shared link keeps meaning its period: opened again, it asks for today's range.
    await page.goto(pageUrl({ period: '7d', 'date-start': '2020-01-01' }));
    await widget.settled();
    assert.deepEqual(await requestedRange(count + 1), expected['7d']);
    assert.match(await page.locator('[part="notice"]').innerText(), /`date-start` is not used with `period` 7d/);
    assert.deepEqual(errors, []);
  });

  test('Previous and Next period shift by the range\'s own length, Next disabled at today; the arrow keys do the same outside text fields', async () => {
    const expected = expectedRanges();
    await page.goto(pageUrl({ period: '7d', page: '2' }));
    await widget.settled();
    const previous = widget.button('Previous period');
    const next = widget.button('Next period');
    assert.equal(await next.isDisabled(), true, 'the range ends today');
    const [start, end] = expected['7d'].map((d) => Date.parse(d));
    await previous.click();
    await widget.settled();
    const weekBefore = [iso(start - 7 * DAY), iso(end - 7 * DAY)];
    assert.deepEqual(await requestedRange(2), weekBefore);
    assert.equal(await widget.label('Period').inputValue(), 'custom', 'a shifted range is custom');
    assert.match(await widget.pageLabel.innerText(), /^Page 1 of/);
    assert.equal(await next.isDisabled(), false);
    const address = addressOf();
    assert.deepEqual([address.period, address['date-start'], address['date-end']], ['custom', ...weekBefore]);

    // → with focus on a button (here Previous period) moves forward again.
    await previous.focus();
    await page.keyboard.press('ArrowRight');
    await widget.settled();
    assert.deepEqual(await requestedRange(3), expected['7d']);
    assert.equal(await next.isDisabled(), true);
    // At today, → asks for nothing; in a date field, ← is the field's.
    await page.keyboard.press('ArrowRight');
    await widget.label('From').focus();
    await page.keyboard.press('ArrowLeft');
    await page.waitForTimeout(400);
    assert.equal((await proxy.requests()).length, 3, 'no request from → at today or ← in From');
    // ← with focus on a checkbox moves back.
    await widget.label('Include bots').focus();
    await page.keyboard.press('ArrowLeft');
    await widget.settled();
    assert.deepEqual(await requestedRange(4), weekBefore);
    assert.deepEqual(errors, []);
  });

  test('last month steps back and forth by whole calendar months', async () => {
    const expected = expectedRanges();
    await page.goto(pageUrl({ period: 'last-month' }));
    await widget.settled();
    assert.deepEqual(await requestedRange(1), expected['last-month']);
    const [y, m] = expected['last-month'][0].split('-').map(Number);
    await widget.button('Previous period').click();
    await widget.settled();
    assert.deepEqual(await requestedRange(2), [iso(Date.UTC(y, m - 2, 1)), iso(Date.UTC(y, m - 1, 0))]);
    await widget.button('Previous period').click();
    await widget.settled();
    assert.deepEqual(await requestedRange(3), [iso(Date.UTC(y, m - 3, 1)), iso(Date.UTC(y, m - 2, 0))]);
    await widget.button('Next period').click();
    await widget.button('Next period').click();
    await widget.settled();
    assert.deepEqual(await requestedRange(5), expected['last-month']);
    assert.deepEqual(errors, []);
  });

  test('editing From selects Custom', async () => {
    await page.goto(pageUrl({ period: '90d' }));
    await widget.settled();
    await widget.label('From').fill('2026-06-01');
    await widget.settled();
    assert.equal(await widget.label('Period').inputValue(), 'custom');
    const [start] = await requestedRange(2);
    assert.equal(start, '2026-06-01');
  });

  test('the element takes `period` as attribute and property, reports it in `filters` and `slc-change`', async () => {
    const expected = expectedRanges();
    await page.setContent(`<!doctype html><html lang="en"><body>
      <smart-link-clicks proxy="${proxy.url}" link-id="demo" period="last-month"></smart-link-clicks></body></html>`);
    await page.addScriptTag({ type: 'module', url: `${site.url}/smart-link-clicks.js` });
    await widget.settled();
    assert.deepEqual(await requestedRange(1), expected['last-month']);
    const host = page.locator('smart-link-clicks');
    assert.deepEqual(await host.evaluate((e) => [e.period, e.filters.period, e.filters.dateStart]), ['last-month', 'last-month', expected['last-month'][0]]);
    await host.evaluate((e) => { e.period = 'ytd'; });
    await widget.settled();
    assert.deepEqual(await requestedRange(2), expected.ytd);
    assert.equal(await widget.label('Period').inputValue(), 'ytd');
    await host.evaluate((e) => {
      window.__changes = [];
      e.addEventListener('slc-change', (ev) => window.__changes.push(ev.detail.filters));
    });
    await widget.label('Period').selectOption({ label: 'Today' });
    const [filters] = await eventually(() => page.evaluate(() => window.__changes), (c) => c.length > 0, { what: 'slc-change' });
    assert.deepEqual([filters.period, filters.dateStart, filters.dateEnd], ['today', ...expected.today]);
    // An unknown period is said and falls back.
    await host.evaluate((e) => e.setAttribute('period', 'fortnight'));
    assert.match(await page.locator('[part="notice"]').innerText(), /`period` "fortnight" is not one of/);
    assert.deepEqual(errors, []);
  });
});
