// Records when the table's rows change: a MutationObserver on the document
// and on every shadow root, so the widget and the baseline are timed alike.
// It watches text changes too (characterData): since the widget rewrites the
// rows it has in place, a page flip may change no child list at all.
// Installed with `page.addInitScript(OBSERVER, { mark })`; `mark` also
// writes a user-timing mark per change (for traces, bench/trace.mjs). Each
// change is also handed to `window.__benchEvent` when the harness exposed
// it (bench/run.mjs does): the harness then learns of the rows without
// polling the page or evaluating anything in it while a figure is timed.
export const OBSERVER = ({ mark = false } = {}) => {
  const bench = (window.__bench = { events: [] });
  const check = (root) => {
    const rows = root.querySelectorAll('tbody tr');
    const first = rows[0]?.textContent;
    if (rows.length && (first !== bench.first || rows.length !== bench.count)) {
      bench.first = first;
      bench.count = rows.length;
      const event = { t: performance.now(), rows: rows.length };
      bench.events.push(event);
      window.__benchEvent?.(event);
      if (mark) performance.mark(`rows ${rows.length}`);
    }
  };
  const observe = (root) => new MutationObserver(() => check(root)).observe(root, { childList: true, subtree: true, characterData: true });
  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    const root = attach.call(this, init);
    observe(root);
    return root;
  };
  observe(document);
  addEventListener('TrunkApplicationStarted', (e) => { window.__wasm = e.detail.wasm; });
};
