// The custom element embedded in a third-party page: examples/embed.html
// served from one loopback port, the widget files from another.
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launchBrowser, outputDir, queryOf, repoRoot, startMockProxy, startSite, watchErrors } from '../support/env.mjs';
import { WidgetPage, eventually } from '../support/widget.mjs';

let proxy, widgetFiles, hostSite, browser, page, errors;

before(async () => {
  proxy = await startMockProxy();
  widgetFiles = await startSite();
  const example = readFileSync(path.join(repoRoot, 'examples/embed.html'), 'utf8')
    .replaceAll('http://127.0.0.1:8080', widgetFiles.url)
    .replaceAll('http://127.0.0.1:8787', proxy.url);
  const hostDir = mkdtempSync(path.join(tmpdir(), 'slc-host-'));
  writeFileSync(path.join(hostDir, 'index.html'), example);
  hostSite = await startSite(hostDir);
  assert.notEqual(new URL(hostSite.url).port, new URL(widgetFiles.url).port);
  browser = await launchBrowser();
  mkdirSync(outputDir, { recursive: true });
});

after(async () => {
  await browser?.close();
  await hostSite?.stop();
  await widgetFiles?.stop();
  await proxy?.stop();
});

beforeEach(async () => {
  await proxy.clear();
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  errors = watchErrors(page);
  // The dashboard's listener on document records every widget event.
  await page.addInitScript(() => {
    window.__events = [];
    // What the element shows at the moment the event is heard.
    const screen = (host) => {
      const root = host.shadowRoot;
      return {
        rows: root.querySelectorAll('[part="table"] tbody tr').length,
        summary: root.querySelector('[part="summary"]')?.textContent ?? '',
        pager: root.querySelector('[part="pager"]')?.textContent ?? '',
        error: root.querySelector('[part="error"]')?.textContent ?? '',
        busy: host.getAttribute('aria-busy'),
      };
    };
    for (const type of ['slc-load', 'slc-change', 'slc-error']) {
      document.addEventListener(type, (e) => window.__events.push({ type, id: e.target.id, detail: e.detail, bubbles: e.bubbles, composed: e.composed, screen: screen(e.target) }));
    }
  });
  await page.goto(hostSite.url);
});

const demo = () => new WidgetPage(page, page.locator('#demo-clicks'));
const viral = () => new WidgetPage(page, page.locator('#viral-clicks'));

async function loaded(id, count = 1) {
  return eventually(
    () => page.evaluate((id) => window.__events.filter((e) => e.type === 'slc-load' && e.id === id), id),
    (events) => events.length >= count,
    { what: `slc-load ${count} from #${id}` },
  );
}

async function failed(count = 1) {
  return eventually(
    () => page.evaluate(() => window.__events.filter((e) => e.type === 'slc-error')),
    (events) => events.length >= count,
    { what: `slc-error ${count}` },
  );
}

