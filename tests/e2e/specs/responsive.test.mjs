// Issue 19: the widget fits every card from 320 px, and its chart is drawn
// for the width it has. Against the release dist/ and the mock proxy.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { launchBrowser, outputDir, startMockProxy, startSite, watchErrors } from '../support/env.mjs';
import { WidgetPage } from '../support/widget.mjs';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let proxy, site, browser;

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

const WIDTHS = [320, 360, 480, 768, 1280];
// The contract's controls, by role and accessible name (CONTRACT 5).
const CONTROLS = [
  ['textbox', 'From'], ['textbox', 'To'],
  ['checkbox', 'Include bots'], ['checkbox', 'Include duplicates'],
  ['button', 'First page'], ['button', 'Previous page'], ['button', 'Next page'], ['button', 'Last page'],
  ['combobox', 'Rows per page'], ['button', 'Download CSV'],
];

/** Records the page's uncaught errors, including ResizeObserver loop errors. */
function recordWindowErrors(page) {
  return page.addInitScript(() => {
    window.__windowErrors = [];
    addEventListener('error', (event) => window.__windowErrors.push(event.message));
  });
}

/** What overflows inside the widget `host`: the root's horizontal
 * overflow (the table's own scroll box aside) and the chart's SVG width
 * against its box. */
function layoutOf(host) {
  return host.evaluate((element) => {
    const root = element.shadowRoot.querySelector('.slc-root');
    const svg = element.shadowRoot.querySelector('.slc-plot svg');
    const plotBox = element.shadowRoot.querySelector('.slc-plot-wrap');
    return {
      element: element.getBoundingClientRect().width,
      rootOverflow: root.scrollWidth - root.clientWidth,
      svg: svg.getBoundingClientRect().width,
      svgDrawn: Number(svg.getAttribute('width')),
      plotBox: plotBox.clientWidth,
      rootRight: root.getBoundingClientRect().right,
    };
  });
}

/** Asserts the widget in `scope` fits and every control is visible,
 * inside the element and clickable: nothing covers its centre (a disabled
 * one too, such as `First page` on page 1). */
async function assertFits(scope, host, what) {
  // The chart is redrawn for its box within a frame of a width change.
  await host.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  const layout = await layoutOf(host);
  assert.ok(layout.rootOverflow <= 1, `${what}: the root overflows by ${layout.rootOverflow} px`);
  assert.ok(Math.abs(layout.svgDrawn - layout.plotBox) <= 1 || layout.plotBox < 240, `${what}: drawn ${layout.svgDrawn} px for a ${layout.plotBox} px box`);
  for (const [role, name] of CONTROLS) {
    const control = scope.getByRole(role, { name, exact: true });
    const box = await control.boundingBox();
    assert.ok(box, `${what}: ${name} is visible`);
    assert.ok(box.x + box.width <= layout.rootRight + 1, `${what}: ${name} ends at ${box.x + box.width}, the widget at ${layout.rootRight}`);
    assert.ok(box.height >= 24 || role === 'checkbox', `${what}: ${name} is ${box.height} px tall`);
    await control.scrollIntoViewIfNeeded();
    const reachable = await control.evaluate((element) => {
      const r = element.getBoundingClientRect();
      const hit = element.getRootNode().elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
      return hit === element || element.contains(hit) || (hit?.htmlFor && hit.control === element) || hit?.control === element;
    });
    assert.ok(reachable, `${what}: ${name} is not covered`);
  }
}

