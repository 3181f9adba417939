// Issue 16, analyst views (CONTRACT 7): the `Period` presets, `Previous
// period` / `Next period` and the ←/→ keys, a rolling period in a shared
// link, the element's `period`; `compare` with its dashed series and change
// in per cent. Against the release dist/ and the mock proxy, whose request
// log says which dates were asked for.
import { before, beforeEach, describe, test } from 'node:test';
import path from 'node:path';
import assert from 'node:assert/strict';
import { outputDir, queryOf, suiteServers, watchErrors } from '../support/env.mjs';
import { WidgetPage, eventually } from '../support/widget.mjs';

let proxy, site, browser, page, widget, errors;

// The mock proxy, dist/ and Chromium, started before the tests and
// stopped after them (support/env.mjs); named here once they are up.
const servers = suiteServers();
before(async () => {
  await servers.ready;
  ({ proxy, site, browser } = servers);
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
  // 365 days ending today, or 366 when those 365 hold a 29 February.
  const twelveStart = holds29Feb(today - 364 * DAY, today) ? today - 365 * DAY : today - 364 * DAY;
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

/** The main requests in the mock's log: not the one-row requests of the
 * compared range and the clean totals. */
async function mainRequests() {
  return proxy.requests();
}

/** The dates of the newest main request in the mock's log, once there are `count`. */
async function requestedRange(count) {
  const requests = await eventually(mainRequests, (r) => r.length >= count, { what: `${count} request(s)` });
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
    assert.equal((await mainRequests()).length, 3, 'no request from → at today or ← in From');
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

/** The mock's own answer for `linkId` over a range with the given flags. */
async function truth(linkId, [start, end], { bots = true, duplicates = true } = {}) {
  const query = new URLSearchParams({ date_start: `${start}T00:00:00Z`, date_end: `${end}T23:59:59Z`, limit: '1', offset: '0', include_bots: String(bots), include_duplicates: String(duplicates) });
  const body = await (await fetch(`${proxy.url}/api/smart-links/${linkId}/clicks?${query}`)).json();
  return { total: body.data.summary.clicks_total, chart: body.data.chart.map((d) => d.clicks) };
}

/** CONTRACT 7's change in per cent, from the two totals. */
function changeText(now, before) {
  if (before === 0) return 'no clicks to compare';
  const tenths = Math.round(((now - before) / before) * 1000);
  return `${tenths < 0 ? '-' : '+'}${(Math.abs(tenths) / 10).toFixed(1)} %`;
}

describe('comparison', () => {
  test('compare=previous fetches the previous 30 days alongside, draws them dashed day by day, and states the change in per cent', async () => {
    const [start, end] = expectedRanges()['30d'];
    const before = [iso(Date.parse(start) - 30 * DAY), iso(Date.parse(start) - DAY)];
    await page.goto(pageUrl({ compare: 'previous' }));
    await widget.settled();
    // The compared range's request: one row, other dates (the clean totals' have the view's).
    const comparedOf = (requests) => requests.map(queryOf).find((q) => q.limit === '1' && !q.date_start.startsWith(start));
    const compared = comparedOf(await eventually(() => proxy.allRequests(), (r) => comparedOf(r), { what: 'the compared request' }));
    assert.deepEqual([compared.date_start.slice(0, 10), compared.date_end.slice(0, 10)], before);
    const [now, then] = [await truth('demo', [start, end]), await truth('demo', before)];
    const change = page.locator('.slc-change');
    await eventually(() => change.innerText().catch(() => ''), (t) => t.includes(' vs '), { what: 'the change' });
    assert.ok((await change.innerText()).startsWith(`${changeText(now.total, then.total)} vs `), await change.innerText());
    // The dashed line: a point per day over the bars, its heights the compared range's days.
    const line = await page.locator('.slc-plot svg polyline[stroke="#bc4c00"]').evaluate((p) => ({
      points: p.getAttribute('points').split(' ').map((xy) => xy.split(',').map(Number)),
      dashed: getComputedStyle(p).strokeDasharray,
    }));
    assert.equal(line.points.length, 30);
    assert.notEqual(line.dashed, 'none');
    const highest = then.chart.indexOf(Math.max(...then.chart));
    assert.equal(line.points.reduce((best, p, i) => (p[1] < line.points[best][1] ? i : best), 0), highest, 'the line peaks on the compared peak day');
    assert.match(await page.locator('.slc-legend').innerText(), /\(compared\)/);
    // The tooltip gives both days and both counts.
    const plot = page.locator('.slc-plot');
    const box = await plot.boundingBox();
    await page.mouse.move(line.points[highest][0] * (box.width / Number(await page.locator('.slc-plot svg').getAttribute('width'))) + box.x, box.y + box.height / 2);
    const tip = await page.locator('.slc-tooltip').innerText();
    assert.match(tip, new RegExp(`\\(UTC\\): ${now.chart[highest].toLocaleString('en-US')} clicks?( \\([\\d,]+ clean\\))? · .+: ${then.chart[highest].toLocaleString('en-US')} clicks?$`));
    await page.locator('.slc-chart').screenshot({ path: path.join(outputDir, 'analyst-compare.png') });
    // A page flip asks for the main rows only.
    const count = (await proxy.allRequests()).length;
    await widget.button('Next page').click();
    await widget.settled();
    await page.waitForTimeout(300);
    assert.equal((await proxy.allRequests()).length, count + 1, 'a page flip: the main request only');
    assert.deepEqual(errors, []);
  });

  test('compare=year compares with the same days a year earlier; the Compare select keeps the page and writes the address', async () => {
    await page.goto(pageUrl({ period: '7d', compare: 'year', page: '2' }));
    await widget.settled();
    const [start, end] = expectedRanges()['7d'];
    const yearBefore = (d) => `${Number(d.slice(0, 4)) - 1}${d.slice(4)}`.replace(/-02-29$/, '-02-28');
    const comparedOf = (requests) => requests.map(queryOf).find((q) => q.limit === '1' && !q.date_start.startsWith(start));
    const compared = comparedOf(await eventually(() => proxy.allRequests(), (r) => comparedOf(r), { what: 'the compared request' }));
    assert.deepEqual([compared.date_start.slice(0, 10), compared.date_end.slice(0, 10)], [yearBefore(start), yearBefore(end)]);
    const before = (await mainRequests()).length;
    await widget.label('Compare').selectOption({ label: 'No comparison' });
    await page.waitForTimeout(300);
    assert.equal((await mainRequests()).length, before, 'a comparison changes no row: no new main request');
    assert.equal(await page.locator('.slc-change').count(), 0);
    assert.equal(await page.locator('.slc-plot svg polyline[stroke="#bc4c00"]').count(), 0);
    assert.match(await widget.pageLabel.innerText(), /^Page 2 of/, 'the page stays');
    assert.equal(addressOf().compare, undefined);
    await widget.label('Compare').selectOption({ label: 'Previous period' });
    await widget.settled();
    assert.equal(addressOf().compare, 'previous');
    assert.deepEqual(errors, []);
  });

  test('the main rows appear before the compared range answers', async () => {
    await page.goto(pageUrl({ 'link-id': 'demo+slowextra2000', compare: 'previous' }));
    await widget.settled();
    assert.equal(await widget.rows.count(), 100, 'the rows are shown');
    assert.equal(await page.locator('.slc-change').innerText(), 'Comparing…', 'while the comparison is still on its way');
    await eventually(() => page.locator('.slc-change').innerText(), (t) => t.includes(' vs '), { what: 'the comparison', timeout: 6_000 });
    assert.deepEqual(errors, []);
  });
});

describe('raw and clean', () => {
  /** CONTRACT 7's line, from the mock's four totals. */
  function cleanText(total, clean, withoutBots, withoutDuplicates) {
    const n = (x) => x.toLocaleString('en-US');
    const share = total === 0 ? '' : ` (${((clean / total) * 100).toFixed(1)} %)`;
    const bots = total - withoutBots;
    const duplicates = total - withoutDuplicates;
    return `${n(clean)} clean${share} · ${n(bots)} bot${bots === 1 ? '' : 's'} · ${n(duplicates)} duplicate${duplicates === 1 ? '' : 's'}`;
  }

  test('for the four flag combinations, the clean, bot and duplicate figures are the mock\'s own totals, shown only with both included', async () => {
    const range = expectedRanges()['30d'];
    const totals = {};
    for (const bots of [true, false]) {
      for (const duplicates of [true, false]) totals[`${bots}${duplicates}`] = (await truth('demo', range, { bots, duplicates })).total;
    }
    assert.ok(totals.truetrue > totals.falsefalse, 'the demo month has bots or duplicates');
    for (const bots of [true, false]) {
      for (const duplicates of [true, false]) {
        await proxy.clear();
        await page.goto(pageUrl({ 'include-bots': String(bots), 'include-duplicates': String(duplicates) }));
        await widget.settled();
        const what = `bots ${bots}, duplicates ${duplicates}`;
        assert.match(await widget.summary.innerText(), new RegExp(`^${totals[`${bots}${duplicates}`].toLocaleString('en-US')} clicks`), what);
        if (bots && duplicates) {
          const line = page.locator('.slc-clean');
          await eventually(() => line.innerText(), (t) => t.includes('clean ('), { what: 'the clean figures' });
          // CONTRACT 7's line, the total first.
          const expected = `${totals.truetrue.toLocaleString('en-US')} clicks · ${cleanText(totals.truetrue, totals.falsefalse, totals.falsetrue, totals.truefalse)}`;
          assert.equal(await page.locator('.slc-total').innerText(), expected, what);
          const clean = await page.locator('.slc-plot svg polyline[stroke="#1a7f37"]').getAttribute('points');
          assert.equal(clean.split(' ').length, 30, 'the clean series: a point per day');
          const flags = (await proxy.allRequests()).map(queryOf).filter((q) => q.limit === '1').map((q) => `${q.include_bots}/${q.include_duplicates}`).sort();
          assert.deepEqual(flags, ['false/false', 'false/true', 'true/false'], 'three one-row requests');
        } else {
          await page.waitForTimeout(300);
          assert.equal(await page.locator('.slc-clean').count(), 0, what);
          assert.equal((await proxy.allRequests()).filter((r) => queryOf(r).limit === '1').length, 0, `${what}: no extra request`);
        }
      }
    }
    await page.goto(pageUrl({}));
    await widget.settled();
    await eventually(() => page.locator('.slc-clean').innerText(), (t) => t.includes('clean ('), { what: 'the clean figures' });
    await page.locator('[part="summary"]').screenshot({ path: path.join(outputDir, 'analyst-raw-clean-summary.png') });
    await page.locator('.slc-chart').screenshot({ path: path.join(outputDir, 'analyst-raw-clean-chart.png') });
    assert.deepEqual(errors, []);
  });

  test('the rows come first while the clean totals are slow, and the figures follow', async () => {
    await page.goto(pageUrl({ 'link-id': 'demo+slowextra2000' }));
    await widget.settled();
    assert.equal(await widget.rows.count(), 100);
    assert.equal(await page.locator('.slc-clean').textContent(), ' · counting clean clicks…');
    await eventually(() => page.locator('.slc-clean').innerText(), (t) => t.includes('clean ('), { what: 'the clean figures', timeout: 6_000 });
    assert.deepEqual(errors, []);
  });
});

/** The mock's own answer to a logged request: the truth the widget shows. */
async function truthOf(request) {
  const query = queryOf(request);
  const response = await fetch(`${proxy.url}/api/smart-links/demo/clicks?${new URLSearchParams(query)}`);
  return (await response.json()).data;
}

/** Makes the page hidden (or shown again) as a switched tab is: the
 * document says so and fires `visibilitychange`. */
async function setHidden(hidden) {
  await page.evaluate((hidden) => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (hidden ? 'hidden' : 'visible') });
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => hidden });
    document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
  }, hidden);
}

