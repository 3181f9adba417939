// The standalone page against the release dist/ and the mock proxy.
import { before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { distDir, outputDir, queryOf, startSite, suiteServers, watchErrors } from '../support/env.mjs';
import { WidgetPage, eventually, grouped } from '../support/widget.mjs';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

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

function pageUrl(params) {
  return `${site.url}/?${new URLSearchParams({ proxy: proxy.url, ...params })}`;
}

async function lastRequest(count) {
  const requests = await eventually(() => proxy.requests(), (r) => r.length >= count, { what: `${count} request(s)` });
  return queryOf(requests[requests.length - 1]);
}

async function openDemo(params = {}) {
  await page.goto(pageUrl({ 'link-id': 'demo', ...params }));
  await widget.settled();
}

describe('standalone page', () => {
  test('shows the total, 100 rows and one chart mark per day', async () => {
    await openDemo();
    const query = await lastRequest(1);
    assert.deepEqual(Object.keys(query), ['date_start', 'date_end', 'limit', 'offset', 'include_bots', 'include_duplicates']);
    assert.equal(query.limit, '100');
    assert.equal(query.offset, '0');
    const truth = await (await fetch(`${proxy.url}/api/smart-links/demo/clicks?${new URLSearchParams(query)}`)).json();
    const total = truth.data.summary.clicks_total;
    assert.ok(total > 100, `demo month has ${total} clicks`);
    assert.match(await widget.summary.innerText(), new RegExp(`${grouped(total)} clicks`));
    assert.match(await widget.summary.innerText(), /UTC days/);
    assert.equal(await widget.rows.count(), 100);
    assert.equal(await widget.marks.count(), truth.data.chart.length);
    assert.equal(truth.data.chart.length, 30);
    assert.equal(await widget.pageLabel.innerText(), `Page 1 of ${grouped(Math.ceil(total / 100))}`);
    const chart = page.getByRole('img', { name: /Daily clicks by UTC day/ });
    assert.match(await chart.getAttribute('aria-label'), new RegExp(`${grouped(total)} clicks in all`));
    // The first row's time: local time in the browser's language (en-US
    // here: `Nov 23, 2026, 08:35:18 PM`), the UTC instant on hover.
    const created = truth.data.rows[0].created_at;
    const time = widget.rows.first().locator('time');
    const local = await page.evaluate((iso) => {
      const d = new Date(iso);
      const pad = (n) => String(n).padStart(2, '0');
      const month = d.toLocaleString('en-US', { month: 'short' });
      const hour = d.getHours() % 12 === 0 ? 12 : d.getHours() % 12;
      return `${month} ${d.getDate()}, ${d.getFullYear()}, ${pad(hour)}:${pad(d.getMinutes())}:${pad(d.getSeconds())} ${d.getHours() < 12 ? 'AM' : 'PM'}`;
    }, created);
    assert.equal(await page.evaluate(() => navigator.language), 'en-US', 'the browser language these texts are for');
    assert.equal(await time.innerText(), local);
    assert.equal(await time.getAttribute('datetime'), created);
    const utc = new Date(created).toISOString();
    assert.equal(await time.getAttribute('title'), `${utc.slice(0, 10)} ${utc.slice(11, 19)} UTC`);
    await page.screenshot({ path: path.join(outputDir, 'standalone-demo.png'), fullPage: true });
    assert.deepEqual(errors, []);
  });

  test('each view of the page makes exactly one request, built by the widget', async () => {
    // Loads `url` and returns its only clicks request.
    const onlyRequest = async (url) => {
      await proxy.clear();
      await page.goto(url);
      await widget.settled();
      await page.waitForTimeout(300); // a second request would have gone out by now
      const requests = await proxy.requests();
      assert.equal(requests.length, 1, `one request for ${url}`);
      return requests[0];
    };
    const plain = await onlyRequest(pageUrl({ 'link-id': 'demo', theme: 'dark' }));
    // The page holds no request-building script of its own (issue 14):
    // its only inline scripts are the loader's.
    const inline = await page.evaluate(() => [...document.scripts].filter((s) => !s.src).map((s) => s.textContent).join('\n'));
    assert.doesNotMatch(inline, /smart-links|date_start|slcPageRequest/);
    assert.match(inline, /startStandalonePage/);
    assert.equal(queryOf(plain).limit, '100');
    assert.equal(await widget.rows.count(), 100);

    // A view the page wrote back into its own query (a reload, a shared link).
    await widget.button('Next page').click();
    await widget.settled();
    assert.match(page.url(), /period=30d.*page=2/);
    assert.doesNotMatch(page.url(), /date-start/, 'a rolling period leaves its dates out of the address');
    const reloaded = await onlyRequest(page.url());
    assert.equal(queryOf(reloaded).offset, '100');
    assert.match(await widget.pageLabel.innerText(), /^Page 2 of /);

    // A dated range, a proxy with a trailing slash, a link id that needs encoding.
    const dated = await onlyRequest(`${site.url}/?${new URLSearchParams({ proxy: `${proxy.url}/`, 'link-id': 'demo+delay10', 'date-start': '2026-11-01', 'date-end': '2026-11-20', 'include-duplicates': 'false' })}`);
    assert.match(dated.path, /\/api\/smart-links\/demo%2Bdelay10\/clicks$/);
    // Issue 15: the URL ended in a stray `&` (gloo-net 0.6's builder). The
    // whole request target is the contract's six parameters, no more.
    assert.equal(
      `${dated.path}?${dated.query}`,
      '/api/smart-links/demo%2Bdelay10/clicks?date_start=2026-11-01T00:00:00Z&date_end=2026-11-20T23:59:59Z&limit=100&offset=0&include_bots=true&include_duplicates=false',
    );
    assert.equal(queryOf(dated).date_start, '2026-11-01T00:00:00Z');
    assert.equal(queryOf(dated).include_duplicates, 'false');

    // Values the widget caps or corrects: still exactly one request, the corrected view.
    for (const [params, check] of [
      [{ 'page-size': '5000' }, (q) => assert.equal(q.limit, '1000')],
      [{ credentials: 'omit' }, (q) => assert.equal(q.limit, '100')],
      [{ 'date-start': '2026-11-20', 'date-end': '2026-11-01' }, (q) => assert.equal(q.date_start, '2026-10-03T00:00:00Z')],
    ]) {
      await proxy.clear();
      await openDemo(params);
      await page.waitForTimeout(300);
      const requests = await proxy.requests();
      assert.equal(requests.length, 1, `one request for ${JSON.stringify(params)}`);
      check(queryOf(requests[0]));
    }
  });

  test('the page fetches the wasm once, and still starts when its early compile fails', async () => {
    const wasmFetches = () => page.evaluate(() => performance.getEntriesByType('resource').filter((e) => e.name.endsWith('.wasm')).length);
    await openDemo();
    assert.equal(await widget.rows.count(), 100);
    // The loader's own fetch only: trunk's preload of the wasm would be a second download.
    assert.equal(await wasmFetches(), 1);
    assert.equal(await page.locator('link[href$=".wasm"]').count(), 0);

    // Served as application/octet-stream, compileStreaming refuses the wasm;
    // the loader then hands init the URL, whose own fallback reads the bytes.
    await page.route('**/*.wasm', async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, headers: { ...response.headers(), 'content-type': 'application/octet-stream' } });
    });
    await openDemo();
    assert.equal(await widget.rows.count(), 100);
    assert.deepEqual(errors, []);
  });

  test('a link without clicks says so in the chart and the table', async () => {
    await openDemo({ 'link-id': 'empty' });
    assert.equal(await widget.rows.count(), 0);
    await page.getByText('No clicks in this range', { exact: true }).waitFor({ state: 'visible' });
    await page.getByText('No clicks on this page.', { exact: true }).waitFor({ state: 'visible' });
    assert.equal(await widget.label('Rows per page').inputValue(), '100');
    assert.deepEqual(errors, []);
  });

  test('with clicks, the empty-state messages stay hidden', async () => {
    await openDemo();
    assert.equal(await page.getByText('No clicks in this range', { exact: true }).isVisible(), false);
    assert.equal(await page.getByText('No clicks on this page.', { exact: true }).isVisible(), false);
  });

  test('Next page requests offset=100', async () => {
    await openDemo();
    await proxy.clear();
    await widget.button('Next page').click();
    const query = await lastRequest(1);
    assert.equal(query.offset, '100');
    assert.equal(query.limit, '100');
    await widget.settled();
    assert.match(await widget.pageLabel.innerText(), /^Page 2 of /);
    assert.match(page.url(), /[?&]page=2(&|$)/);
  });

  // Issue 15: First page and Last page had no test.
  test('Last page requests the last offset and First page goes back to offset 0', async () => {
    await openDemo();
    const pages = Number(/^Page 1 of (\d+)$/.exec(await widget.pageLabel.innerText())?.[1]);
    assert.ok(pages > 1, `several pages (${pages})`);
    assert.equal(await widget.button('First page').isDisabled(), true);
    assert.equal(await widget.button('Previous page').isDisabled(), true);
    await proxy.clear();
    await widget.button('Last page').click();
    const last = await lastRequest(1);
    assert.equal(last.offset, String((pages - 1) * 100));
    await widget.settled();
    assert.equal(await widget.pageLabel.innerText(), `Page ${pages} of ${pages}`);
    assert.equal(await widget.button('Next page').isDisabled(), true);
    assert.equal(await widget.button('Last page').isDisabled(), true);
    assert.ok((await widget.rows.count()) > 0, 'the last page shows its rows');
    assert.match(page.url(), new RegExp(`[?&]page=${pages}(&|$)`));
    await proxy.clear();
    await widget.button('First page').click();
    const first = await lastRequest(1);
    assert.equal(first.offset, '0');
    await widget.settled();
    assert.equal(await widget.pageLabel.innerText(), `Page 1 of ${pages}`);
    assert.equal(await widget.rows.count(), 100);
    assert.match(page.url(), /[?&]page=1(&|$)/);
  });

  // Issue 15: these two tests measured this machine's speed against 280 ms
  // windows. Now the page's clock is paused (Playwright's `page.clock`), so
  // the widget's 0.3 s timers fire only when the test moves the clock: the
  // behaviour is pinned, whatever the machine's load.
  async function pauseClock() {
    await page.clock.install();
    await page.clock.pauseAt(Date.now() + 1_000);
  }

  // Records, from the first moment the widget's view is visible, how many
  // rows it had then (a MutationObserver on the shadow root, not a timer).
  function watchFirstVisible() {
    return page.addInitScript(() => {
      window.__firstVisible = null;
      const attach = Element.prototype.attachShadow;
      Element.prototype.attachShadow = function (init) {
        const root = attach.call(this, init);
        new MutationObserver(() => {
          const mount = root.querySelector('.slc-mount');
          if (mount && !mount.hidden && window.__firstVisible === null) {
            window.__firstVisible = { rows: mount.querySelectorAll('tbody tr').length };
          }
        }).observe(root, { subtree: true, childList: true, attributes: true });
        return root;
      };
    });
  }

  test('a quick first answer appears complete; a slow one shows the loading state at 0.3 s', async () => {
    await watchFirstVisible();
    await pauseClock();
    await page.goto(pageUrl({ 'link-id': 'demo' }));
    const quick = await eventually(() => page.evaluate(() => window.__firstVisible), (v) => v !== null, { what: 'the view to show' });
    assert.equal(quick.rows, 100, 'no frame of empty skeleton before a quick answer');

    await page.goto(pageUrl({ 'link-id': 'demo+delay2000' }));
    await eventually(() => proxy.requests(), (r) => r.length === 2, { what: 'the slow request' });
    await page.clock.runFor(299);
    assert.equal(await page.evaluate(() => window.__firstVisible), null, 'nothing shown before 0.3 s');
    await page.clock.runFor(2);
    const slow = await page.evaluate(() => window.__firstVisible);
    assert.deepEqual(slow, { rows: 0 }, 'the loading state shows at 0.3 s while the answer is slow');
    assert.match(await widget.summary.innerText(), /Loading clicks/);
    assert.equal(await page.locator('.slc-root').getAttribute('aria-busy'), 'true');
    await widget.settled();
    assert.equal(await widget.rows.count(), 100);
  });

  test('the data on screen is dimmed only when the next page takes over 0.3 s', async () => {
    const dimmed = () => page.locator('.slc-root.slc-loading').count();
    // Arms a wait for the next `slc-load`; awaiting its result waits for it.
    const loaded = async () => {
      await page.evaluate(() => { window.__loaded = new Promise((resolve) => document.addEventListener('slc-load', () => resolve(), { once: true })); });
      return () => page.evaluate(() => window.__loaded);
    };
    await pauseClock();
    await openDemo();
    let next = await loaded();
    await widget.button('Next page').click();
    await next();
    await page.clock.runFor(1_000);
    assert.equal(await dimmed(), 0, 'a quick answer changes no style, even when its timer fires later');

    await openDemo({ 'link-id': 'demo+delay1500' });
    next = await loaded();
    await widget.button('Next page').click();
    await page.clock.runFor(299);
    assert.equal(await dimmed(), 0, 'not dimmed within 0.3 s');
    await page.clock.runFor(2);
    assert.equal(await dimmed(), 1, 'dimmed at 0.3 s');
    assert.equal(await widget.rows.count(), 100, 'the old rows stay while dimmed');
    await next();
    assert.equal(await dimmed(), 0, 'the new page is not dimmed');
    assert.match(await widget.pageLabel.innerText(), /^Page 2 of/);
  });

  test('Rows per page 250 requests limit=250 and offset=0', async () => {
    await openDemo({ page: '3' });
    await proxy.clear();
    await widget.label('Rows per page').selectOption('250');
    const query = await lastRequest(1);
    assert.equal(query.limit, '250');
    assert.equal(query.offset, '0');
    await widget.settled();
    assert.equal(await widget.rows.count(), 250);
  });

  test('a page size that is not one of the choices is offered and selected', async () => {
    await openDemo({ 'page-size': '75' });
    const query = await lastRequest(1);
    assert.equal(query.limit, '75');
    assert.equal(await widget.label('Rows per page').inputValue(), '75');
    assert.equal(await widget.rows.count(), 75);
    await widget.label('Rows per page').selectOption('50');
    assert.equal((await lastRequest(2)).limit, '50');
  });

  test('each checkbox flips its parameter', async () => {
    await openDemo();
    await proxy.clear();
    await widget.label('Include bots').uncheck();
    let query = await lastRequest(1);
    assert.equal(query.include_bots, 'false');
    assert.equal(query.include_duplicates, 'true');
    await widget.settled();
    await widget.label('Include duplicates').uncheck();
    query = await lastRequest(2);
    assert.equal(query.include_bots, 'false');
    assert.equal(query.include_duplicates, 'false');
    await widget.settled();
    assert.match(await widget.summary.innerText(), /Bots excluded · duplicates excluded/);
  });

  test('From and To change the dates', async () => {
    await openDemo({ 'date-end': '2026-11-20' });
    await proxy.clear();
    await widget.label('From').fill('2026-11-01');
    let query = await lastRequest(1);
    assert.equal(query.date_start, '2026-11-01T00:00:00Z');
    assert.equal(query.date_end, '2026-11-20T23:59:59Z');
    await widget.settled();
    await widget.label('To').fill('2026-11-10');
    query = await lastRequest(2);
    assert.equal(query.date_end, '2026-11-10T23:59:59Z');
    await widget.settled();
    assert.equal(await widget.marks.count(), 10);
    // In the browser's language, en-US.
    assert.match(await widget.summary.innerText(), /Nov 1 – 10, 2026/);
  });

  test('reloading the URL reproduces the view', async () => {
    await openDemo();
    await widget.label('Include bots').uncheck();
    await widget.settled();
    await widget.button('Next page').click();
    await widget.settled();
    const before = await lastRequest(3);
    const url = page.url();
    assert.match(url, /include-bots=false/);
    await proxy.clear();
    const again = await browser.newPage();
    await again.goto(url);
    await new WidgetPage(again).settled();
    assert.deepEqual(await lastRequest(1), before);
    assert.match(await new WidgetPage(again).pageLabel.innerText(), /^Page 2 of /);
    await again.close();
  });

  test('pointing at a day shows its date and clicks', async () => {
    await openDemo();
    const plot = page.getByRole('img', { name: /Daily clicks/ });
    const box = await plot.boundingBox();
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.5);
    const tooltip = page.locator('[part="chart"] [role="tooltip"]');
    assert.match(await tooltip.innerText(), /\d{4} \(UTC\): [\d,]+ clicks?/);
    await plot.focus();
    await page.keyboard.press('End');
    assert.match(await tooltip.innerText(), /\(UTC\)/);
  });

  test('a row\'s full record is one click away', async () => {
    await openDemo();
    await page.getByRole('button', { name: /^Details of the click at/ }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Click details' });
    await dialog.waitFor();
    const text = await dialog.innerText();
    for (const field of ['ip_address', 'user_agent', 'external_click_id', 'aff_s1', 'utm_term', 'gross_clicks', 'fbclid']) {
      assert.match(text, new RegExp(field));
    }
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'hidden' });
  });

  test('without proxy or link-id a form asks for them', async () => {
    await page.goto(`${site.url}/?link-id=demo`);
    const proxyInput = page.getByLabel('Proxy URL');
    await proxyInput.waitFor();
    assert.equal(await page.getByLabel('Smart link ID').inputValue(), 'demo');
    assert.equal(await page.locator('smart-link-clicks').count(), 0);
    await proxyInput.fill(proxy.url);
    await page.getByRole('button', { name: 'Show clicks' }).click();
    await widget.settled();
    assert.equal(await widget.rows.count(), 100);
  });

  test('an HTTP error names its status, keeps Retry, and recovers', async () => {
    await page.goto(pageUrl({ 'link-id': 'demo+401' }));
    await widget.settled();
    const alert = page.locator('[part="error"][role="alert"]');
    assert.match(await alert.innerText(), /HTTP 401/);
    assert.match(await alert.innerText(), /API key was refused/);
    await widget.button('Retry').waitFor();
  });

  test('dist/ works from a sub-path of a host', async () => {
    const parent = await startSite(path.dirname(distDir));
    try {
      await page.goto(`${parent.url}/${path.basename(distDir)}/?${new URLSearchParams({ proxy: proxy.url, 'link-id': 'demo' })}`);
      await widget.settled();
      assert.equal(await widget.rows.count(), 100);
      assert.deepEqual(errors, []);
    } finally {
      await parent.stop();
    }
  });

  test('an axe scan finds no serious or critical violation', async () => {
    await openDemo();
    await page.addScriptTag({ content: axeSource });
    const result = await page.evaluate(async () => window.axe.run(document, { resultTypes: ['violations'] }));
    const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    assert.deepEqual(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`), []);
  });
});
