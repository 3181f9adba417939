// Page object for the widget, whether standalone or embedded: Playwright's
// CSS and role locators pierce the open shadow root.
import assert from 'node:assert/strict';

export class WidgetPage {
  constructor(page, scope = page) {
    this.page = page;
    this.scope = scope;
    this.host = scope.locator('smart-link-clicks').first();
    this.summary = scope.locator('[part="summary"]');
    this.rows = scope.locator('[part="table"] tbody tr');
    this.marks = scope.locator('[part="chart"] svg rect');
    this.pageLabel = scope.locator('[part="pager"] .slc-page-label');
    this.error = scope.locator('[part="error"]');
  }

  button(name) {
    return this.scope.getByRole('button', { name, exact: true });
  }

  label(name) {
    return this.scope.getByLabel(name, { exact: true });
  }

  /** Waits until no request is in flight and data (or an error) is shown. */
  async settled() {
    await this.host.waitFor();
    await this.page.waitForFunction(
      (host) => host.getAttribute('aria-busy') === 'false',
      await this.host.elementHandle(),
      { timeout: 20_000 },
    );
  }
}

/** Polls `read` until `accept` holds (or fails after the timeout). */
export async function eventually(read, accept, { timeout = 10_000, what = 'condition' } = {}) {
  const started = Date.now();
  let last;
  while (Date.now() - started < timeout) {
    last = await read();
    if (accept(last)) return last;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  assert.fail(`timed out waiting for ${what}; last value: ${JSON.stringify(last)?.slice(0, 500)}`);
}

/** `1234567` as `1,234,567`, as the widget prints it. */
export function grouped(n) {
  return n.toLocaleString('en-US');
}
