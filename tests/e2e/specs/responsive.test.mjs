// Issue 19: the widget fits every card from 320 px, and its chart is drawn
// for the width it has. Against the release dist/ and the mock proxy.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { outputDir, suiteServers, watchErrors } from '../support/env.mjs';
import { WidgetPage } from '../support/widget.mjs';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let proxy, site, browser;

// The mock proxy, dist/ and Chromium, started before the tests and
// stopped after them (support/env.mjs); named here once they are up.
const servers = suiteServers();
before(async () => {
  await servers.ready;
  ({ proxy, site, browser } = servers);
});

const WIDTHS = [320, 360, 480, 768, 1280, 1600];
// The contract's controls, by role and accessible name (CONTRACT 5).
const CONTROLS = [
  ['textbox', 'From'], ['textbox', 'To'],
  ['checkbox', 'Include bots'], ['checkbox', 'Include duplicates'],
  ['button', 'First page'], ['button', 'Previous page'], ['button', 'Next page'], ['button', 'Last page'],
  ['combobox', 'Rows per page'], ['button', 'Download CSV'],
];

/** A host page with the element in a card 340 px wide (at most the
 * viewport's width), `theme` set on it, and `extra` markup after the card. */
function cardPage(proxyUrl, theme, extra = '') {
  return `<!doctype html><html lang="en"><head><title>Agency dashboard</title></head><body style="margin:16px;font-family:sans-serif">
    <script>window.__windowErrors = []; addEventListener('error', (e) => window.__windowErrors.push(e.message));</script>
    <main><h1 style="font-size:16px">Agency dashboard</h1>
    <div id="card" style="width:340px;max-width:100%;border:1px solid #ccc;padding:0">
      <smart-link-clicks proxy="${proxyUrl}" link-id="demo" theme="${theme}"></smart-link-clicks>
    </div>${extra}</main>
    </body></html>`;
}

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
    const container = element.parentElement.getBoundingClientRect();
    return {
      element: element.getBoundingClientRect().width,
      hostRight: element.getBoundingClientRect().right,
      containerRight: container.right,
      pageOverflow: document.documentElement.scrollWidth - innerWidth,
      rootOverflow: root.scrollWidth - root.clientWidth,
      svg: svg?.getBoundingClientRect().width ?? 0,
      svgDrawn: Number(svg?.getAttribute('width') ?? 0),
      plotBox: plotBox.clientWidth,
      rootRight: root.getBoundingClientRect().right,
    };
  });
}

/** Pairs of the chart's text labels whose boxes, as the browser lays them
 * out in the widget's font, overlap. */
function labelOverlaps(host) {
  return host.evaluate((element) => {
    const texts = [...element.shadowRoot.querySelectorAll('.slc-plot svg text')]
      .map((t) => ({ text: t.textContent, r: t.getBoundingClientRect() }))
      .filter(({ r }) => r.width > 0);
    const found = [];
    for (let i = 0; i < texts.length; i++) {
      for (let j = i + 1; j < texts.length; j++) {
        const a = texts[i].r;
        const b = texts[j].r;
        const apart = a.right <= b.left + 0.5 || b.right <= a.left + 0.5 || a.bottom <= b.top + 0.5 || b.bottom <= a.top + 0.5;
        if (!apart) found.push(`${texts[i].text} / ${texts[j].text}`);
      }
    }
    return found;
  });
}

/** Asserts the widget in `scope` fits and every control is visible,
 * inside the element and clickable: nothing covers its centre (a disabled
 * one too, such as `First page` on page 1). */