describe('embedded element', () => {
  test('two instances each render their own link', async () => {
    const [demoLoad] = await loaded('demo-clicks');
    const [viralLoad] = await loaded('viral-clicks');
    assert.ok(viralLoad.detail.clicksTotal > demoLoad.detail.clicksTotal);
    assert.equal(demoLoad.detail.rowCount, 25);
    assert.equal(viralLoad.detail.filters.includeBots, false);
    assert.match(await demo().summary.innerText(), new RegExp(demoLoad.detail.clicksTotal.toLocaleString('en-US')));
    assert.match(await viral().summary.innerText(), new RegExp(viralLoad.detail.clicksTotal.toLocaleString('en-US')));
    assert.equal(await demo().rows.count(), 25);
    assert.equal(await viral().rows.count(), 25);
    const paths = (await proxy.requests()).map((r) => r.path).sort();
    assert.deepEqual(paths, ['/api/smart-links/demo/clicks', '/api/smart-links/viral/clicks']);
    await page.screenshot({ path: path.join(outputDir, 'embed-two-instances.png'), fullPage: true });
    assert.deepEqual(errors, []);
  });

  test('host CSS does not reach in', async () => {
    await loaded('demo-clicks');
    await page.addStyleTag({ content: 'table { display: none } * { color: red !important } td, th { background: red !important }' });
    const table = demo().scope.locator('[part="table"]');
    assert.ok(await table.isVisible(), 'the widget table stays visible');
    const colors = await table.evaluate((t) => {
      const cell = t.querySelector('tbody td');
      return { cell: getComputedStyle(cell).color, background: getComputedStyle(cell).backgroundColor, display: getComputedStyle(t).display };
    });
    assert.equal(colors.display, 'table');
    assert.notEqual(colors.cell, 'rgb(255, 0, 0)');
    assert.notEqual(colors.background, 'rgb(255, 0, 0)');
    // Custom properties do reach in, as designed: #viral-clicks sets --slc-accent.
    const accent = await viral().scope.locator('[part="chart"] svg rect').first().evaluate((r) => getComputedStyle(r).fill);
    assert.equal(accent, 'rgb(124, 58, 237)');
  });

  test('setting link-id and page-size in one task makes exactly one request', async () => {
    await loaded('demo-clicks');
    await loaded('viral-clicks');
    await proxy.clear();
    await page.evaluate(() => {
      const el = document.getElementById('demo-clicks');
      el.setAttribute('link-id', 'quiet');
      el.pageSize = 10;
    });
    await loaded('demo-clicks', 2);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const requests = await proxy.requests();
    assert.equal(requests.length, 1, JSON.stringify(requests.map((r) => r.path + '?' + r.query)));
    assert.equal(requests[0].path, '/api/smart-links/quiet/clicks');
    assert.equal(queryOf(requests[0]).limit, '10');
    assert.equal(await page.evaluate(() => document.getElementById('demo-clicks').pageSize), 10);
  });

  test('removing an element stops its requests and frees it', async () => {
    await loaded('demo-clicks');
    await proxy.clear();
    // Remove while a slow request is in flight, then poke the detached element.
    await page.evaluate(() => {
      const el = document.getElementById('demo-clicks');
      el.setAttribute('link-id', 'demo+delay1500');
    });
    await eventually(() => proxy.requests(), (r) => r.length === 1, { what: 'the slow request' });
    const mounted = await page.evaluate(() => {
      const el = document.getElementById('demo-clicks');
      el.remove();
      window.__removed = el;
      return el.shadowRoot.querySelectorAll('.slc-mount').length;
    });
    assert.equal(mounted, 1);
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 50)));
    const after = await page.evaluate(() => {
      window.__removed.setAttribute('link-id', 'empty');
      window.__removed.setAttribute('page', '2');
      return window.__removed.shadowRoot.querySelectorAll('.slc-mount').length;
    });
    assert.equal(after, 0, 'the widget unmounted');
    await new Promise((resolve) => setTimeout(resolve, 2000));
    assert.equal((await proxy.requests()).length, 1, 'no request after removal');
    const lateLoads = await page.evaluate(() => window.__events.filter((e) => e.id === 'demo-clicks' && e.type === 'slc-load').length);
    assert.equal(lateLoads, 1, 'the aborted answer was never shown');
    assert.deepEqual(errors, []);
  });

  test('document hears slc-load, slc-change and slc-error with the contract detail', async () => {
    const [load] = await loaded('demo-clicks');
    assert.equal(load.bubbles, true);
    assert.equal(load.composed, true);
    assert.deepEqual(Object.keys(load.detail).sort(), ['clicksTotal', 'filters', 'rowCount']);
    assert.deepEqual(Object.keys(load.detail.filters).sort(), ['compare', 'dateEnd', 'dateStart', 'includeBots', 'includeDuplicates', 'locale', 'page', 'pageSize', 'period', 'refresh', 'timeZone']);
    await demo().button('Next page').click();
    const [change] = await eventually(
      () => page.evaluate(() => window.__events.filter((e) => e.type === 'slc-change')),
      (events) => events.length >= 1,
      { what: 'slc-change' },
    );
    assert.equal(change.id, 'demo-clicks');
    assert.equal(change.detail.filters.page, 2);
    assert.equal(change.composed, true);
    await page.evaluate(() => document.getElementById('viral-clicks').setAttribute('link-id', 'demo+503'));
    const [failure] = await failed();
    assert.equal(failure.id, 'viral-clicks');
    assert.equal(failure.detail.status, 503);
    assert.match(failure.detail.message, /HTTP 503/);
  });

  // Holds down events that came before the view: slc-load was dispatched
  // when the answer was stored, before the effects wrote it to the DOM, so
  // a listener saw the previous page (or no rows at all).
  test('slc-load and slc-error are heard once what they report is on screen', async () => {
    const [first] = await loaded('demo-clicks');
    assert.equal(first.screen.rows, first.detail.rowCount);
    assert.match(first.screen.summary, new RegExp(first.detail.clicksTotal.toLocaleString('en-US')));
    assert.equal(first.screen.busy, 'false');
    await demo().button('Next page').click();
    const [, second] = await loaded('demo-clicks', 2);
    assert.equal(second.detail.filters.page, 2);
    assert.equal(second.screen.rows, second.detail.rowCount);
    assert.match(second.screen.pager, /Page 2 of/);
    assert.match(second.screen.summary, /Rows 26–50/);
    assert.equal(second.screen.busy, 'false');
    await page.evaluate(() => document.getElementById('demo-clicks').setAttribute('link-id', 'demo+404'));
    const [failure] = await failed();
    assert.equal(failure.detail.status, 404);
    assert.match(failure.screen.error, /404/);
    assert.equal(failure.screen.rows, second.detail.rowCount, 'the last data stays under the error');
  });

  // A page flip rebuilds the rows Leptos has on screen in place; each cell
  // may come from any state the previous page left it in (a link, a badge,
  // an unreadable time, a dash), so the result must equal a fresh build.
  test('rows rewritten in place end exactly as freshly built rows', async () => {
    await loaded('demo-clicks');
    const tbody = (id) => page.evaluate((id) => document.getElementById(id).shadowRoot.querySelector('[part="table"] tbody').innerHTML, id);
    const set = (name, value) => page.evaluate(([name, value]) => document.getElementById('demo-clicks').setAttribute(name, value), [name, value]);
    // Past days only, so both requests of a view get the same clicks.
    const end = new Date(Date.now() - 3 * 864e5).toISOString().slice(0, 10);
    await set('date-end', end);
    let loads = 2;
    await loaded('demo-clicks', loads);
    // From links to unreadable times, values and empty strings with one row
    // more (the mock adds a row that is not an object), to markup as text,
    // back to links with one row fewer, to no rows, to all new rows, and
    // from there each shape once more onto reused rows.
    const links = ['demo+degraded', 'demo+hostile', 'demo', 'empty', 'demo+degraded', 'demo', 'demo+hostile', 'demo+degraded', 'quiet'];
    for (const [index, link] of links.entries()) {
      await set('link-id', link);
      loads += 1;
      const load = (await loaded('demo-clicks', loads))[loads - 1];
      const reused = await tbody('demo-clicks');
      const id = `fresh-${index}`;
      await page.evaluate((id) => {
        const fresh = document.getElementById('demo-clicks').cloneNode(false);
        fresh.id = id;
        document.body.append(fresh);
      }, id);
      const [freshLoad] = await loaded(id);
      assert.equal(freshLoad.detail.rowCount, load.detail.rowCount, link);
      assert.equal(reused, await tbody(id), `${link}: the reused rows differ from fresh ones`);
      await page.evaluate((id) => document.getElementById(id).remove(), id);
    }
    assert.deepEqual(errors, []);
  });

  // Holds down properties that lagged behind: a getter read the widget
  // before the queued update ran (el.pageSize = 50; el.pageSize gave 100),
  // and before mounting it gave the raw attribute string or null.
  test('properties read back what was just set, before and after mounting', async () => {
    await loaded('demo-clicks');
    const read = await page.evaluate(() => {
      const fresh = document.createElement('smart-link-clicks');
      const unmounted = { pageSize: fresh.pageSize, includeBots: fresh.includeBots, linkId: fresh.linkId, filters: fresh.filters };
      fresh.setAttribute('page-size', '0');
      const invalid = fresh.pageSize;
      fresh.pageSize = '250';
      const parsed = fresh.pageSize;
      const el = document.getElementById('demo-clicks');
      el.pageSize = 50;
      el.includeBots = false;
      return { unmounted, invalid, parsed, mounted: { pageSize: el.pageSize, includeBots: el.includeBots, filters: el.filters } };
    });
    assert.deepEqual(
      { pageSize: read.unmounted.pageSize, includeBots: read.unmounted.includeBots, linkId: read.unmounted.linkId },
      { pageSize: 100, includeBots: true, linkId: null },
    );
    assert.equal(read.unmounted.filters.page, 1);
    assert.equal(read.invalid, 100, 'an invalid value reads as the default it falls back to');
    assert.equal(read.parsed, 250);
    assert.equal(read.mounted.pageSize, 50);
    assert.equal(read.mounted.includeBots, false);
    assert.equal(read.mounted.filters.pageSize, 50);
    const [, load] = await loaded('demo-clicks', 2);
    assert.equal(load.detail.rowCount, 50);
  });

  // Holds down a property set being ignored: after the person picked 50
  // rows, `el.pageSize = 25` left the attribute as it was ("25"), so the
  // element saw no change.
  test('setting a property back to its attribute value overrides the person', async () => {
    await loaded('demo-clicks');
    await demo().label('Rows per page').selectOption('50');
    const [, chosen] = await loaded('demo-clicks', 2);
    assert.equal(chosen.detail.rowCount, 50);
    await page.evaluate(() => { document.getElementById('demo-clicks').pageSize = 25; });
    const [, , set] = await loaded('demo-clicks', 3);
    assert.equal(set.detail.rowCount, 25);
    assert.equal(set.detail.filters.pageSize, 25);
    assert.equal(await demo().rows.count(), 25);
  });

  test('an element with neither proxy nor link-id says both are needed', async () => {
    await page.evaluate(() => document.body.append(Object.assign(document.createElement('smart-link-clicks'), { id: 'bare' })));
    const notice = page.locator('#bare').locator('[part="notice"]');
    await notice.waitFor();
    const text = await notice.innerText();
    assert.match(text, /`proxy`/);
    assert.match(text, /`link-id`/);
  });

  test('a network failure reports status 0', async () => {
    await page.evaluate(() => document.getElementById('demo-clicks').setAttribute('proxy', 'http://127.0.0.1:9'));
    const [failure] = await failed();
    assert.equal(failure.detail.status, 0);
    assert.match(await demo().error.innerText(), /--allow-origin/);
  });

  test('setting headers sends them to the proxy', async () => {
    await loaded('demo-clicks');
    await proxy.clear();
    await page.evaluate(() => {
      document.getElementById('demo-clicks').headers = { 'X-Dashboard-Session': 'session-123' };
    });
    // This element's request (the page's other instance may still be loading).
    const demoRequests = async () => (await proxy.requests()).filter((r) => r.path === '/api/smart-links/demo/clicks');
    const [request] = await eventually(demoRequests, (r) => r.length >= 1, { what: 'a request with headers' });
    assert.equal(request.headers['x-dashboard-session'], 'session-123');
    assert.deepEqual(await page.evaluate(() => document.getElementById('demo-clicks').headers), { 'X-Dashboard-Session': 'session-123' });
    // A framework passes a new object of the same entries on each render:
    // nothing is asked again. A changed value is asked for once.
    await page.waitForFunction(() => document.getElementById('demo-clicks').getAttribute('aria-busy') === 'false');
    const before = (await demoRequests()).length;
    await page.evaluate(() => {
      for (let i = 0; i < 3; i += 1) document.getElementById('demo-clicks').headers = { 'X-Dashboard-Session': 'session-123' };
    });
    await page.waitForTimeout(500);
    assert.equal((await demoRequests()).length, before, 'equal headers ask for nothing');
    await page.evaluate(() => { document.getElementById('demo-clicks').headers = { 'X-Dashboard-Session': 'session-456' }; });
    const renewed = await eventually(demoRequests, (r) => r.length === before + 1, { what: 'one request with the new value' });
    assert.equal(renewed.at(-1).headers['x-dashboard-session'], 'session-456');
    await page.waitForTimeout(300);
    assert.equal((await demoRequests()).length, before + 1);
  });

  // Issue 15: `Authorization`, `Cookie` and `Host` were passed to fetch
  // (the first sent on, the others dropped silently by the browser).
  test('credential and routing headers are refused with a notice and never sent', async () => {
    await loaded('demo-clicks');
    await proxy.clear();
    await page.evaluate(() => {
      document.getElementById('demo-clicks').headers = {
        'X-Dashboard-Session': 'session-123', Authorization: 'Bearer sk_live', cookie: 'a=1', HOST: 'evil.example', 'X-Api-Key': 'sk_live',
      };
    });
    // This element's request (the page's other instance may still be loading).
    const demoRequests = async () => (await proxy.requests()).filter((r) => r.path === '/api/smart-links/demo/clicks');
    const [request] = await eventually(demoRequests, (r) => r.length >= 1, { what: 'a request with headers' });
    assert.equal(request.headers['x-dashboard-session'], 'session-123');
    for (const name of ['authorization', 'cookie', 'x-api-key']) {
      assert.equal(request.headers[name], undefined, `${name} is not sent`);
    }
    assert.equal(request.headers.host, new URL(proxy.url).host);
    const notice = await page.locator('#demo-clicks').locator('[part="notice"]').innerText();
    for (const name of ['Authorization', 'cookie', 'HOST', 'X-Api-Key']) {
      assert.match(notice, new RegExp(`header ${name} is refused`));
    }
    assert.doesNotMatch(notice, /X-Dashboard-Session/);
  });

  // Issue 14, item 9: any page with an element id="slc-page" was taken
  // over (its URL rewritten, a widget put in it) by the embed script.
  test('a host element with id slc-page is left alone: the embed never boots the standalone page', async () => {
    const hostDir = mkdtempSync(path.join(tmpdir(), 'slc-host-page-'));
    writeFileSync(path.join(hostDir, 'index.html'), `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Host</title>
      <script type="module" src="${widgetFiles.url}/smart-link-clicks.js"></script></head>
      <body><main id="slc-page">The dashboard's own page</main>
      <smart-link-clicks id="host-widget" proxy="${proxy.url}" link-id="quiet"></smart-link-clicks></body></html>`);
    const site = await startSite(hostDir);
    const host = await browser.newPage();
    const hostErrors = watchErrors(host);
    const query = `?proxy=${encodeURIComponent(proxy.url)}&link-id=demo`;
    await host.goto(`${site.url}/${query}`);
    const widget = new WidgetPage(host);
    await widget.settled();
    assert.ok((await widget.rows.count()) > 0, 'the dashboard\'s own element works');
    await host.waitForTimeout(300);
    assert.equal(await host.locator('#slc-page').innerText(), "The dashboard's own page");
    assert.equal(await host.locator('#slc-page smart-link-clicks').count(), 0);
    assert.equal(new URL(host.url()).search, query, 'the host URL is not rewritten');
    assert.deepEqual(hostErrors, []);
    await host.close();
    await site.stop();
  });

  // Issue 15: the themes had no test on computed colours.
  test('theme light, dark and auto give their colours under both colour schemes', async () => {
    const themed = await browser.newPage();
    const themedErrors = watchErrors(themed);
    await themed.setContent(['light', 'dark', 'auto'].map((theme) => `<smart-link-clicks theme="${theme}" proxy="${proxy.url}" link-id="quiet"></smart-link-clicks>`).join(''));
    await themed.addScriptTag({ type: 'module', url: `${widgetFiles.url}/smart-link-clicks.js` });
    await themed.waitForFunction(() => [...document.querySelectorAll('smart-link-clicks')].every((e) => e.shadowRoot?.querySelector('.slc-root')));
    const colours = () => themed.evaluate(() => [...document.querySelectorAll('smart-link-clicks')].map((e) => {
      const style = getComputedStyle(e.shadowRoot.querySelector('.slc-root'));
      return [e.getAttribute('theme'), style.backgroundColor, style.color];
    }));
    const LIGHT = ['rgb(255, 255, 255)', 'rgb(31, 35, 40)'];
    const DARK = ['rgb(13, 17, 23)', 'rgb(230, 237, 243)'];
    await themed.emulateMedia({ colorScheme: 'light' });
    assert.deepEqual(await colours(), [['light', ...LIGHT], ['dark', ...DARK], ['auto', ...LIGHT]]);
    await themed.emulateMedia({ colorScheme: 'dark' });
    assert.deepEqual(await colours(), [['light', ...LIGHT], ['dark', ...DARK], ['auto', ...DARK]]);
    assert.deepEqual(themedErrors, []);
    await themed.close();
  });

  test('loading the script twice and defining after the element exists both work', async () => {
    const late = await browser.newPage();
    const lateErrors = watchErrors(late);
    await late.setContent(`<smart-link-clicks id="late" proxy="${proxy.url}" link-id="quiet"></smart-link-clicks>`);
    await late.addScriptTag({ type: 'module', url: `${widgetFiles.url}/smart-link-clicks.js` });
    await late.addScriptTag({ type: 'module', url: `${widgetFiles.url}/smart-link-clicks.js?again` });
    const widget = new WidgetPage(late);
    await widget.settled();
    assert.ok((await widget.rows.count()) > 0);
    assert.deepEqual(lateErrors, []);
    await late.close();
  });

  test("the widget's own aria-busy is no host change: past midnight UTC a page flip keeps the person's range", async () => {
    const own = await browser.newPage();
    const ownErrors = watchErrors(own);
    await own.clock.install({ time: new Date('2026-12-02T23:57:00Z') });
    await own.setContent(`<script type="module" src="${widgetFiles.url}/smart-link-clicks.js"></script>
      <smart-link-clicks proxy="${proxy.url}" link-id="demo" page-size="10"></smart-link-clicks>`);
    const widget = new WidgetPage(own);
    await widget.settled();
    // The person picks their own start; the element has no date attributes
    // (its defaults follow today).
    await widget.label('From').fill('2026-11-20');
    await eventually(async () => queryOf((await proxy.requests()).at(-1)).date_start, (d) => d === '2026-11-20T00:00:00Z', { what: 'the chosen start asked for' });
    await widget.settled();
    // A new UTC day begins; then a page flip, whose request sets aria-busy.
    await own.clock.runFor(5 * 60_000);
    await widget.button('Next page').click();
    await eventually(async () => queryOf((await proxy.requests()).at(-1)).offset, (o) => o === '10', { what: 'page 2 asked for' });
    await widget.settled();
    const last = queryOf((await proxy.requests()).at(-1));
    assert.equal(last.date_start, '2026-11-20T00:00:00Z', 'the range the person chose is kept');
    assert.equal(await widget.label('From').inputValue(), '2026-11-20');
    assert.equal(await widget.pageLabel.innerText().then((t) => /^Page 2\b/.test(t)), true);
    assert.deepEqual(ownErrors, []);
    await own.close();
  });
});
