// Issue 17, all clicks of the range (CONTRACT 8): `Analyse all clicks`
// pages through the range with a progress bar, `Cancel loading` and
// `Resume`, waits out a 429 (every page held back) and a used-up rate
// window, and shows the breakdowns, heatmap and CSVs, whose counts and
// fields are checked against the mock's own rows.
import { afterEach, before, beforeEach, describe, test } from 'node:test';
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

afterEach(async () => {
  await page?.close();
});

beforeEach(async () => {
  page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  errors = watchErrors(page);
  widget = new WidgetPage(page);
  await proxy.clear();
});

const DAY = 864e5;
const isoDay = (ms) => new Date(ms).toISOString().slice(0, 10);
/** A range of `days` ending yesterday (UTC): no click arrives in it while
 * a test runs (the mock's today grows with the clock). */
function pastRange(days) {
  const yesterday = Date.now() - DAY;
  return { 'date-start': isoDay(yesterday - (days - 1) * DAY), 'date-end': isoDay(yesterday) };
}

function pageUrl(params) {
  return `${site.url}/?${new URLSearchParams({ proxy: proxy.url, 'link-id': 'demo', 'include-bots': 'false', ...pastRange(30), ...params })}`;
}

/** Every row of the view, read from the mock directly (the truth). */
async function allRowsOf(linkId, query) {
  const rows = [];
  for (let offset = 0; ; offset += 1000) {
    const q = new URLSearchParams({ ...query, limit: '1000', offset: String(offset) });
    const body = await (await fetch(`${proxy.url}/api/smart-links/${linkId}/clicks?${q}`)).json();
    rows.push(...body.data.rows);
    if (body.data.rows.length < 1000) return rows;
  }
}

let loaderFrom = 0;

/** Marks where the loader's requests begin in the mock's log. */
async function markLoaderStart() {
  loaderFrom = (await proxy.allRequests()).length;
}

/** The loader's page requests: those logged since the mark, but the
 * one-row requests of the clean totals. */
async function pageRequests() {
  return (await proxy.allRequests()).slice(loaderFrom).filter((r) => queryOf(r).limit !== '1');
}

/** Loads every click of the last 30 days (to yesterday) and returns the
 * mock's own rows. */
async function loadAll(params = {}) {
  await page.goto(pageUrl(params));
  await widget.settled();
  const [main] = await proxy.requests();
  // The truth is asked as the main view asked (range and flags).
  const truth = await allRowsOf('demo', queryOf(main));
  await widget.button('Analyse all clicks').click();
  await widget.button('Clear loaded clicks').waitFor({ timeout: 20_000 });
  await widget.settled();
  return truth;
}

const progressbar = () => page.getByRole('progressbar', { name: 'Loading all clicks' });
const rowsLoaded = async () => Number(await progressbar().getAttribute('aria-valuenow'));
/** How many clicks a row stands for: its gross_clicks, or 1. */
const clicksOf = (row) => (row.gross_clicks >= 1 ? row.gross_clicks : 1);
const sumClicks = (rows) => rows.reduce((total, row) => total + clicksOf(row), 0);
/** A share as the widget writes it: one decimal, in the page's locale (en-US). */
const tenths = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** Asserts a CSV record holds every field of the mock's row (a cell the
 * file neutralised starts with `'`). */
function assertRecordHolds(header, record, row) {
  for (const [field, value] of Object.entries(row)) {
    const expected = value === null ? '' : String(value);
    const cell = record[header.indexOf(field)];
    assert.ok(cell === expected || cell === `'${expected}`, `${row.id} ${field}: ${cell} for ${expected}`);
  }
}

