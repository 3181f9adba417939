// Vue 3 template types for <smart-link-clicks>, published as `smart-link-clicks/vue`.
// Opt in with `import type {} from 'smart-link-clicks/vue';` (or list
// "smart-link-clicks/vue" in tsconfig `types`); vue-tsc then checks the
// element's bindings and `@slc-…` handlers. Tell Vue's compiler the tag is a
// custom element (`compilerOptions.isCustomElement`) as well: that option is
// for the runtime, this file for the type checker.
import type { EmitFn, HTMLAttributes, PublicProps } from 'vue';
import type { SmartLinkClicksElement, SmartLinkClicksEventMap, SmartLinkClicksWritableProperty } from './smart-link-clicks.js';

/**
 * What a template may bind on the element. Vue's checker reads `link-id` as
 * `linkId`, `:page-size` as `pageSize`, so both spellings are checked; a
 * number needs a binding (`:page-size="50"`), not the text `page-size="50"`.
 * `filters` is read-only and left out.
 */
export type SmartLinkClicksVueProps = HTMLAttributes &
  Partial<Pick<SmartLinkClicksElement, SmartLinkClicksWritableProperty>> &
  PublicProps;

/** The element's events, for `@slc-load`, `@slc-change` and `@slc-error`. */
export type SmartLinkClicksVueEvents = {
  [K in 'slc-load' | 'slc-change' | 'slc-error']: (event: SmartLinkClicksEventMap[K]) => void;
};

/** The element as Vue's checker sees it: the element itself, plus the props and events above. */
export type SmartLinkClicksVueComponent = new () => SmartLinkClicksElement & {
  /** For template type checking only; not on the element. */
  $props: SmartLinkClicksVueProps;
  /** For template type checking only; not on the element. */
  $emit: EmitFn<SmartLinkClicksVueEvents>;
};

declare module 'vue' {
  interface GlobalComponents {
    /** The clicks of one smart link, fetched through the host's proxy. */
    'smart-link-clicks': SmartLinkClicksVueComponent;
  }
}