async function assertFits(scope, host, what) {
  // The chart is redrawn for its box within a frame of a width change.
  await host.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  const layout = await layoutOf(host);
  const overlaps = await labelOverlaps(host);
  assert.deepEqual(overlaps, [], `${what}: chart labels overlap`);
  assert.ok(layout.rootOverflow <= 1, `${what}: the root overflows by ${layout.rootOverflow} px`);
  assert.ok(Math.abs(layout.svgDrawn - layout.plotBox) <= 1 || layout.plotBox < 240, `${what}: drawn ${layout.svgDrawn} px for a ${layout.plotBox} px box`);
  assert.ok(layout.svg <= layout.plotBox + 0.5, `${what}: the SVG is ${layout.svg} px wide in a ${layout.plotBox} px box`);
  assert.ok(layout.rootRight <= layout.hostRight + 0.5 && layout.hostRight <= layout.containerRight + 0.5, `${what}: the widget (${layout.rootRight}) stays inside its element (${layout.hostRight}) and container (${layout.containerRight})`);
  assert.ok(layout.pageOverflow <= 0, `${what}: the page scrolls sideways by ${layout.pageOverflow} px`);
  for (const [role, name] of CONTROLS) {
    const control = scope.getByRole(role, { name, exact: true });
    const box = await control.boundingBox();
    assert.ok(box, `${what}: ${name} is visible`);
    assert.ok(box.x + box.width <= layout.rootRight + 1, `${what}: ${name} ends at ${box.x + box.width}, the widget at ${layout.rootRight}`);
    // A checkbox's target is its whole label (a click on the text toggles it).
    const target = role === 'checkbox' ? await control.evaluate((input) => {
      const r = input.closest('label').getBoundingClientRect();
      return { width: r.width, height: r.height };
    }) : box;
    assert.ok(target.height >= 24 && target.width >= 24, `${what}: ${name}'s target is ${target.width}×${target.height} px`);
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

  test('an element in a 340 px card fits at every viewport width, in light, dark and auto with a dark preference, and axe finds nothing serious', async () => {
    const page = await browser.newPage();
    const errors = watchErrors(page);
    for (const width of WIDTHS) {
      for (const [theme, preference] of [['light', 'light'], ['dark', 'light'], ['auto', 'dark']]) {
        await page.setViewportSize({ width, height: 900 });
        await page.emulateMedia({ colorScheme: preference });
        await page.setContent(cardPage(proxy.url, theme));
        await page.addScriptTag({ type: 'module', url: `${site.url}/smart-link-clicks.js` });
        const widget = new WidgetPage(page, page.locator('#card'));
        await widget.settled();
        const what = `a 340 px card, ${width} px viewport, theme ${theme}, ${preference} preference`;
        await assertFits(widget.scope, widget.host, what);
        // Dark themes are dark all through, the browser's own parts of the
        // date inputs and the scroll bars included (color-scheme).
        const scheme = await widget.host.evaluate((host) => {
          const input = host.shadowRoot.querySelector('input[type="date"]');
          return { scheme: getComputedStyle(input).colorScheme, background: getComputedStyle(host.shadowRoot.querySelector('.slc-root')).backgroundColor };
        });
        const dark = theme === 'dark' || preference === 'dark';
        assert.equal(scheme.scheme, dark ? 'dark' : 'normal', `${what}: color-scheme`);
        assert.equal(scheme.background, dark ? 'rgb(13, 17, 23)' : 'rgb(255, 255, 255)', `${what}: background`);
        if (width === 320 || width === 1280) {
          await page.addScriptTag({ content: axeSource });
          const result = await page.evaluate(async () => window.axe.run(document, { resultTypes: ['violations'] }));
          const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
          assert.deepEqual(bad.map((v) => `${what}: ${v.id}: ${v.help} (${v.nodes.length})`), []);
          await page.locator('#card').screenshot({ path: path.join(outputDir, `responsive-card-340-${width}-${theme}.png`) });
        }
        assert.deepEqual(await page.evaluate(() => window.__windowErrors), [], `${what}: window errors`);
      }
    }
    await page.emulateMedia({ colorScheme: null });
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('an element in a card follows the card from 1,000 to 400 px and back, and takes 640 px in a flex row', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = watchErrors(page);
    await page.setContent(cardPage(proxy.url, 'auto', `<div id="row" style="display:flex;gap:8px"><smart-link-clicks id="in-row" proxy="${proxy.url}" link-id="quiet"></smart-link-clicks></div>
      <div id="narrow-row" style="display:flex;width:340px"><smart-link-clicks proxy="${proxy.url}" link-id="quiet"></smart-link-clicks></div>`));
    await page.addScriptTag({ type: 'module', url: `${site.url}/smart-link-clicks.js` });
    const widget = new WidgetPage(page, page.locator('#card'));
    await widget.settled();
    // In a flex row that gives it no width, the element does not collapse;
    // in a narrow card's flex row, it still shrinks to the card.
    const inRow = await page.locator('#in-row').evaluate((e) => e.getBoundingClientRect().width);
    assert.ok(inRow >= 600, `in a flex row: ${inRow} px wide`);
    const inNarrowRow = await page.evaluate(() => {
      const row = document.getElementById('narrow-row');
      return { element: row.firstElementChild.getBoundingClientRect().right, row: row.getBoundingClientRect().right };
    });
    assert.ok(inNarrowRow.element <= inNarrowRow.row + 0.5, `in a 340 px card's flex row, the element ends at ${inNarrowRow.element}, the card at ${inNarrowRow.row}`);

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
  test('on a touch screen, tapping a day shows its tooltip and keeps it; tapping another day moves it; a tap elsewhere hides it', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 780 }, hasTouch: true, isMobile: true });
    const page = await context.newPage();
    const widget = new WidgetPage(page);
    await page.goto(`${site.url}/?${new URLSearchParams({ proxy: proxy.url, 'link-id': 'demo' })}`);
    await widget.settled();
    const plot = page.locator('.slc-plot');
    await plot.scrollIntoViewIfNeeded();
    const box = await plot.boundingBox();
    const tooltip = page.locator('.slc-tooltip');
    const y = box.y + box.height / 2;
    await page.touchscreen.tap(box.x + box.width * 0.3, y);
    await tooltip.waitFor();
    const first = await tooltip.innerText();
    assert.match(first, /\(UTC\): [\d,]+ clicks?/);
    // Still there after the finger has gone.
    await page.waitForTimeout(400);
    assert.equal(await tooltip.innerText(), first);
    await page.touchscreen.tap(box.x + box.width * 0.8, y);
    await page.waitForFunction((previous) => {
      const tip = document.querySelector('smart-link-clicks').shadowRoot.querySelector('.slc-tooltip');
      return tip && tip.textContent !== previous;
    }, first);
    const tip = await tooltip.boundingBox();
    const root = await page.locator('.slc-root').boundingBox();
    assert.ok(tip.x >= root.x - 1 && tip.x + tip.width <= root.x + root.width + 1, 'the tooltip stays inside the widget');
    await page.touchscreen.tap(root.x + 20, root.y + 10);
    await tooltip.waitFor({ state: 'detached' });
    await context.close();
  });

  test('while the first answer is on its way, a skeleton of the chart and rows holds their place, and nothing above the rows moves when it arrives', async () => {
    for (const width of [360, 1280]) {
      const page = await browser.newPage({ viewport: { width, height: 900 } });
      await page.goto(`${site.url}/?${new URLSearchParams({ proxy: proxy.url, 'link-id': 'demo+delay1500' })}`);
      const skeleton = page.locator('.slc-rows-skeleton');
      await skeleton.waitFor({ state: 'visible' });
      const places = () => page.evaluate(() => {
        const root = document.querySelector('smart-link-clicks').shadowRoot;
        const top = (selector) => Math.round(root.querySelector(selector).getBoundingClientRect().top);
        return { table: top('.slc-table-scroll'), chart: top('.slc-chart'), filters: top('.slc-filters') };
      });
      const before = await places();
      assert.ok((await skeleton.boundingBox()).height >= 200, `${width} px: the rows' skeleton has height`);
      assert.ok(await page.locator('.slc-chart-placeholder').isVisible(), `${width} px: the chart's placeholder shows`);
      const widget = new WidgetPage(page);
      await widget.settled();
      assert.ok(await widget.rows.count() > 0);
      assert.deepEqual(await places(), before, `${width} px: the parts stay where they were`);
      assert.equal(await skeleton.isVisible(), false);
      await page.close();
    }
  });

  test('a year of days keeps its date labels apart from each other and from the y axis, at 320 and 1,280 px', async () => {
    const page = await browser.newPage();
    const widget = new WidgetPage(page);
    const yearAgo = new Date(Date.now() - 365 * 864e5).toISOString().slice(0, 10);
    for (const width of [320, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(`${site.url}/?${new URLSearchParams({ proxy: proxy.url, 'link-id': 'demo', 'date-start': yearAgo })}`);
      await widget.settled();
      assert.equal(await widget.marks.count(), 366);
      await assertFits(page, widget.host, `366 days at ${width} px`);
      const labels = await page.locator('.slc-plot svg text').evaluateAll((texts) => texts.map((t) => t.textContent));
      assert.ok(labels.filter((t) => /^[A-Z][a-z]{2} \d{1,2}$/.test(t)).length >= 2, `date labels at ${width} px: ${labels.join(', ')}`);
    }
    await page.close();
  });

  test('with no clicks, and with an error before any data, the layout keeps its places and fits at 320 px, Retry included', async () => {
    const page = await browser.newPage({ viewport: { width: 320, height: 900 } });
    const widget = new WidgetPage(page);
    const heightOfChart = () => page.locator('.slc-chart').evaluate((e) => Math.round(e.getBoundingClientRect().height));
    await page.goto(`${site.url}/?${new URLSearchParams({ proxy: proxy.url, 'link-id': 'demo+delay800' })}`);
    await page.locator('.slc-rows-skeleton').waitFor();
    const loadingHeight = await heightOfChart();
    await widget.settled();
    assert.equal(await heightOfChart(), loadingHeight, 'the chart takes the placeholder\'s height');
    for (const [linkId, what] of [['empty', 'no clicks'], ['demo+401', 'an error']]) {
      await page.goto(`${site.url}/?${new URLSearchParams({ proxy: proxy.url, 'link-id': linkId })}`);
      if (linkId === 'empty') await widget.settled();
      else await widget.error.waitFor();
      assert.equal(await heightOfChart(), loadingHeight, `${what}: the chart keeps its height`);
      const layout = await layoutOf(widget.host);
      assert.ok(layout.rootOverflow <= 1 && layout.pageOverflow <= 0, `${what}: nothing overflows (${JSON.stringify(layout)})`);
      if (linkId !== 'empty') {
        const retry = widget.button('Retry');
        const box = await retry.boundingBox();
        assert.ok(box.height >= 24 && box.x + box.width <= layout.rootRight + 1, `Retry is a target inside the widget (${JSON.stringify(box)})`);
        await retry.click();
      }
    }
    await page.close();
  });
});