describe('all clicks', () => {
  test('loads every page with a progress bar, and the breakdowns count what the mock holds', async () => {
    await page.goto(pageUrl({}));
    await widget.settled();
    const [main] = await proxy.requests();
    const query = queryOf(main);
    const truth = await allRowsOf('demo', { date_start: query.date_start, date_end: query.date_end, include_bots: 'false', include_duplicates: 'true' });
    assert.ok(truth.length > 2000 && truth.length < 10000, `a few thousand clicks: ${truth.length}`);
    await markLoaderStart();
    await widget.button('Analyse all clicks').click();
    await eventually(async () => Number(await progressbar().getAttribute('aria-valuenow')), (n) => n === truth.length, { what: 'every row loaded', timeout: 20_000 });
    assert.equal(Number(await progressbar().getAttribute('aria-valuemax')), truth.length);
    await widget.button('Clear loaded clicks').waitFor();
    const requests = await pageRequests();
    assert.equal(requests.length, Math.ceil(truth.length / 1000), 'one request a page');
    assert.deepEqual(requests.map((r) => Number(queryOf(r).offset)).sort((a, b) => a - b), requests.map((_, i) => i * 1000));
    // Countries, with each row counted as its gross_clicks.
    const expected = new Map();
    for (const row of truth) {
      const key = row.country_code ?? '';
      expected.set(key, (expected.get(key) ?? 0) + (row.gross_clicks >= 1 ? row.gross_clicks : 1));
    }
    const countries = page.getByRole('region', { name: 'Countries' });
    const top = [...expected.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    // The top 10 until `Show all`; then every country, each a filter.
    assert.equal(await countries.locator('button.slc-entry').count(), Math.min(10, top.length));
    if (top.length > 10) {
      const showAll = countries.getByRole('button', { name: `Show all ${top.length} (${top.length - 10} more)` });
      assert.equal(await showAll.getAttribute('aria-expanded'), 'false');
      await showAll.click();
      await countries.getByRole('button', { name: 'Show the top 10' }).waitFor();
    }
    const entries = await countries.locator('button.slc-entry').allInnerTexts();
    assert.equal(entries.length, top.length, entries.join(' | '));
    for (const [i, text] of entries.entries()) {
      const [code, count] = top[i];
      const name = code === '' ? '(none)' : `(${code})`;
      assert.ok(text.includes(name), `${text} names ${name}`);
      assert.ok(text.endsWith(count.toLocaleString('en-US')), `${text} counts ${count}`);
    }
    await page.locator('[part="breakdowns"]').screenshot({ path: path.join(outputDir, 'all-clicks-breakdowns.png') });
    // Clicking a country filters the table (and the pager counts the filtered rows).
    const [code, count] = top[0];
    await countries.locator('button.slc-entry').first().click();
    await widget.button(`Remove filter: ${code}`).waitFor();
    const rowsOfCountry = truth.filter((r) => (r.country_code ?? '') === code).length;
    await eventually(() => page.locator('.slc-all [part="pager"] .slc-page-label').innerText(), (t) => t === `Page 1 of ${Math.ceil(rowsOfCountry / 100)}`, { what: 'the filtered pager' });
    const shownCountries = await page.locator('.slc-all [part="table"] tbody tr td:nth-child(2)').allInnerTexts();
    // Newest first, whatever order the pages arrived in.
    const times = await page.locator('.slc-all [part="table"] tbody time').evaluateAll((t) => t.map((e) => Date.parse(e.getAttribute('datetime'))));
    assert.ok(times.every((t, i) => i === 0 || times[i - 1] >= t), 'newest first');
    assert.ok(shownCountries.length > 0 && shownCountries.every((c) => c === code), shownCountries.join(','));
    assert.ok(count >= rowsOfCountry);
    await widget.button(`Remove filter: ${code}`).click();
    await widget.button('Clear loaded clicks').click();
    await widget.button('Analyse all clicks').waitFor();
    assert.equal(await page.locator('.slc-page-rows').isVisible(), true, 'the server-paged table is back');
    assert.deepEqual(errors, []);
  });

  test('Cancel loading stops the requests; Resume goes on and ends at the total', async () => {
    // 90 days: a dozen pages or more, three at a time, 800 ms each.
    await page.goto(pageUrl({ 'link-id': 'demo+delay800', 'include-bots': 'true', ...pastRange(90) }));
    await widget.settled();
    await markLoaderStart();
    await widget.button('Analyse all clicks').click();
    assert.equal(await widget.host.getAttribute('aria-busy'), 'true', 'the widget is busy while pages load');
    await eventually(async () => Number(await progressbar().getAttribute('aria-valuenow')), (n) => n >= 1000, { what: 'a first page' });
    assert.ok(Number(await progressbar().getAttribute('aria-valuemax')) >= 9000, 'pages are left to load');
    await widget.button('Cancel loading').click();
    await widget.button('Resume').waitFor();
    const stoppedAt = (await pageRequests()).length;
    await page.waitForTimeout(1500);
    assert.equal((await pageRequests()).length, stoppedAt, 'no request after Cancel');
    const kept = Number(await progressbar().getAttribute('aria-valuenow'));
    assert.ok(kept >= 1000, 'what was loaded is kept');
    await widget.button('Resume').click();
    const max = Number(await progressbar().getAttribute('aria-valuemax'));
    await eventually(async () => Number(await progressbar().getAttribute('aria-valuenow')), (n) => n === max, { what: 'the rest', timeout: 30_000 });
    await widget.settled();
    assert.deepEqual(errors, []);
  });

  test('the rate and time left move on while a slow page is on its way', async () => {
    // The page's one-second timers, counted (the ticker's are the only ones here).
    await page.addInitScript(() => {
      window.__secondTimers = 0;
      const setTimeoutOfPage = window.setTimeout;
      window.setTimeout = function (handler, ms, ...rest) {
        if (ms === 1000) window.__secondTimers += 1;
        return setTimeoutOfPage.call(this, handler, ms, ...rest);
      };
    });
    // Pages of 5 s each, three at a time: the text must not freeze between them.
    await page.goto(pageUrl({ 'link-id': 'demo+delay5000', 'include-bots': 'true', ...pastRange(90) }));
    await widget.settled();
    await widget.button('Analyse all clicks').click();
    const text = page.locator('.slc-progress-text');
    // The first three pages come in together; the next three 5 s later.
    await eventually(rowsLoaded, (n) => n === 3000, { what: 'the first three pages', timeout: 20_000 });
    const first = await text.innerText();
    assert.match(first, /rows\/s · .+ left/);
    const later = await eventually(() => text.innerText(), (t) => t !== first, { what: 'the text to move on', timeout: 3_000 });
    assert.equal(await rowsLoaded(), 3000, `no page came in meanwhile (${first} → ${later})`);
    await widget.button('Cancel loading').click();
    await widget.button('Resume').waitFor();
    // Stopped: no timer is asked for any more.
    const timers = () => page.evaluate(() => window.__secondTimers);
    await page.waitForTimeout(1_200);
    const stoppedAt = await timers();
    assert.ok(stoppedAt > 0, 'the ticker used one-second timers');
    await page.waitForTimeout(2_500);
    assert.equal(await timers(), stoppedAt, 'nothing ticks once stopped');
    assert.deepEqual(errors, []);
  });

  test('a 429 mid-way is waited out, and max-rows caps what is loaded', async () => {
    await page.goto(pageUrl({ 'link-id': 'demo+429once', 'max-rows': '2500' }));
    await widget.settled();
    await markLoaderStart();
    await widget.button('Analyse all clicks').click();
    await eventually(async () => Number(await progressbar().getAttribute('aria-valuenow')), (n) => n === 2500, { what: '2,500 rows', timeout: 30_000 });
    assert.equal(Number(await progressbar().getAttribute('aria-valuemax')), 2500);
    assert.match(await page.locator('.slc-progress-text').innerText(), /the first 2,500 of [\d,]+ \(max-rows\)/);
    // Capped: the spike note's figures are over the whole days loaded, and it says so.
    await widget.button('Clear loaded clicks').waitFor();
    assert.match(await page.locator('[part="spike"]').innerText(), /the daily median of [\d,.]+ \(over the whole days loaded\)/);
    // Every other request is answered 429 (Retry-After: 1): each such page was asked again.
    const requests = await pageRequests();
    assert.ok(requests.length >= 4, `rate-limited pages were asked again (${requests.length} requests)`);
    assert.deepEqual([...new Set(requests.map((r) => queryOf(r).offset))].sort(), ['0', '1000', '2000']);
    assert.equal(requests.filter((r) => queryOf(r).offset === '2000').at(-1).query.includes('limit=500'), true);
    assert.deepEqual(errors, []);
  });

  test('a 429 holds back every page until its Retry-After, not only its own', async () => {
    // Every answer takes 200 ms, so the three pages of a batch are answered
    // together: a page answered beside the 429 must not start the next one.
    await page.goto(pageUrl({ 'link-id': 'demo+429once+delay200', 'include-bots': 'true', 'max-rows': '6000', ...pastRange(90) }));
    await widget.settled();
    // A fresh log and 429once count: the loader's first request is the one limited.
    await proxy.clear();
    loaderFrom = 0;
    await widget.button('Analyse all clicks').click();
    await eventually(rowsLoaded, (n) => n === 6000, { what: '6,000 rows', timeout: 30_000 });
    const requests = await pageRequests();
    const [limited] = requests.filter((r) => r.status === 429).sort((a, b) => a.answered_ms - b.answered_ms);
    assert.ok(limited, 'a page was answered 429');
    // Retry-After: 1. Nothing arrives from the moment its answer left
    // until a second later (the page itself included).
    const during = requests.filter((r) => r.seq > limited.seq && r.at_ms >= limited.answered_ms && r.at_ms < limited.answered_ms + 950);
    assert.deepEqual(during.map((r) => [queryOf(r).offset, r.at_ms - limited.answered_ms]), [], 'no page asked during the wait');
    assert.ok(requests.some((r) => r.seq > limited.seq && queryOf(r).offset !== queryOf(limited).offset), 'other pages followed after the wait');
    assert.deepEqual(errors, []);
  });

  test('when the proxy says the minute is used up, the next page waits for the next minute', async () => {
    await page.clock.install();
    // Every answer says no request is left in the window: five pages.
    await page.goto(pageUrl({ 'link-id': 'demo+rateleft0', 'include-bots': 'true', 'max-rows': '5000', ...pastRange(90) }));
    await widget.settled();
    await markLoaderStart();
    await widget.button('Analyse all clicks').click();
    // The first three go together (nothing was said yet); then nothing.
    await eventually(rowsLoaded, (n) => n === 3000, { what: 'the first three pages' });
    const waiting = page.locator('.slc-all').getByText("The proxy's rate limit is used up: waiting for the next minute");
    await waiting.waitFor();
    assert.equal((await pageRequests()).length, 3);
    // (The page's clock also runs on by itself meanwhile: 50 s leaves room.)
    await page.clock.runFor(50_000);
    await page.waitForTimeout(300);
    assert.equal((await pageRequests()).length, 3, 'nothing within the minute');
    // A minute on, one request probes the new window; its answer says 0 again.
    await page.clock.runFor(11_000);
    await eventually(rowsLoaded, (n) => n === 4000, { what: 'the fourth page' });
    await page.waitForTimeout(300);
    assert.equal((await pageRequests()).length, 4, 'one page a window');
    await page.clock.runFor(61_000);
    await eventually(rowsLoaded, (n) => n === 5000, { what: 'the fifth page' });
    await widget.button('Clear loaded clicks').waitFor();
    assert.equal((await pageRequests()).length, 5);
    assert.deepEqual(errors, []);
  });

  test('Analyse all clicks waits while the range on screen is an older one', async () => {
    const range = pastRange(30);
    await page.setContent(`<script type="module" src="${site.url}/smart-link-clicks.js"></script>
      <smart-link-clicks proxy="${proxy.url}" link-id="demo" include-bots="false" date-start="${range['date-start']}" date-end="${range['date-end']}"></smart-link-clicks>`);
    await eventually(() => widget.rows.count(), (n) => n === 100, { what: 'the first page' });
    await widget.settled();
    const analyse = widget.button('Analyse all clicks');
    assert.equal(await analyse.isEnabled(), true);
    // A new range whose request fails: the old range stays on screen.
    const chosen = pastRange(7);
    await page.evaluate((start) => {
      const element = document.querySelector('smart-link-clicks');
      element.headers = { 'X-Mock-Fault': '503' };
      element.setAttribute('date-start', start);
    }, chosen['date-start']);
    await page.locator('[part="error"]').waitFor();
    assert.equal(await analyse.isDisabled(), true, 'not while the range on screen is not the chosen one');
    await page.locator('.slc-all').getByText('Loads every click of the range once the range is on screen.').waitFor();
    // The new range arrives: Analyse is offered for it.
    await page.evaluate(() => { document.querySelector('smart-link-clicks').headers = {}; });
    await eventually(() => analyse.isEnabled(), (enabled) => enabled, { what: 'Analyse enabled again' });
    await markLoaderStart();
    await analyse.click();
    await widget.button('Clear loaded clicks').waitFor({ timeout: 20_000 });
    const pages = await pageRequests();
    assert.ok(pages.length > 0 && pages.every((r) => queryOf(r).date_start.startsWith(chosen['date-start'])), 'the pages are of the new range');
    assert.deepEqual(errors.filter((e) => !/503/.test(e)), []);
  });

  test('pages longer than asked for: the progress bar ends at the rows loaded, never below them', async () => {
    // Every answer holds 10,000 rows, whatever the limit; max-rows asks for
    // 1,500 (a page of 1,000 and one of 500), so more come than expected.
    await page.goto(pageUrl({ 'link-id': 'demo+rows10000', 'max-rows': '1500', ...pastRange(7) }));
    await widget.settled();
    await widget.button('Analyse all clicks').click();
    await widget.button('Clear loaded clicks').waitFor({ timeout: 20_000 });
    const now = Number(await progressbar().getAttribute('aria-valuenow'));
    const max = Number(await progressbar().getAttribute('aria-valuemax'));
    assert.ok(now > 1500, `more rows than expected: ${now}`);
    assert.equal(max, now, 'the bar ends at the rows loaded');
    assert.deepEqual(errors, []);
  });

  test('at 320 px the part and its lists fit the card', async () => {
    await page.setViewportSize({ width: 320, height: 900 });
    await page.goto(pageUrl(pastRange(7)));
    await widget.settled();
    await widget.button('Analyse all clicks').click();
    await widget.button('Clear loaded clicks').waitFor();
    await widget.settled();
    const overflow = await page.evaluate(() => {
      const root = document.querySelector('smart-link-clicks').shadowRoot.querySelector('.slc-root');
      return { root: root.scrollWidth - root.clientWidth, page: document.documentElement.scrollWidth - document.documentElement.clientWidth };
    });
    assert.ok(overflow.root <= 1 && overflow.page <= 0, JSON.stringify(overflow));
    await page.locator('.slc-all').screenshot({ path: path.join(outputDir, 'all-clicks-320.png') });
    assert.deepEqual(errors, []);
  });
});

describe('the loaded rows', () => {
  const table = () => page.locator('.slc-all [part="table"]');
  const pageLabel = () => page.locator('.slc-all [part="pager"] .slc-page-label');

  test('Search clicks matches any field ignoring case; headings sort and say so in aria-sort', async () => {
    const truth = await loadAll();
    // From page 3: a search goes back to page 1.
    await page.locator('.slc-all [part="pager"]').getByRole('button', { name: 'Next page' }).click();
    await page.locator('.slc-all [part="pager"]').getByRole('button', { name: 'Next page' }).click();
    await eventually(() => pageLabel().innerText(), (t) => t.startsWith('Page 3 of'), { what: 'page 3' });
    const search = page.getByRole('searchbox', { name: 'Search clicks', exact: true });
    // A query that grows narrows the last result (only its rows are checked
    // again); one that changes counts every row again: both must be right.
    await search.fill('INST');
    const tiktok = truth.filter((row) => Object.values(row).some((v) => v !== null && String(v).toLowerCase().includes('tiktok')));
    await search.fill('TIKTOK');
    await eventually(() => pageLabel().innerText(), (t) => t === `Page 1 of ${Math.ceil(tiktok.length / 100)}`, { what: 'a new query counted again' });
    await search.fill('INST');
    await search.fill('INSTAGRAM');
    const matching = truth.filter((row) => Object.values(row).some((v) => v !== null && String(v).toLowerCase().includes('instagram')));
    assert.ok(matching.length > 0 && matching.length < truth.length);
    await eventually(() => pageLabel().innerText(), (t) => t === `Page 1 of ${Math.ceil(matching.length / 100)}`, { what: 'the searched pager' });
    const rowTexts = await table().locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.textContent.toLowerCase()));
    assert.equal(rowTexts.length, Math.min(100, matching.length));
    // (The row's Details hold the rest of its fields: a match may be in one not shown.)
    await search.fill('');
    await eventually(() => pageLabel().innerText(), (t) => t === `Page 1 of ${Math.ceil(truth.length / 100)}`, { what: 'every row again' });
    const heading = table().getByRole('button', { name: 'Country', exact: true });
    const th = table().locator('thead th').nth(1);
    assert.equal(await th.innerText(), 'Country');
    assert.equal(await th.getAttribute('aria-sort'), null, 'only the sorted heading carries aria-sort');
    await heading.click();
    await eventually(() => th.getAttribute('aria-sort'), (v) => v === 'ascending', { what: 'aria-sort ascending' });
    assert.match(await page.locator('.slc-all .slc-table-tools').innerText(), /Sorted by Country, ascending/);
    const countries = () => table().locator('tbody tr td:nth-child(2)').allInnerTexts();
    const expectedFirst = truth.map((r) => r.country_code).filter(Boolean).sort((a, b) => a.localeCompare(b))[0];
    await eventually(countries, (c) => c[0] === expectedFirst, { what: `sorted by country (${expectedFirst} first)` });
    const ascending = await countries();
    assert.ok(ascending.every((c, i) => i === 0 || ascending[i - 1].localeCompare(c) <= 0 || c === '—'), ascending.join(','));
    await heading.click();
    await eventually(() => th.getAttribute('aria-sort'), (v) => v === 'descending', { what: 'aria-sort descending' });
    const expectedLast = truth.map((r) => r.country_code).filter(Boolean).sort((a, b) => b.localeCompare(a))[0];
    const descending = await eventually(countries, (c) => c[0] === expectedLast, { what: `sorted by country (${expectedLast} first)` });
    assert.ok(descending.every((c, i) => i === 0 || descending[i - 1].localeCompare(c) >= 0), descending.join(','));
    assert.deepEqual(errors, []);
  });

  test('Download CSV saves the rows on screen, Download all CSV every passing row with every field', async () => {
    const truth = await loadAll();
    const [screen] = await Promise.all([page.waitForEvent('download'), table().locator('xpath=ancestor::section[1]').getByRole('button', { name: 'Download CSV', exact: true }).click()]);
    const onScreen = parseCsv(await readDownload(screen));
    assert.equal(onScreen.length, 101, 'header and the 100 rows on screen');
    // The newest 100 (ties at the edge may be either), each field as the mock has it.
    const truthById = new Map(truth.map((row) => [row.id, row]));
    const hundredth = truth.map((row) => Date.parse(row.created_at)).sort((a, b) => b - a)[99];
    assert.equal(new Set(onScreen.slice(1).map((record) => record[onScreen[0].indexOf('id')])).size, 100, '100 different rows');
    for (const record of onScreen.slice(1)) {
      const row = truthById.get(record[onScreen[0].indexOf('id')]);
      assert.ok(row, `${record[0]} is a loaded row`);
      assert.ok(Date.parse(row.created_at) >= hundredth, `${row.id} is among the newest 100`);
      assertRecordHolds(onScreen[0], record, row);
    }
    // Filter by the first country, then save every loaded row passing it.
    const countries = page.getByRole('region', { name: 'Countries' });
    await countries.getByRole('button').first().click();
    const code = (await page.locator('.slc-chip').innerText()).replace(/^Countries: /, '').replace(/ ✕$/, '');
    const passing = truth.filter((r) => (r.country_code ?? '') === code);
    const [all] = await Promise.all([page.waitForEvent('download'), widget.button('Download all CSV').click()]);
    assert.match(all.suggestedFilename(), /^smart-link-clicks-demo-\d{4}-\d\d-\d\d-to-\d{4}-\d\d-\d\d-all\.csv$/);
    const records = parseCsv(await readDownload(all));
    assert.equal(records.length, passing.length + 1, 'header and every passing row');
    const header = records[0];
    for (const field of Object.keys(truth[0])) assert.ok(header.includes(field), `the file has ${field}`);
    const ids = new Set(records.slice(1).map((record) => record[header.indexOf('id')]));
    assert.deepEqual([...ids].sort(), passing.map((r) => r.id).sort());
    // Without the filter: every row, written in 2,000-row chunks (one
    // header, no row lost or doubled at a chunk's edge), each field as the
    // mock has it.
    assert.ok(truth.length > 2000, `more than one chunk: ${truth.length}`);
    await page.locator('.slc-chip').click();
    const [whole] = await Promise.all([page.waitForEvent('download'), widget.button('Download all CSV').click()]);
    const every = parseCsv(await readDownload(whole));
    assert.equal(every.length, truth.length + 1, 'header and every row');
    assert.equal(every.filter((record) => record[0] === every[0][0]).length, 1, 'one header line');
    const byId = new Map(every.slice(1).map((record) => [record[every[0].indexOf('id')], record]));
    assert.equal(byId.size, truth.length);
    for (const row of [truth[0], truth[1999], truth[2000], truth.at(-1)]) {
      assertRecordHolds(every[0], byId.get(row.id), row);
    }
    assert.deepEqual(errors, []);
  });

  test('a failure before the first page keeps the main table; Resume asks with the headers the host set since', async () => {
    const range = pastRange(30);
    await page.setContent(`<script type="module" src="${site.url}/smart-link-clicks.js"></script>
      <smart-link-clicks proxy="${proxy.url}" link-id="demo" include-bots="false" date-start="${range['date-start']}" date-end="${range['date-end']}"></smart-link-clicks>`);
    await page.evaluate(() => {
      window.__errors = [];
      document.addEventListener('slc-error', (e) => window.__errors.push(e.detail.status));
    });
    await eventually(() => widget.rows.count(), (n) => n === 100, { what: 'the first page' });
    await widget.settled();
    const mainRows = await widget.rows.allInnerTexts();
    // The dashboard's session lapses: every request now gets a 401.
    await page.evaluate(() => { document.querySelector('smart-link-clicks').headers = { 'X-Mock-Fault': '401' }; });
    await eventually(() => page.evaluate(() => window.__errors.length), (n) => n >= 1, { what: "the main view's 401" });
    await widget.settled();
    await markLoaderStart();
    await widget.button('Analyse all clicks').click();
    await widget.button('Resume').waitFor();
    assert.match(await page.getByRole('status').filter({ hasText: 'Loading stopped' }).innerText(), /401|Unauthenticated/);
    assert.deepEqual(await page.evaluate(() => window.__errors), [401, 401], 'the host heard both failures');
    // Nothing was loaded: the main view's table and pager stay, no empty lists.
    assert.deepEqual(await widget.rows.allInnerTexts(), mainRows);
    assert.equal(await page.locator('[part="breakdowns"]').count(), 0);
    // The host renews the session; Resume uses the new headers.
    await page.evaluate(() => { document.querySelector('smart-link-clicks').headers = { 'X-Dashboard-Session': 'renewed' }; });
    await widget.settled();
    await widget.button('Resume').click();
    await widget.button('Clear loaded clicks').waitFor({ timeout: 20_000 });
    const pages = await pageRequests();
    assert.ok(pages.at(-1).headers['x-dashboard-session'] === 'renewed', 'the last page asked with the renewed headers');
    assert.equal(await progressbar().getAttribute('aria-valuenow'), await progressbar().getAttribute('aria-valuemax'));
    assert.deepEqual(errors.filter((e) => !/401/.test(e)), []);
  });
});

