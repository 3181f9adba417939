// React 19 JSX types for <smart-link-clicks>, published as `smart-link-clicks/react`.
// Opt in with `import type {} from 'smart-link-clicks/react';` (or list
// "smart-link-clicks/react" in tsconfig `types`). It is kept apart from the
// main declarations so that hosts without @types/react are not affected.
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { SmartLinkClicksElement, SmartLinkClicksEventMap, SmartLinkClicksWritableProperty } from './smart-link-clicks.js';

/**
 * Props React 19 sets as properties (camelCase, e.g. `linkId`, `pageSize`,
 * `includeBots={false}`, `headers={{ … }}`). `filters` is read-only and left
 * out: the element ignores a value set on it.
 */
export type SmartLinkClicksPropertyProps = Partial<Pick<SmartLinkClicksElement, SmartLinkClicksWritableProperty>>;

/** A number, or its decimal text: what a numeric attribute accepts. */
export type SmartLinkClicksNumeric = number | `${number}`;

/**
 * Props React sets as attributes (kebab-case, always `setAttribute`). The
 * flags take the text `'true'`/`'false'`: React removes an attribute whose
 * value is `false`, which would mean the default (`true`).
 */
export interface SmartLinkClicksAttributeProps {
  /** Attribute `link-id`: the smart link's id. */
  'link-id'?: string;
  /** Attribute `date-start`: first UTC day, `YYYY-MM-DD`. */
  'date-start'?: string;
  /** Attribute `date-end`: last UTC day, `YYYY-MM-DD`. */
  'date-end'?: string;
  /** Attribute `page-size`: rows per page, 1..=1000. */
  'page-size'?: SmartLinkClicksNumeric;
  /** Attribute `max-rows`: rows `Analyse all clicks` loads at most. */
  'max-rows'?: SmartLinkClicksNumeric;
  /** Attribute `include-bots`: `'true'` or `'false'` (text, see above). */
  'include-bots'?: 'true' | 'false';
  /** Attribute `include-duplicates`: `'true'` or `'false'` (text, see above). */
  'include-duplicates'?: 'true' | 'false';
  /** Attribute `time-zone`: the zone row times are shown in. */
  'time-zone'?: 'local' | 'utc';
}

/**
 * The element's events as React 19 props: `on` followed by the event's exact
 * name (`onslc-load` listens for `slc-load`; `onSlcLoad` would not).
 */
export interface SmartLinkClicksEventProps {
  /** `slc-load`: data is shown; `detail` is `{ filters, clicksTotal, rowCount }`. */
  'onslc-load'?: (event: SmartLinkClicksEventMap['slc-load']) => void;
  /** `slc-change`: the person changed a filter or the page; `detail` is `{ filters }`. */
  'onslc-change'?: (event: SmartLinkClicksEventMap['slc-change']) => void;
  /** `slc-error`: a request failed; `detail` is `{ status, message }` (status 0 for a network failure). */
  'onslc-error'?: (event: SmartLinkClicksEventMap['slc-error']) => void;
}

/** Everything `<smart-link-clicks>` accepts in TSX, `ref`, `className` and `style` included. */
export type SmartLinkClicksProps = DetailedHTMLProps<HTMLAttributes<SmartLinkClicksElement>, SmartLinkClicksElement> &
  SmartLinkClicksPropertyProps &
  SmartLinkClicksAttributeProps &
  SmartLinkClicksEventProps;

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      /** The clicks of one smart link, fetched through the host's proxy. */
      'smart-link-clicks': SmartLinkClicksProps;
    }
  }
}
