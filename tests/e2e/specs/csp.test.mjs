// Issue 18: a host page under a strict Content-Security-Policy. Nothing
// beyond these directives may be needed: no 'unsafe-inline' for styles (the
// widget's CSS is a constructed sheet in its shadow root's
// adoptedStyleSheets), no inline script, no eval beyond wasm's.
//
// The dashboard is on the proxy's origin, as when it serves the widget's
// files and passes /api on to the API: the page and the widget's files
// come from that origin (Playwright answers them from dist/), the API
// requests reach the mock proxy itself. The browser fetches the .wasm, and
// a fetch is governed by connect-src, so the widget files' origin must be
// in connect-src: here it is the proxy's.
import { afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { distDir, outputDir, suiteServers, watchErrors } from '../support/env.mjs';
import { WidgetPage, eventually } from '../support/widget.mjs';

const servers = suiteServers({ site: null });
let page;

const TYPES = { '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css' };

afterEach(async () => {
  await page?.close();
});

const policy = () =>
  `default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; connect-src ${servers.proxy.url}; style-src 'self'`;

/** A dashboard page on the widget files' origin, served with the policy. */
async function openStrictPage(theme = 'light') {
  const { browser, proxy } = servers;
  page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  const errors = watchErrors(page);
  const reports = [];
  page.on('console', (message) => {
    if (/Content.Security.Policy/i.test(message.text())) reports.push(`console: ${message.text()}`);
  });
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener(
      'securitypolicyviolation',
      (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`),
      true,
    );
  });
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Strict CSP dashboard</title>
<script type="module" src="/widget/smart-link-clicks.js"></script></head>
<body><smart-link-clicks id="clicks" proxy="${proxy.url}" link-id="demo" page-size="25" theme="${theme}"></smart-link-clicks></body></html>`;
  await page.route(`${proxy.url}/widget/**`, (route) => {
    const file = path.join(distDir, new URL(route.request().url()).pathname.slice('/widget/'.length));
    route.fulfill({ status: 200, headers: { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' }, body: readFileSync(file) });
  });
  await page.route(`${proxy.url}/dashboard.html`, (route) =>
    route.fulfill({
      status: 200,
      headers: { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': policy() },
      body: html,
    }),
  );
  await page.goto(`${proxy.url}/dashboard.html`);
  return { errors, reports, widget: new WidgetPage(page) };
}

test('under a strict CSP the widget loads, styled, with no violation reported', async () => {
  const { errors, reports, widget } = await openStrictPage();
  await eventually(() => widget.rows.count(), (n) => n === 25, { what: '25 rows' });
  // Styled by its own sheet: the custom properties and the table's layout.
  const styles = await page.locator('#clicks').evaluate((host) => {
    const table = host.shadowRoot.querySelector('[part="table"] table') ?? host.shadowRoot.querySelector('table');
    return {
      accent: getComputedStyle(host).getPropertyValue('--slc-accent').trim(),
      display: getComputedStyle(host).display,
      collapse: getComputedStyle(table).borderCollapse,
      sheets: host.shadowRoot.adoptedStyleSheets.length,
      styleElements: host.shadowRoot.querySelectorAll('style').length,
    };
  });
  assert.deepEqual(styles, { accent: '#0969da', display: 'block', collapse: 'collapse', sheets: 1, styleElements: 0 });
  // A page flip (the widget's own DOM updates, the chart's SVG) stays clean too.
  await widget.button('Next page').click();
  await eventually(() => widget.pageLabel.textContent(), (t) => /Page 2\b/.test(t), { what: 'page 2' });
  await widget.settled();
  await page.screenshot({ path: path.join(outputDir, 'csp-strict.png') });
  assert.deepEqual(await page.evaluate(() => window.__violations), []);
  assert.deepEqual(reports, []);
  assert.deepEqual(errors, []);
});

test('the policy is really enforced: an inline style in the same page is blocked and reported', async () => {
  const { widget } = await openStrictPage('dark');
  await eventually(() => widget.rows.count(), (n) => n === 25, { what: '25 rows' });
  const applied = await page.evaluate(() => {
    const style = document.createElement('style');
    style.textContent = 'body { margin-left: 77px; }';
    document.head.append(style);
    return getComputedStyle(document.body).marginLeft;
  });
  assert.notEqual(applied, '77px');
  await eventually(() => page.evaluate(() => window.__violations.length), (n) => n > 0, { what: 'a reported violation' });
  assert.match((await page.evaluate(() => window.__violations))[0], /^style-src/);
  // The dark theme is styled too (its custom properties come from the sheet).
  const fg = await page.locator('#clicks').evaluate((host) => getComputedStyle(host).getPropertyValue('--slc-fg').trim());
  assert.equal(fg, '#e6edf3');
});
