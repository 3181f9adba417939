import { useRef, useState } from 'react';
import type { SmartLinkClicksElement, SmartLinkClicksFilters } from 'smart-link-clicks';
// The element in React 19 JSX: props, `on…` events and `ref` typed.
import type {} from 'smart-link-clicks/react';

// The test page passes the mock proxy's URL: ?proxy=http://127.0.0.1:PORT
const query = new URLSearchParams(location.search);
const proxy = query.get('proxy') ?? '/';
const linkId = query.get('link-id') ?? 'demo';

export function App() {
  const widget = useRef<SmartLinkClicksElement>(null);
  const [loads, setLoads] = useState(0);
  const [clicksTotal, setClicksTotal] = useState<number | null>(null);
  const [changedPage, setChangedPage] = useState<number | null>(null);
  const [lastFilters, setLastFilters] = useState<SmartLinkClicksFilters | null>(null);
  const [readFilters, setReadFilters] = useState('');

  // Props forwarded as a loose bag, as a wrapper component's `...rest` is:
  // React 19 sets `filters` on the element as a property. The element's
  // `filters` is read-only and ignores the value instead of throwing (a
  // throw here would unmount this whole app).
  const forwarded: Record<string, unknown> = { filters: lastFilters };

  return (
    <main>
      <h1>Smart link clicks (React {'19'})</h1>
      <p>
        slc-load heard <output id="app-loads">{loads}</output> times, clicks total{' '}
        <output id="app-clicks-total">{clicksTotal ?? ''}</output>; slc-change to page{' '}
        <output id="app-change-page">{changedPage ?? ''}</output>
      </p>
      <p>
        <button type="button" onClick={() => setReadFilters(JSON.stringify(widget.current?.filters ?? null))}>
          Read filters
        </button>{' '}
        <output id="app-filters">{readFilters}</output>
      </p>
      <smart-link-clicks
        ref={widget}
        proxy={proxy}
        linkId={linkId}
        pageSize={25}
        includeBots={true}
        theme="light"
        headers={{ 'X-Dashboard-Session': 'react-app' }}
        onslc-load={(event) => {
          setLoads((n) => n + 1);
          setClicksTotal(event.detail.clicksTotal);
        }}
        onslc-change={(event) => {
          setChangedPage(event.detail.filters.page);
          setLastFilters(event.detail.filters);
        }}
        {...forwarded}
      />
    </main>
  );
}