async function readDownload(download) {
  const stream = await download.createReadStream();
  const chunks = [];
  for await (const chunk of stream) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

describe('breakdowns', () => {
  test('every list counts what the mock holds, with bots and duplicates as shares of its clicks', async () => {
    const truth = await loadAll({ 'include-bots': 'true' });
    const total = sumClicks(truth);
    const bots = sumClicks(truth.filter((r) => r.is_bot === true));
    const duplicates = sumClicks(truth.filter((r) => r.is_duplicate === true));
    assert.ok(bots > 0 && duplicates > 0, `bots ${bots}, duplicates ${duplicates}`);
    const lists = {
      Devices: 'browser_device_type',
      Browsers: 'browser_name',
      Platforms: 'browser_platform',
      Referrers: 'referrer',
      'UTM sources': 'utm_source',
      'UTM mediums': 'utm_medium',
      'UTM campaigns': 'utm_campaign',
    };
    for (const [heading, field] of Object.entries(lists)) {
      const list = page.getByRole('region', { name: heading, exact: true });
      // Every row is in every list, so each says the range's shares.
      assert.equal(await list.locator('.slc-list-flags').innerText(), `${tenths.format((bots * 100) / total)} % bots · ${tenths.format((duplicates * 100) / total)} % duplicates`, heading);
      const expected = new Map();
      for (const row of truth) {
        const value = row[field] || '(none)';
        const [clicks, rowBots, rowDuplicates] = expected.get(value) ?? [0, 0, 0];
        expected.set(value, [clicks + clicksOf(row), rowBots + (row.is_bot === true ? clicksOf(row) : 0), rowDuplicates + (row.is_duplicate === true ? clicksOf(row) : 0)]);
      }
      const showAll = list.getByRole('button', { name: /^Show all / });
      if (await showAll.count()) await showAll.click();
      const shown = await list.locator('button.slc-entry').evaluateAll((buttons) => buttons.map((b) => ({
        name: b.querySelector('.slc-entry-name').textContent,
        count: Number(b.querySelector('.slc-entry-count').textContent.replace(/,/g, '')),
        title: b.title,
      })));
      assert.deepEqual(shown.map((e) => [e.name, e.count]).sort(), [...expected].map(([value, [clicks]]) => [value, clicks]).sort(), `${heading}: every value and its clicks`);
      assert.ok(shown.every((e, i) => i === 0 || shown[i - 1].count >= e.count), `${heading} ranked by clicks`);
      for (const entry of shown) {
        const [clicks, entryBots, entryDuplicates] = expected.get(entry.name);
        assert.equal(entry.title, `${tenths.format((clicks * 100) / total)} % of the list · ${entryBots.toLocaleString('en-US')} bots · ${entryDuplicates.toLocaleString('en-US')} duplicates`, `${heading}: ${entry.name}`);
      }
    }
    // A device narrows the other lists to its rows, and not its own.
    const devices = page.getByRole('region', { name: 'Devices', exact: true });
    const device = await devices.locator('.slc-entry-name').first().textContent();
    await devices.locator('button.slc-entry').first().click();
    await widget.button(`Remove filter: ${device}`).waitFor();
    const ofDevice = truth.filter((r) => (r.browser_device_type || '(none)') === device);
    const platforms = page.getByRole('region', { name: 'Platforms', exact: true });
    const platformCounts = () => platforms.locator('.slc-entry-count').evaluateAll((counts) => counts.reduce((t, c) => t + Number(c.textContent.replace(/,/g, '')), 0));
    await eventually(platformCounts, (sum) => sum === sumClicks(ofDevice), { what: `the platforms of ${device}` });
    assert.equal(await devices.locator('button.slc-entry').count(), new Set(truth.map((r) => r.browser_device_type || '(none)')).size, 'the chosen list keeps its other values');
    assert.deepEqual(errors, []);
  });
});

describe('heatmap and spike note', () => {
  test('the weekday × hour grid sums to the loaded clicks, its cells titled; the spike note names the busiest day', async () => {
    const truth = await loadAll({ 'time-zone': 'utc' });
    const heatmap = page.locator('[part="heatmap"]');
    assert.match(await heatmap.getAttribute('aria-label'), /^Clicks by weekday and hour/);
    const titles = await heatmap.locator('td[title]').evaluateAll((cells) => cells.map((c) => c.getAttribute('title')));
    assert.equal(titles.length, 7 * 24);
    const sum = titles.reduce((total, title) => total + Number(title.match(/: ([\d,]+) clicks?$/)[1].replace(/,/g, '')), 0);
    const clicks = (row) => (row.gross_clicks >= 1 ? row.gross_clicks : 1);
    assert.equal(sum, truth.reduce((total, row) => total + clicks(row), 0), 'the cells sum to the total');
    // One cell against the truth: in UTC, Tuesday 14:00.
    const tuesday14 = truth.filter((r) => { const d = new Date(r.created_at); return d.getUTCDay() === 2 && d.getUTCHours() === 14; }).reduce((t, r) => t + clicks(r), 0);
    assert.ok(titles.includes(`Tue 14:00: ${tuesday14.toLocaleString('en-US')} ${tuesday14 === 1 ? 'click' : 'clicks'}`), `Tue 14:00 holds ${tuesday14}`);
    // The busiest UTC day of the range, by the mock's own rows.
    const daily = new Map();
    for (const row of truth) { const day = row.created_at.slice(0, 10); daily.set(day, (daily.get(day) ?? 0) + clicks(row)); }
    const busiest = Math.max(...daily.values());
    const spike = page.locator('[part="spike"]');
    assert.match(await spike.innerText(), new RegExp(`^Busiest day: .+, ${busiest.toLocaleString('en-US')} clicks`));
    assert.doesNotMatch(await spike.innerText(), /whole days loaded/, 'every row loaded: the whole range');
    await heatmap.screenshot({ path: path.join(outputDir, 'all-clicks-heatmap.png') });
    await spike.screenshot({ path: path.join(outputDir, 'all-clicks-spike.png') });
    assert.deepEqual(errors, []);
  });

  test('in a zone with a clock change in the range, every cell holds the clicks of its local weekday and hour', async () => {
    // `time-zone` is `local` (the default): the browser's zone is New York's.
    // The range is the week either side of its latest clock change before
    // yesterday (the mock holds a year), whatever today is.
    const zone = 'America/New_York';
    const offsetOn = (ms) => new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'shortOffset' }).format(new Date(ms)).split(' ').at(-1);
    let change = Date.parse(`${isoDay(Date.now() - DAY)}T12:00:00Z`);
    while (offsetOn(change) === offsetOn(change - DAY)) change -= DAY;
    const around = { 'date-start': isoDay(change - 7 * DAY), 'date-end': isoDay(Math.min(change + 7 * DAY, Date.now() - DAY)) };
    await page.close();
    page = await browser.newPage({ viewport: { width: 1280, height: 1000 }, timezoneId: zone });
    errors = watchErrors(page);
    widget = new WidgetPage(page);
    const truth = await loadAll({ 'include-bots': 'true', ...around });
    const local = new Intl.DateTimeFormat('en-US', { timeZone: zone, weekday: 'short', hour: '2-digit', hourCycle: 'h23' });
    const offsets = new Set(truth.map((r) => offsetOn(Date.parse(r.created_at))));
    assert.ok(offsets.size === 2, `the range crosses a clock change: ${[...offsets]}`);
    const expected = new Map();
    for (const row of truth) {
      const parts = Object.fromEntries(local.formatToParts(new Date(row.created_at)).map((p) => [p.type, p.value]));
      const key = `${parts.weekday} ${parts.hour}:00`;
      expected.set(key, (expected.get(key) ?? 0) + clicksOf(row));
    }
    const cells = await page.locator('[part="heatmap"] td[title]').evaluateAll((tds) => tds.map((c) => c.getAttribute('title')));
    assert.equal(cells.length, 7 * 24);
    for (const title of cells) {
      const [, key, count] = title.match(/^(\w{3} \d\d:00): ([\d,]+) clicks?$/);
      assert.equal(Number(count.replace(/,/g, '')), expected.get(key) ?? 0, title);
    }
    assert.deepEqual(errors, []);
  });
});