describe('auto-refresh', () => {
  test('refresh=60 asks again 60 s after the last answer, in place: same page and filters, the open record and the clean figures stay, "Updated" moves on', async () => {
    await page.clock.install();
    // Slow clean totals: the refresh must not blank them while they come.
    await page.goto(pageUrl({ refresh: '60', 'page-size': '25', locale: 'en-GB', 'link-id': 'demo+slowextra1500' }));
    await widget.settled();
    await widget.button('Next page').click();
    await widget.settled();
    const cleanLine = page.locator('.slc-clean');
    await eventually(() => cleanLine.innerText(), (t) => t.includes('clean ('), { what: 'the clean figures' });
    const paged = await mainRequests();
    const pageQuery = queryOf(paged.at(-1));
    assert.equal(pageQuery.offset, '25');
    const clock = () => page.evaluate(() => {
      const d = new Date();
      return `Updated ${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
    });
    const updated = page.locator('.slc-updated');
    const firstUpdate = await updated.innerText();
    assert.match(firstUpdate, /^Updated \d\d:\d\d$/);
    // A zone shown differently is not another view: the record stays open.
    await widget.label('Times in').selectOption({ label: 'UTC' });
    await widget.rows.nth(2).getByRole('button').click();
    const dialog = page.getByRole('dialog', { name: 'Click details' });
    await dialog.waitFor();
    const record = await dialog.innerText();
    await page.evaluate(() => {
      window.__changes = 0;
      document.querySelector('smart-link-clicks').addEventListener('slc-change', () => window.__changes++);
    });
    // Not before 60 s have passed since the answer (10 s to spare).
    await page.clock.runFor(50_000);
    await page.waitForTimeout(200);
    assert.equal((await mainRequests()).length, paged.length, 'no refresh before 60 s');
    await page.clock.runFor(11_000);
    const refreshed = await eventually(mainRequests, (r) => r.length === paged.length + 1, { what: 'the refresh' });
    assert.deepEqual(queryOf(refreshed.at(-1)), pageQuery, 'the same view asked again');
    await widget.settled();
    // The clean totals are asked again too, and their old figures stay meanwhile.
    assert.match(await cleanLine.innerText(), /clean \(/, 'the clean figures stay while they are asked again');
    assert.equal(await dialog.isVisible(), true, 'the open record stays open');
    assert.equal(await dialog.innerText(), record);
    assert.match(await widget.pageLabel.innerText(), /^Page 2 of/);
    assert.equal(await page.evaluate(() => window.__changes), 0, 'a refresh is not a change of view');
    const secondUpdate = await updated.innerText();
    assert.equal(secondUpdate, await clock(), 'the time of the new answer');
    assert.notEqual(secondUpdate, firstUpdate, 'a minute later');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await page.locator('[part="summary"]').screenshot({ path: path.join(outputDir, 'analyst-refresh-summary.png') });
    await eventually(() => proxy.allRequests(), (r) => r.filter((q) => queryOf(q).limit === '1').length >= 6, { what: 'the clean totals asked again' });
    assert.deepEqual(errors, []);
  });

  test('a refresh never overlaps a request still on its way', async () => {
    await page.clock.install();
    // Every answer takes 3 s (real time); the refresh is due every 15 s.
    await page.goto(pageUrl({ refresh: '15', 'include-bots': 'false', 'link-id': 'demo+delay3000' }));
    await widget.settled();
    const first = (await mainRequests()).length;
    await page.clock.runFor(16_000);
    await eventually(mainRequests, (r) => r.length === first + 1, { what: 'the first refresh' });
    // While its answer is on its way, however much time passes, nothing more.
    await page.clock.runFor(120_000);
    await page.waitForTimeout(500);
    assert.equal((await mainRequests()).length, first + 1, 'no second request while one is in flight');
    await widget.settled();
    // Counted from that answer: the next one 15 s later.
    await page.clock.runFor(16_000);
    await eventually(mainRequests, (r) => r.length === first + 2, { what: 'the next refresh' });
    assert.deepEqual(errors, []);
  });

  test('pauses while the page is hidden, catches up at once when shown, and stops with the element', async () => {
    await page.clock.install();
    await page.goto(pageUrl({ refresh: '20', 'link-id': 'demo+slowextra1500' }));
    await widget.settled();
    // The refresh counts from the moment nothing is on its way, the clean
    // totals included (they do not make the element busy): wait for them,
    // or the interval would start only after the hidden minute below.
    await eventually(() => page.locator('.slc-clean').innerText(), (t) => t.includes('clean ('), { what: 'the clean figures' });
    const first = (await mainRequests()).length;
    await setHidden(true);
    await page.clock.runFor(65_000);
    await page.waitForTimeout(300);
    assert.equal((await mainRequests()).length, first, 'nothing while hidden');
    await setHidden(false);
    await eventually(mainRequests, (r) => r.length === first + 1, { what: 'the refresh that fell due' });
    await widget.settled();
    await page.waitForTimeout(300);
    assert.equal((await mainRequests()).length, first + 1, 'one catch-up, not one per missed interval');
    // Shown, with no refresh due: showing again asks for nothing.
    await setHidden(true);
    await setHidden(false);
    await page.waitForTimeout(300);
    assert.equal((await mainRequests()).length, first + 1);
    await page.evaluate(() => document.querySelector('smart-link-clicks').remove());
    await page.clock.runFor(120_000);
    await page.waitForTimeout(300);
    assert.equal((await mainRequests()).length, first + 1, 'a removed element refreshes nothing');
    assert.deepEqual(errors, []);
  });

  test('a refresh below 15 s is 15 s, with a notice; the element reports `refresh` in `filters`', async () => {
    await page.goto(pageUrl({ refresh: '5' }));
    await widget.settled();
    assert.match(await page.locator('[part="notice"]').first().innerText(), /`refresh` 5 is below 15 seconds/);
    const filters = await page.evaluate(() => document.querySelector('smart-link-clicks').filters);
    assert.equal(filters.refresh, 15);
    assert.equal(await page.evaluate(() => document.querySelector('smart-link-clicks').refresh), 15);
  });
});

describe('locale and time zone', () => {
  const GERMAN_MONTHS = ['Jan.', 'Feb.', 'März', 'Apr.', 'Mai', 'Juni', 'Juli', 'Aug.', 'Sept.', 'Okt.', 'Nov.', 'Dez.'];
  const germanGrouped = (n) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');

  test('locale=de-DE writes numbers with `.` groups and dates with German month names', async () => {
    await page.goto(pageUrl({ locale: 'de-DE', period: '90d' }));
    await widget.settled();
    const [request] = await mainRequests();
    const truth = await truthOf(request);
    const total = truth.summary.clicks_total;
    assert.ok(total >= 1000, `a total with a thousands group: ${total}`);
    assert.match(await page.locator('.slc-total').innerText(), new RegExp(`^${germanGrouped(total).replace(/\./g, '\\.')} clicks`));
    // The range, in German: `4. Sept. – 2. Dez. 2026`.
    const [start, end] = [queryOf(request).date_start, queryOf(request).date_end].map((t) => new Date(t));
    const range = await page.locator('.slc-range').innerText();
    for (const day of [start, end]) {
      assert.ok(range.includes(`${day.getUTCDate()}. ${GERMAN_MONTHS[day.getUTCMonth()]}`), `${range} names ${day.toISOString()}`);
    }
    // Chart labels and row times too; the y axis groups with `.`.
    const labels = await page.locator('.slc-plot svg text').evaluateAll((texts) => texts.map((t) => t.textContent));
    assert.ok(labels.some((t) => GERMAN_MONTHS.some((m) => t.endsWith(` ${m}`))), `German date labels: ${labels.join(', ')}`);
    assert.ok(!labels.some((t) => /\d,\d{3}/.test(t)), `no English groups: ${labels.join(', ')}`);
    const time = await widget.rows.first().locator('time').innerText();
    const created = new Date(truth.rows[0].created_at);
    const pad = (n) => String(n).padStart(2, '0');
    assert.equal(time, `${created.getDate()}. ${GERMAN_MONTHS[created.getMonth()]} ${created.getFullYear()}, ${pad(created.getHours())}:${pad(created.getMinutes())}:${pad(created.getSeconds())}`);
    assert.equal(await page.evaluate(() => document.querySelector('smart-link-clicks').filters.locale), 'de-DE');
    await page.locator('[part="summary"]').screenshot({ path: path.join(outputDir, 'analyst-locale-de.png') });
    assert.deepEqual(errors, []);
  });

  test('a locale the browser cannot read falls back to its language, with a notice', async () => {
    await page.goto(pageUrl({ locale: 'en-a' }));
    await widget.settled();
    assert.match(await page.locator('.slc-root').innerText(), /`locale` "en-a" is not a language tag this browser reads/);
    assert.match(await page.locator('.slc-total').innerText(), /^[\d,]+ clicks/);
  });

  test('`Times in` switches row times between local time and UTC, keeps the page, and writes the address', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, timezoneId: 'America/New_York' });
    const zoned = await context.newPage();
    const zonedErrors = watchErrors(zoned);
    const zonedWidget = new WidgetPage(zoned);
    await zoned.goto(pageUrl({ locale: 'en-GB', 'page-size': '25' }));
    await zonedWidget.settled();
    await zonedWidget.button('Next page').click();
    await zonedWidget.settled();
    const truth = await truthOf((await mainRequests()).at(-1));
    // (The log now holds that fetch of the truth too.)
    const requests = await mainRequests();
    const times = () => zonedWidget.rows.locator('time').evaluateAll((t) => t.map((e) => e.textContent));
    const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
    const pad = (n) => String(n).padStart(2, '0');
    // The UTC wall clock, read off the instant by arithmetic alone.
    const utcText = (iso) => {
      const d = new Date(iso);
      return `${d.getUTCDate()} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()}, ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} UTC`;
    };
    // New York's wall clock: the instant moved by New York's offset then.
    const newYorkText = (iso) => {
      const d = new Date(iso);
      const offset = new Date(d.toLocaleString('en-US', { timeZone: 'America/New_York' })).getTime() - new Date(d.toLocaleString('en-US', { timeZone: 'UTC' })).getTime();
      return utcText(d.getTime() + offset).replace(' UTC', '');
    };
    const createdTimes = truth.rows.map((r) => r.created_at);
    assert.deepEqual(await times(), createdTimes.map(newYorkText), 'local time: New York');
    await zonedWidget.label('Times in').selectOption({ label: 'UTC' });
    assert.deepEqual(await times(), createdTimes.map(utcText), 'UTC');
    assert.match(await zonedWidget.pageLabel.innerText(), /^Page 2 of/, 'the page stays');
    assert.equal(new URL(zoned.url()).searchParams.get('time-zone'), 'utc');
    assert.deepEqual((await mainRequests()).map(queryOf), requests.map(queryOf), 'showing times in another zone asks for nothing');
    await zoned.locator('[part="table"]').screenshot({ path: path.join(outputDir, 'analyst-times-in-utc.png') });
    // A shared link keeps the zone; `time-zone=utc` from the start.
    await zoned.reload();
    await zonedWidget.settled();
    assert.equal(await zonedWidget.label('Times in').inputValue(), 'utc');
    assert.match((await times())[0], / UTC$/);
    await zonedWidget.label('Times in').selectOption({ label: 'Local time' });
    assert.equal(new URL(zoned.url()).searchParams.get('time-zone'), null, 'the default zone leaves the address');
    assert.deepEqual(zonedErrors, []);
    await context.close();
  });
});
