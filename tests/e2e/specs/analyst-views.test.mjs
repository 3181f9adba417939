// Issue 16, analyst views (CONTRACT 7): the `Period` presets, `Previous
// period` / `Next period` and the ←/→ keys, a rolling period in a shared
// link, the element's `period`; `compare` with its dashed series and change
// in per cent. Against the release dist/ and the mock proxy, whose request
// log says which dates were asked for.
import { after, before, beforeEach, describe, test } from 'node:test';
import path from 'node:path';
import { mkdirSync } from 'node:fs';
import assert from 'node:assert/strict';
import { launchBrowser, outputDir, queryOf, startMockProxy, startSite, watchErrors } from '../support/env.mjs';
import { WidgetPage, eventually } from '../support/widget.mjs';

let proxy, site, browser, page, widget, errors;

before(async () => {
  proxy = await startMockProxy();
  site = await startSite();
  browser = await launchBrowser();
  mkdirSync(outputDir, { recursive: true });
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
