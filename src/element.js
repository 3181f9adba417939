// The <smart-link-clicks> custom element: a thin adapter that hands its
// attributes, properties and lifecycle to the Rust widget. wasm-bindgen
// snippets cannot import the glue, so Rust passes its functions in once
// the wasm has loaded (`defineSmartLinkClicks`, at the end).

const PROPERTIES = {
  proxy: 'proxy',
  linkId: 'link-id',
  dateStart: 'date-start',
  dateEnd: 'date-end',
  pageSize: 'page-size',
  page: 'page',
  includeBots: 'include-bots',
  includeDuplicates: 'include-duplicates',
  credentials: 'credentials',
  theme: 'theme',
  period: 'period',
  compare: 'compare',
  refresh: 'refresh',
  locale: 'locale',
  timeZone: 'time-zone',
  maxRows: 'max-rows',
};

// Rust's functions, once the wasm has loaded (`defineSmartLinkClicks`);
// until then elements wait in `waiting`.
let runtime = null;
const waiting = new Set();

// The element is defined as soon as this module is imported, before the
// wasm has loaded: frameworks (React 19, Vue) check `name in element` when
// they create it, and set properties only when the accessors are there.
// Its attributes are watched with a MutationObserver, every one of them:
// the widget reads them all (a key in any spelling is refused), so no list
// of names is kept here.
// (Outside a browser, as when a server renders a framework's page, there
// is no HTMLElement: the module then defines nothing.)
class SmartLinkClicks extends (globalThis.HTMLElement ?? class {}) {
  constructor() {
    super();
    this._widget = null;
    this._mountQueued = false;
    this._flushQueued = false;
    // Attributes whose properties the host set since the last update:
    // applied even when the value is the one the attribute had.
    this._set = new Set();
    this._headers = {};
    // The attribute map the widget last read: an update with the same map
    // (the widget's own `aria-busy`, say) is none.
    this._applied = '';
    this._observer = new MutationObserver(() => this._queueUpdate());
    this._observer.observe(this, { attributes: true });
    if (!this.shadowRoot) {
      this.attachShadow({ mode: 'open' });
    }
  }

  connectedCallback() {
    // Properties set before the element was defined shadow the accessors.
    for (const name of [...Object.keys(PROPERTIES), 'headers', 'filters']) {
      if (Object.prototype.hasOwnProperty.call(this, name)) {
        const value = this[name];
        delete this[name];
        this[name] = value;
      }
    }
    if (!runtime) {
      waiting.add(this);
      return;
    }
    if (!this._widget && !this._mountQueued) {
      // Mounted at the end of this task, so the attributes, properties and
      // headers a page sets right after adding the element are all in the
      // first request, which the widget sends before building its view.
      this._mountQueued = true;
      queueMicrotask(() => {
        this._mountQueued = false;
        if (this.isConnected && !this._widget) {
          this._observer.takeRecords();
          this._set.clear();
          const attributes = this._attributeMap();
          this._applied = JSON.stringify(attributes);
          this._widget = runtime.mount(this, this.shadowRoot, attributes, this._headers);
        }
      });
    }
  }

  disconnectedCallback() {
    waiting.delete(this);
    // A move within the page disconnects and reconnects in one task: keep the widget then.
    queueMicrotask(() => {
      if (!this.isConnected && this._widget) {
        const widget = this._widget;
        this._widget = null;
        widget.dispose();
        widget.free();
      }
    });
  }

  // Every change made in this task becomes one update, so one request.
  _queueUpdate() {
    if (!this._widget || this._flushQueued) {
      return;
    }
    this._flushQueued = true;
    queueMicrotask(() => this._update());
  }

  // Applies the changes queued so far (at once when a getter needs them,
  // attribute changes the observer has not reported yet included).
  _update() {
    if (this._observer.takeRecords().length > 0) {
      this._queueUpdate();
    }
    if (!this._flushQueued) {
      return;
    }
    this._flushQueued = false;
    const set = [...this._set].join(',');
    this._set.clear();
    const attributes = this._attributeMap();
    const applied = JSON.stringify(attributes);
    // Nothing the host changed: the widget is not asked to re-read (which
    // would resolve default dates against a new day as if set anew).
    if (this._widget && (set !== '' || applied !== this._applied)) {
      this._applied = applied;
      this._widget.update(attributes, set);
    }
  }

  // The host's attributes: not `aria-busy`, which the widget sets itself.
  _attributeMap() {
    const map = {};
    for (const attribute of this.attributes) {
      if (attribute.name !== 'aria-busy') {
        map[attribute.name] = attribute.value;
      }
    }
    return map;
  }

  /** Extra request headers for the proxy (e.g. the dashboard's session token). */
  get headers() {
    return { ...this._headers };
  }

  set headers(value) {
    // (Equal headers, as a framework passes on every render, are
    // compared by the widget, which then asks for nothing.)
    const next = value && typeof value === 'object' ? { ...value } : {};
    this._headers = next;
    if (this._widget) {
      this._widget.setHeaders(this._headers);
    }
  }

  /** The current filters, read-only; null until the widget's code has loaded. */
  get filters() {
    if (!runtime) {
      return null;
    }
    this._update();
    return this._widget ? this._widget.filters() : runtime.preview(this._attributeMap(), 'filters');
  }

  /** Setting `filters` does nothing (frameworks may pass every prop on). */
  set filters(_ignored) {
    if (!this._warnedFilters) {
      this._warnedFilters = true;
      console.warn('smart-link-clicks: `filters` is read-only; set period, dateStart, dateEnd or page instead');
    }
  }
}

for (const [property, attribute] of Object.entries(PROPERTIES)) {
  Object.defineProperty(SmartLinkClicks.prototype, property, {
    configurable: true,
    enumerable: true,
    // Before the widget's code has loaded: null.
    get() {
      if (!runtime) {
        return null;
      }
      this._update();
      if (this._widget) {
        return this._widget.property(property);
      }
      return runtime.preview(this._attributeMap(), property);
    },
    set(value) {
      if (value === null || value === undefined) {
        this.removeAttribute(attribute);
      } else {
        this.setAttribute(attribute, String(value));
      }
      // Set by the host: applied even if the attribute already said so
      // (the person may have changed that filter since).
      if (this._widget) {
        this._set.add(attribute);
        this._queueUpdate();
      }
    },
  });
}

if (globalThis.customElements && !customElements.get('smart-link-clicks')) {
  customElements.define('smart-link-clicks', SmartLinkClicks);
}

// Called by the widget's code once loaded: `mount` starts a widget and
// `preview(attributes, name)` reads a property (or `filters`) from
// attributes as the widget would. The elements waiting mount now. False
// when another copy of the script defined the element first.
export function defineSmartLinkClicks(mount, preview) {
  if (runtime || globalThis.customElements?.get('smart-link-clicks') !== SmartLinkClicks) {
    return false;
  }
  runtime = { mount, preview };
  for (const element of waiting) {
    if (element.isConnected) {
      element.connectedCallback();
    }
  }
  waiting.clear();
  return true;
}
