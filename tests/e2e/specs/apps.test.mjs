// Issue 18: real React 19 and Vue 3 apps (tests/apps/*), built with Vite
// from the packed npm tarball, drive <smart-link-clicks> the way their
// users write it: camelCase props and `headers` as properties, the app's own
// `onslc-…` / `@slc-…` handlers, a ref reading `filters`, and a loose prop
// bag that sets the read-only `filters` (it must not throw).
//
// Each app's built folder (tests/apps/<name>/dist) is served on its own
// port; the page gets the mock proxy's URL from its query string.
import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { distDir, outputDir, queryOf, repoRoot, startSite, suiteServers, watchErrors } from '../support/env.mjs';
import { WidgetPage, eventually } from '../support/widget.mjs';

const APPS = [
  { name: 'react', session: 'react-app' },
  { name: 'vue', session: 'vue-app' },
];

const servers = suiteServers({ site: null });

for (const { name, session } of APPS) {
  const dist = path.join(repoRoot, 'tests/apps', name, 'dist');
  const missing = !existsSync(path.join(dist, 'index.html'));
  // scripts/test.sh builds the apps and requires them; a run of the specs
  // alone skips an app not built.
  if (missing && process.env.SLC_APPS_REQUIRED) throw new Error(`tests/apps/${name}/dist is missing`);
  const skip = missing && `tests/apps/${name}/dist is missing: build the app (npm ci, npm install --no-save <tarball>, npm run build)`;

  describe(`${name} app`, { skip }, () => {
    let site, page, errors, warnings;

    before(async () => {
      site = await startSite(dist);
    });

    after(async () => {
      await site?.stop();
    });

    afterEach(async () => {
      await page?.close();
      page = null;
    });

    /** Opens the built app pointed at the mock; resolves once its first view is shown. */
    async function open() {
      await servers.proxy.clear();
      page = await servers.browser.newPage({ viewport: { width: 1400, height: 1000 } });
      errors = watchErrors(page);
      warnings = [];
      page.on('console', (message) => {
        if (message.type() === 'warning') warnings.push(message.text());
      });
      await page.goto(`${site.url}/?proxy=${encodeURIComponent(servers.proxy.url)}`);
      const widget = new WidgetPage(page);
      try {
        await eventually(() => output('app-loads'), (n) => Number(n) >= 1, { what: `the ${name} app's slc-load handler`, timeout: 20_000 });
        await widget.settled();
      } catch (error) {
        // A throw while rendering unmounts the app: say what was thrown.
        error.message += `; page errors: ${JSON.stringify(errors)}`;
        throw error;
      }
      return widget;
    }

    /** The text of one of the app's own <output> elements (outside the widget). */
    const output = (id) => page.evaluate((id) => document.getElementById(id)?.textContent ?? null, id);

    test("the app was built from this build's package: its wasm is dist/'s, byte for byte", () => {
      const wasmIn = (dir) => readdirSync(dir, { recursive: true }).filter((f) => String(f).endsWith('.wasm')).map((f) => path.join(dir, String(f)));
      const [ours] = wasmIn(distDir);
      const theirs = wasmIn(dist);
      assert.equal(theirs.length, 1, `one wasm in the app: ${theirs}`);
      assert.ok(readFileSync(theirs[0]).equals(readFileSync(ours)), `${theirs[0]} is ${ours}`);
    });

    test('rows appear inside the shadow root and the app hears slc-load', async () => {
      const widget = await open();
      const shown = await widget.host.evaluate((host) => ({
        rows: host.shadowRoot?.querySelectorAll('[part="table"] tbody tr').length ?? 0,
        summary: host.shadowRoot?.querySelector('[part="summary"]')?.textContent ?? '',
        linkIdAttribute: host.getAttribute('link-id'),
      }));
      assert.equal(shown.rows, 25, 'pageSize={25} reached the element');
      assert.equal(shown.linkIdAttribute, 'demo', 'linkId was set as a property (it writes link-id)');
      const total = Number(await output('app-clicks-total'));
      assert.ok(total > 0, `the app's handler received clicksTotal (${total})`);
      assert.match(shown.summary, new RegExp(total.toLocaleString('en-US')));
      await page.screenshot({ path: path.join(outputDir, `app-${name}.png`), fullPage: true });
      assert.deepEqual(errors, []);
    });

    test('headers set as a property reach the proxy', async () => {
      await open();
      const requests = await servers.proxy.requests();
      assert.ok(requests.length >= 1, 'a request was made');
      for (const request of requests) {
        assert.equal(request.path, '/api/smart-links/demo/clicks');
        assert.equal(queryOf(request).limit, '25');
        assert.equal(request.headers['x-dashboard-session'], session, `${request.path}?${request.query}`);
      }
      assert.deepEqual(errors, []);
    });

    test('Next page fires slc-change to the app, the ref reads filters, and setting filters does not throw', async () => {
      const widget = await open();
      await widget.button('Next page').click();
      await eventually(() => output('app-change-page'), (text) => text === '2', { what: `the ${name} app's slc-change handler` });
      await eventually(() => output('app-loads'), (n) => Number(n) >= 2, { what: 'slc-load for page 2' });
      await widget.settled();
      // The change handler stored the filters, so the loose prop bag now sets
      // `filters` on the element: the app must still be mounted and working.
      await page.getByRole('button', { name: 'Read filters', exact: true }).click();
      const read = JSON.parse(await eventually(() => output('app-filters'), (text) => Boolean(text), { what: 'filters read from the ref' }));
      assert.equal(read?.page, 2);
      assert.equal(read?.pageSize, 25);
      assert.equal(read?.includeBots, true);
      assert.equal(read?.period, '30d');
      const state = await widget.host.evaluate((host) => ({
        rows: host.shadowRoot.querySelectorAll('[part="table"] tbody tr').length,
        filtersPage: host.filters?.page,
      }));
      assert.deepEqual(state, { rows: 25, filtersPage: 2 });
      // The element's setter ran (Vue would also have caught a throw):
      // it says once that `filters` is read-only.
      assert.equal(warnings.filter((w) => w.includes('`filters` is read-only')).length, 1, JSON.stringify(warnings));
      const pages = (await servers.proxy.requests()).map((r) => queryOf(r).offset);
      assert.deepEqual(pages, ['0', '25']);
      assert.deepEqual(errors, []);
    });
  });
}

// The README's React and Vue snippets are these apps' own code: every line
// of each snippet is a line of the app's source (imports may come from its
// entry file), so what the README shows is what this suite builds and runs.
test('the README snippets are the apps\' code', () => {
  const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
  const sources = {
    tsx: ['src/App.tsx', 'src/main.tsx'].map((f) => readFileSync(path.join(repoRoot, 'tests/apps/react', f), 'utf8')).join('\n'),
    vue: readFileSync(path.join(repoRoot, 'tests/apps/vue/src/App.vue'), 'utf8'),
  };
  for (const [language, source] of Object.entries(sources)) {
    const block = new RegExp('```' + language + '\\n([\\s\\S]*?)```').exec(readme)?.[1];
    assert.ok(block, `the README has a ${language} snippet`);
    const lines = new Set(source.split('\n').map((l) => l.trim()));
    for (const line of block.split('\n').map((l) => l.replace(/\s*\/\/ in main\.tsx.*$/, '').trim()).filter(Boolean)) {
      assert.ok(lines.has(line) || lines.has(`${line};`.replace(/;;$/, ';')), `README ${language} line is in the app: ${line}`);
    }
  }
});
