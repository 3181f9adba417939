// Issue 18, safe upgrades: the loader keeps its name and every file it
// loads is named by its content, so an old cached loader or glue never
// pairs with a new wasm (README, "Caching").
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { distDir, repoRoot, suiteServers, watchErrors } from '../support/env.mjs';
import { WidgetPage, eventually } from '../support/widget.mjs';

const STABLE = new Set(['index.html', 'smart-link-clicks.js', 'smart-link-clicks.d.ts', 'custom-elements.json']);
const files = (dir) => readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
  const full = path.join(dir, entry.name);
  return entry.isDirectory() ? files(full) : [full];
});
const relative = (file) => path.relative(distDir, file).split(path.sep).join('/');

const servers = suiteServers();

test('every file but the loader, the page and the type files is named by its content', () => {
  const named = files(distDir).filter((f) => !STABLE.has(relative(f)));
  assert.ok(named.some((f) => f.endsWith('.wasm')) && named.some((f) => f.endsWith('.js')), 'the wasm and its glue are there');
  for (const file of named) {
    const hash = /-([0-9a-f]{16})\.[a-z]+$/.exec(file)?.[1];
    assert.ok(hash, `${relative(file)} carries a content hash`);
    assert.equal(hash, createHash('sha256').update(readFileSync(file)).digest('hex').slice(0, 16), `${relative(file)}: its hash is its content's`);
  }
});

test('the element loads through its stable loader, and every other file it fetches is content-named', async () => {
  const { browser, proxy, site } = servers;
  const page = await browser.newPage();
  const errors = watchErrors(page);
  const fetched = [];
  page.on('request', (request) => {
    if (request.url().startsWith(site.url)) fetched.push(new URL(request.url()).pathname.slice(1));
  });
  await page.setContent(`<script type="module" src="${site.url}/smart-link-clicks.js"></script>
    <smart-link-clicks proxy="${proxy.url}" link-id="demo" page-size="10"></smart-link-clicks>`);
  const widget = new WidgetPage(page);
  await eventually(() => widget.rows.count(), (n) => n === 10, { what: '10 rows' });
  assert.equal(fetched[0], 'smart-link-clicks.js');
  const rest = fetched.slice(1);
  assert.ok(rest.some((f) => f.endsWith('.wasm')), `the wasm was fetched: ${rest}`);
  for (const file of rest) assert.match(file, /-[0-9a-f]{16}\.(js|wasm)$/, file);
  assert.deepEqual(errors, []);
  await page.close();
});

test("the README's script-tag snippet, pointed at these files and the mock, shows the link's rows", async () => {
  const { browser, proxy, site } = servers;
  const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
  const snippet = /### With a script tag\s+```html\n([\s\S]*?)```/.exec(readme)?.[1];
  assert.ok(snippet?.includes('<script type="module"'), 'the README has the snippet');
  const page = await browser.newPage();
  const errors = watchErrors(page);
  await page.setContent(snippet
    .replace('https://cdn.example', site.url)
    .replace('https://clicks-proxy.example.com', proxy.url)
    .replace('link-id="abc123"', 'link-id="demo"'));
  const widget = new WidgetPage(page);
  await eventually(() => widget.rows.count(), (n) => n === 100, { what: 'the first page of rows' });
  assert.deepEqual(errors, []);
  await page.close();
});

test('outside a browser (a server rendering a framework page) importing the element defines nothing and does not throw', async () => {
  const element = files(distDir).find((f) => /snippets\/.*\/element-[0-9a-f]{16}\.js$/.test(f));
  assert.ok(element, 'the element snippet is in dist/');
  assert.equal(typeof globalThis.HTMLElement, 'undefined', 'Node has no DOM');
  const module = await import(element);
  assert.equal(typeof module.defineSmartLinkClicks, 'function');
  assert.equal(module.defineSmartLinkClicks(() => null, () => null), false, 'no element was defined to hand the code to');
});