describe('responsive', () => {
  test('the standalone page fits from 320 to 1,280 px, in light and dark, and axe finds nothing serious at 320 and 1,280', async () => {
    const page = await browser.newPage();
    const errors = watchErrors(page);
    await recordWindowErrors(page);
    const widget = new WidgetPage(page);
    for (const width of WIDTHS) {
      for (const theme of ['light', 'dark']) {
        await page.setViewportSize({ width, height: 900 });
        await page.goto(`${site.url}/?${new URLSearchParams({ proxy: proxy.url, 'link-id': 'demo', theme })}`);
        await widget.settled();
        await assertFits(page, widget.host, `${width} px ${theme}`);
        if (width === 320 || width === 1280) {
          await page.addScriptTag({ content: axeSource });
          const result = await page.evaluate(async () => window.axe.run(document, { resultTypes: ['violations'] }));
          const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
          assert.deepEqual(bad.map((v) => `${width} px ${theme}: ${v.id}: ${v.help} (${v.nodes.length})`), []);
        }
        assert.deepEqual(await page.evaluate(() => window.__windowErrors), [], `${width} px ${theme}: window errors`);
        if (width === 360 || width === 1280) {
          await page.screenshot({ path: path.join(outputDir, `responsive-${width}-${theme}.png`), fullPage: true });
        }
      }
    }
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('an element in a 340 px card fits, and follows the card from 1,000 to 400 px and back', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = watchErrors(page);
    await page.setContent(`<!doctype html><html><body style="margin:16px;font-family:sans-serif">
      <script>window.__windowErrors = []; addEventListener('error', (e) => window.__windowErrors.push(e.message));</script>
      <div id="card" style="width:340px;border:1px solid #ccc;padding:0">
        <smart-link-clicks proxy="${proxy.url}" link-id="demo"></smart-link-clicks>
      </div>
      <div id="row" style="display:flex;gap:8px"><smart-link-clicks id="in-row" proxy="${proxy.url}" link-id="quiet"></smart-link-clicks></div>
      </body></html>`);
    await page.addScriptTag({ type: 'module', url: `${site.url}/smart-link-clicks.js` });
    const widget = new WidgetPage(page, page.locator('#card'));
    await widget.settled();
    await assertFits(widget.scope, widget.host, 'a 340 px card');
    // In a flex row that gives it no width, the element does not collapse.
    const inRow = await page.locator('#in-row').evaluate((e) => e.getBoundingClientRect().width);
    assert.ok(inRow >= 600, `in a flex row: ${inRow} px wide`);
    await page.locator('#card').screenshot({ path: path.join(outputDir, 'responsive-card-340.png') });

    // Resizing the card redraws the chart for it within a frame or two.
    const drawnAfterResize = (width) => page.evaluate(async (width) => {
      document.getElementById('card').style.width = `${width}px`;
      const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
      await frame();
      await frame();
      const host = document.querySelector('smart-link-clicks');
      const svg = host.shadowRoot.querySelector('.slc-plot svg');
      return { drawn: Number(svg.getAttribute('width')), box: host.shadowRoot.querySelector('.slc-plot-wrap').clientWidth };
    }, width);
    for (const width of [1000, 400, 1000]) {
      const { drawn, box } = await drawnAfterResize(width);
      assert.ok(Math.abs(drawn - box) <= 1, `card ${width} px: drawn ${drawn} px for a ${box} px box, two frames later`);
      assert.ok(box > width - 40, `card ${width} px: box ${box} px`);
    }
    await assertFits(widget.scope, widget.host, 'the card back at 1,000 px');
    assert.deepEqual(await page.evaluate(() => window.__windowErrors), []);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('at 320 px the table scrolls sideways in its own box, the time column kept in view', async () => {
    const page = await browser.newPage({ viewport: { width: 320, height: 800 } });
    const widget = new WidgetPage(page);
    await page.goto(`${site.url}/?${new URLSearchParams({ proxy: proxy.url, 'link-id': 'demo' })}`);
    await widget.settled();
    const scrolled = await widget.host.evaluate((host) => {
      const box = host.shadowRoot.querySelector('.slc-table-scroll');
      const time = () => host.shadowRoot.querySelector('.slc-table tbody td').getBoundingClientRect().left;
      const before = time();
      box.scrollLeft = 400;
      return { wider: box.scrollWidth > box.clientWidth, scrolled: box.scrollLeft, moved: time() - before };
    });
    assert.ok(scrolled.wider && scrolled.scrolled > 0, `the table scrolls in its box (${JSON.stringify(scrolled)})`);
    assert.ok(Math.abs(scrolled.moved) <= 1, `the time cell stays put while the table scrolls (${scrolled.moved} px)`);
    await page.close();
  });

  test('pointing at the first, a middle and the last day shows that day\'s tooltip inside the element, at 320 and 1,280 px', async () => {
    const page = await browser.newPage({ viewport: { width: 320, height: 800 } });
    const widget = new WidgetPage(page);
    for (const width of [320, 1280]) {
      await page.setViewportSize({ width, height: 800 });
      await page.goto(`${site.url}/?${new URLSearchParams({ proxy: proxy.url, 'link-id': 'demo' })}`);
      await widget.settled();
      const plot = page.locator('.slc-plot');
      await plot.scrollIntoViewIfNeeded();
      const box = await plot.boundingBox();
      // The plot's bars span from after the y labels to before the right margin.
      const edges = await page.locator('.slc-plot svg').evaluate((svg) => {
        const bars = [...svg.querySelectorAll('rect')].map((r) => r.getBoundingClientRect()).filter((r) => r.width > 0);
        return { first: bars[0].left + bars[0].width / 2, last: bars.at(-1).left + bars.at(-1).width / 2 };
      });
      const texts = [];
      for (const x of [edges.first, box.x + box.width / 2, edges.last]) {
        await page.mouse.move(x, box.y + box.height / 2);
        const tooltip = page.locator('.slc-tooltip');
        await page.waitForFunction((previous) => {
          const tip = document.querySelector('smart-link-clicks').shadowRoot.querySelector('.slc-tooltip');
          return tip && tip.textContent !== previous;
        }, texts.at(-1) ?? null);
        const text = await tooltip.innerText();
        assert.match(text, /\(UTC\): [\d,]+ clicks?/);
        texts.push(text);
        const tip = await tooltip.boundingBox();
        const band = await page.locator('.slc-day-band').boundingBox();
        const root = await page.locator('.slc-root').boundingBox();
        assert.ok(tip.x >= root.x - 1 && tip.x + tip.width <= root.x + root.width + 1, `${width} px: the tooltip (${tip.x}–${tip.x + tip.width}) stays inside the widget (${root.x}–${root.x + root.width})`);
        assert.ok(band.x <= x + 1 && x <= band.x + band.width + 1, `${width} px: the day band (${band.x}–${band.x + band.width}) is under the pointer (${x})`);
      }
      assert.equal(new Set(texts).size, 3, `three different days: ${texts.join(' | ')}`);
    }
    await page.close();
  });
});
