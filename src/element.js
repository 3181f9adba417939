// The <smart-link-clicks> custom element: a thin adapter that hands its
// attributes, properties and lifecycle to the Rust widget. wasm-bindgen
// snippets cannot import the glue, so Rust passes its mount function in.

const CONFIG_ATTRIBUTES = [
  'proxy', 'link-id', 'date-start', 'date-end', 'page-size', 'page',
  'include-bots', 'include-duplicates', 'credentials', 'theme',
];
// Observed only to refuse them loudly: keys belong in the proxy.
const REFUSED_ATTRIBUTES = ['api-key', 'apikey', 'api_key', 'token', 'access-token', 'authorization'];
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
};

export function defineSmartLinkClicks(mount) {
  if (customElements.get('smart-link-clicks')) {
    return false;
  }

  class SmartLinkClicks extends HTMLElement {
    static get observedAttributes() {
      return [...CONFIG_ATTRIBUTES, ...REFUSED_ATTRIBUTES];
    }

    constructor() {
      super();
      this._widget = null;
      this._mountQueued = false;
      this._flushQueued = false;
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
      if (oldValue === newValue || !this._widget || this._flushQueued) {
        return;
      }
      // Every change made in this task becomes one update, so one request.
      this._flushQueued = true;
      queueMicrotask(() => {
        this._flushQueued = false;
        if (this._widget) {
          this._widget.update(this._attributeMap());
        }
      });
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
      return this._widget ? this._widget.filters() : null;
    }
  }

  for (const [property, attribute] of Object.entries(PROPERTIES)) {
    Object.defineProperty(SmartLinkClicks.prototype, property, {
      configurable: true,
      enumerable: true,
      get() {
        if (this._widget) {
          return this._widget.property(property);
        }
        return this.getAttribute(attribute);
      },
      set(value) {
        if (value === null || value === undefined) {
          this.removeAttribute(attribute);
        } else {
          this.setAttribute(attribute, String(value));
        }
      },
    });
  }

  customElements.define('smart-link-clicks', SmartLinkClicks);
  return true;
}