describe('columns', () => {
  test('Columns hides and shows columns, remembered across a reload; a failing localStorage only forgets', async () => {
    await page.goto(pageUrl({}));
    await widget.settled();
    const headings = () => page.locator('.slc-page-rows [part="table"] thead th').allInnerTexts();
    assert.deepEqual(await headings(), ['Time', 'Country', 'Device', 'Browser', 'Platform', 'Referrer', 'UTM source', 'UTM campaign', 'Flags', 'Record']);
    const columnsButton = page.locator('.slc-page-rows').getByRole('button', { name: 'Columns', exact: true });
    assert.equal(await columnsButton.getAttribute('aria-expanded'), 'false');
    assert.equal(await page.locator('.slc-page-rows .slc-columns').isVisible(), false, 'the checkboxes start hidden');
    await columnsButton.click();
    assert.equal(await columnsButton.getAttribute('aria-expanded'), 'true');
    await page.locator('.slc-page-rows').getByRole('checkbox', { name: 'Country', exact: true }).uncheck();
    await page.locator('.slc-page-rows').getByRole('checkbox', { name: 'UTM source', exact: true }).uncheck();
    const fewer = ['Time', 'Device', 'Browser', 'Platform', 'Referrer', 'UTM campaign', 'Flags', 'Record'];
    assert.deepEqual(await headings(), fewer);
    assert.equal(await page.locator('.slc-page-rows [part="table"] tbody tr').first().locator('td').count(), fewer.length);
    await page.reload();
    await widget.settled();
    assert.deepEqual(await headings(), fewer, 'the choice survives a reload');
    // The loaded rows' table shows the same columns.
    await widget.button('Analyse all clicks').click();
    await widget.button('Clear loaded clicks').waitFor({ timeout: 20_000 });
    assert.deepEqual(await page.locator('.slc-all [part="table"] thead th').allInnerTexts(), fewer);
    // A browser whose localStorage throws: every column, and no error.
    const blocked = await browser.newPage();
    const blockedErrors = watchErrors(blocked);
    await blocked.addInitScript(() => {
      Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('blocked', 'SecurityError'); } });
    });
    const blockedWidget = new WidgetPage(blocked);
    await blocked.goto(pageUrl({}));
    await blockedWidget.settled();
    assert.equal(await blocked.locator('.slc-page-rows [part="table"] thead th').count(), 10);
    await blocked.getByRole('button', { name: 'Columns', exact: true }).first().click();
    await blocked.getByRole('checkbox', { name: 'Device', exact: true }).first().uncheck();
    assert.equal(await blocked.locator('.slc-page-rows [part="table"] thead th').count(), 9, 'the choice still applies');
    // Every column but one hidden: the last one cannot be, its box is disabled.
    const boxes = blocked.locator('.slc-page-rows .slc-columns input[type="checkbox"]');
    const total = await boxes.count();
    for (let i = 1; i < total; i += 1) {
      if (await boxes.nth(i).isChecked()) await boxes.nth(i).uncheck();
    }
    assert.deepEqual(await blocked.locator('.slc-page-rows [part="table"] thead th').allInnerTexts(), ['Time', 'Record']);
    assert.equal(await boxes.first().isChecked(), true);
    assert.equal(await boxes.first().isDisabled(), true, 'the last column shown stays');
    // Escape closes the checkboxes and puts focus back on `Columns`.
    await boxes.nth(1).focus();
    await blocked.keyboard.press('Escape');
    const blockedColumns = blocked.locator('.slc-page-rows').getByRole('button', { name: 'Columns', exact: true });
    assert.equal(await blockedColumns.getAttribute('aria-expanded'), 'false');
    assert.equal(await blocked.locator('.slc-page-rows .slc-columns').isVisible(), false);
    assert.equal(await blockedColumns.evaluate((b) => b.getRootNode().activeElement === b), true, 'focus is on Columns');
    assert.deepEqual(blockedErrors, []);
    await blocked.close();
    assert.deepEqual(errors, []);
  });
});

/** RFC 4180 records of `text` (quoted cells may hold commas, quotes and line breaks). */
function parseCsv(text) {
  const records = [];
  let record = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; }
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { record.push(cell); cell = ''; }
    else if (c === '\r' && text[i + 1] === '\n') { record.push(cell); records.push(record); record = []; cell = ''; i++; }
    else cell += c;
  }
  if (cell !== '' || record.length > 0) { record.push(cell); records.push(record); }
  return records;
}
