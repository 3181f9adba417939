// The <smart-link-clicks> custom element: a thin adapter that hands its
// attributes, properties and lifecycle to the Rust widget. wasm-bindgen
// snippets cannot import the glue, so Rust passes its functions in: `mount`
// starts a widget, `preview(attributes, name)` reads a property (or
// `filters`) from attributes as the widget would, before it has mounted.

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

// `observed`: the attribute names to observe, an array from Rust
// (config::names): the configuration names and the refused ones (keys
// belong in the proxy).
export function defineSmartLinkClicks(mount, preview, observedAttributes) {
  if (customElements.get('smart-link-clicks')) {
    return false;
  }

  class SmartLinkClicks extends HTMLElement {
    static get observedAttributes() {
      return observedAttributes;
    }

    constructor() {
      super();
      this._widget = null;
      this._mountQueued = false;
      this._flushQueued = false;
      // Attributes whose properties the host set since the last update:
      // applied even when the value is the one the attribute had.
      this._set = new Set();
      this._headers = {};
      if (!this.shadowRoot) {
        this.attachShadow({ mode: 'open' });
      }
    }

    connectedCallback() {
      // Properties set before the element was defined shadow the accessors.
      for (const name of [...Object.keys(PROPERTIES), 'headers']) {
        if (Object.prototype.hasOwnProperty.call(this, name)) {
          const value = this[name];
          delete this[name];
          this[name] = value;
        }
      }
      if (!this._widget && !this._mountQueued) {
        // Mounted at the end of this task, so the attributes, properties and
        // headers a page sets right after adding the element are all in the
        // first request, which the widget sends before building its view.
        this._mountQueued = true;
        queueMicrotask(() => {
          this._mountQueued = false;
          if (this.isConnected && !this._widget) {
            this._widget = mount(this, this.shadowRoot, this._attributeMap(), this._headers);
          }
        });
      }
    }

    disconnectedCallback() {
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

    attributeChangedCallback(name, oldValue, newValue) {
      if (oldValue !== newValue) {
        this._queueUpdate();
      }
    }

    // Every change made in this task becomes one update, so one request.
    _queueUpdate() {
      if (!this._widget || this._flushQueued) {
        return;
      }
      this._flushQueued = true;
      queueMicrotask(() => this._update());
    }

    // Applies the changes queued so far (at once when a getter needs them).
    _update() {
      if (!this._flushQueued) {
        return;
      }
      this._flushQueued = false;
      const set = [...this._set].join(',');
      this._set.clear();
      if (this._widget) {
        this._widget.update(this._attributeMap(), set);
      }
    }

    _attributeMap() {
      const map = {};
      for (const attribute of this.attributes) {
        map[attribute.name] = attribute.value;
      }
      return map;
    }

    /** Extra request headers for the proxy (e.g. the dashboard's session token). */
    get headers() {
      return { ...this._headers };
    }

    set headers(value) {
      this._headers = value && typeof value === 'object' ? { ...value } : {};
      if (this._widget) {
        this._widget.setHeaders(this._headers);
      }
    }

    /** The current filters and page, read-only. */
    get filters() {
      this._update();
      return this._widget ? this._widget.filters() : preview(this._attributeMap(), 'filters');
    }
  }

  for (const [property, attribute] of Object.entries(PROPERTIES)) {
    Object.defineProperty(SmartLinkClicks.prototype, property, {
      configurable: true,
      enumerable: true,
      get() {
        this._update();
        if (this._widget) {
          return this._widget.property(property);
        }
        return preview(this._attributeMap(), property);
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

  customElements.define('smart-link-clicks', SmartLinkClicks);
  return true;
}
