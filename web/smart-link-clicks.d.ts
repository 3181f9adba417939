// Type declarations for the <smart-link-clicks> custom element.

/** The current view, as `filters` and every event report it. */
/** A named range (CONTRACT 7), resolved against today (UTC), or `custom`. */
export type SmartLinkClicksPeriod =
  'today' | 'yesterday' | '7d' | '30d' | '90d' | 'this-month' | 'last-month' | 'ytd' | '12mo' | 'custom';

export interface SmartLinkClicksFilters {
  /** The period the dates come from; `custom` for dates of one's own. */
  period: SmartLinkClicksPeriod;
  /** First UTC day, `YYYY-MM-DD`. */
  dateStart: string;
  /** Last UTC day, `YYYY-MM-DD`. */
  dateEnd: string;
  /** Rows per page, 1..=1000. */
  pageSize: number;
  /** 1-based page number. */
  page: number;
  includeBots: boolean;
  includeDuplicates: boolean;
  /** What the range is compared with. */
  compare: 'none' | 'previous' | 'year';
  /** Seconds between automatic refreshes, 0 when off. */
  refresh: number;
  /** The BCP 47 tag numbers and dates are written for (the browser's language unless `locale` is given). */
  locale: string;
  /** The zone row times are shown in. */
  timeZone: 'local' | 'utc';
}

export interface SmartLinkClicksLoadDetail {
  filters: SmartLinkClicksFilters;
  /** `data.summary.clicks_total` of the response. */
  clicksTotal: number;
  /** Rows shown in the table. */
  rowCount: number;
}

export interface SmartLinkClicksErrorDetail {
  /** HTTP status, 0 for a network failure. */
  status: number;
  /** The message shown to the person. */
  message: string;
}

export interface SmartLinkClicksChangeDetail {
  filters: SmartLinkClicksFilters;
}

export interface SmartLinkClicksEventMap extends HTMLElementEventMap {
  'slc-load': CustomEvent<SmartLinkClicksLoadDetail>;
  'slc-error': CustomEvent<SmartLinkClicksErrorDetail>;
  'slc-change': CustomEvent<SmartLinkClicksChangeDetail>;
}

/** `<smart-link-clicks>`. Its configuration properties read `null` until the widget's code (the wasm) has loaded; the element itself is defined as soon as its module is imported, so they can be set at once. */
export interface SmartLinkClicksElement extends HTMLElement {
  /** Base URL of the proxy (attribute `proxy`). */
  proxy: string | null;
  /** The smart link's id (attribute `link-id`). */
  linkId: string | null;
  /** First UTC day (attribute `date-start`); default 29 days before `dateEnd`. */
  dateStart: string | null;
  /** Last UTC day (attribute `date-end`); default today (UTC). */
  dateEnd: string | null;
  /** Rows per page (attribute `page-size`); default 100. */
  pageSize: number | null;
  /** 1-based page (attribute `page`); default 1. */
  page: number | null;
  /** Attribute `include-bots`; default true. */
  includeBots: boolean | null;
  /** Attribute `include-duplicates`; default true. */
  includeDuplicates: boolean | null;
  /** Fetch credentials mode (attribute `credentials`); default `same-origin`. */
  credentials: 'omit' | 'same-origin' | 'include' | null;
  /** Attribute `theme`; default `auto`. */
  theme: 'light' | 'dark' | 'auto' | null;
  /** Attribute `period`; default `30d`, or `custom` when `date-start` or `date-end` is given. A named period wins over dates given with it. */
  period: SmartLinkClicksPeriod | null;
  /** Attribute `compare`: `previous` (the period of equal length just before) or `year` (the same days a year earlier), fetched alongside and drawn dashed; default `none`. */
  compare: 'none' | 'previous' | 'year' | null;
  /** Attribute `refresh`: seconds between automatic refreshes of the same view, in place (page, filters and an open record kept), paused while the page is hidden; `0` (the default) is off, below 15 means 15 and more than a day (86400) means a day (with a notice). */
  refresh: number | null;
  /** Attribute `locale`: a BCP 47 tag (`de-DE`) numbers and dates are written for through `Intl`; default the browser's language. */
  locale: string | null;
  /** Attribute `time-zone`: the zone row times are shown in, `local` (the default) or `utc`; the `Times in` control sets it too. */
  timeZone: 'local' | 'utc' | null;
  /** Attribute `max-rows`: rows `Analyse all clicks` loads at most (1 to 1,000,000); default 100000. */
  maxRows: number | null;
  /** Extra request headers for the proxy (e.g. `X-Dashboard-Session`): string values only; any other value (or one beyond Latin-1) is not sent and a notice names the header. Refused likewise: key or secret names in any spelling (`Authorization`, `X-API-Key`, `Token`, `Secret`, `Password`), the browser's forbidden headers (`Cookie`, `Host`, `Origin`, `Proxy-*`, `Sec-*`, ...) and `Forwarded`/`X-Forwarded-*`. */
  headers: Record<string, string>;
  /** The current filters (read-only: setting it does nothing, so a framework passing every prop on is safe); before the widget has mounted, as its attributes give them; `null` until the widget's code has loaded. */
  readonly filters: SmartLinkClicksFilters | null;
  addEventListener<K extends keyof SmartLinkClicksEventMap>(
    type: K,
    listener: (this: SmartLinkClicksElement, ev: SmartLinkClicksEventMap[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
}

/** The element's writable properties, every configuration name in camelCase and `headers`: what a framework may set on it (`filters` is read-only). */
export type SmartLinkClicksWritableProperty = Exclude<keyof SmartLinkClicksElement, keyof HTMLElement | 'filters'>;

declare global {
  interface HTMLElementTagNameMap {
    'smart-link-clicks': SmartLinkClicksElement;
  }
  interface DocumentEventMap {
    'slc-load': CustomEvent<SmartLinkClicksLoadDetail>;
    'slc-error': CustomEvent<SmartLinkClicksErrorDetail>;
    'slc-change': CustomEvent<SmartLinkClicksChangeDetail>;
  }
  /** The events bubble and are composed: any ancestor element hears them. */
  interface HTMLElementEventMap {
    'slc-load': CustomEvent<SmartLinkClicksLoadDetail>;
    'slc-error': CustomEvent<SmartLinkClicksErrorDetail>;
    'slc-change': CustomEvent<SmartLinkClicksChangeDetail>;
  }
}
