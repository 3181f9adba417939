// Never imported or rendered: usages the element's types must reject. Each
// `@ts-expect-error` fails `tsc --noEmit` if its line type-checks, so this
// file proves the JSX types are real (not `any`).
import type { SmartLinkClicksElement } from 'smart-link-clicks';
import type {} from 'smart-link-clicks/react';

export function Rejected({ element }: { element: SmartLinkClicksElement }) {
  // @ts-expect-error `filters` is read-only
  element.filters = null;
  return (
    <>
      {/* @ts-expect-error `pageSize` is a number */}
      <smart-link-clicks pageSize="many" />
      {/* @ts-expect-error the detail of slc-load is not a string */}
      <smart-link-clicks onslc-load={(event: CustomEvent<string>) => event.detail.trim()} />
      {/* @ts-expect-error React 19 listens for the exact name: `onslc-load`, not `onSlcLoad` */}
      <smart-link-clicks onSlcLoad={() => {}} />
      {/* @ts-expect-error `filters` is not a prop (read-only) */}
      <smart-link-clicks filters={null} />
      {/* @ts-expect-error a flag attribute takes the text 'false' (React removes a `false` attribute) */}
      <smart-link-clicks include-bots={false} />
      {/* @ts-expect-error `theme` is light, dark or auto */}
      <smart-link-clicks theme="blue" />
    </>
  );
}
