// Loader of the embeddable <smart-link-clicks> element: one script tag,
//   <script type="module" src="https://cdn.example/smart-link-clicks.js"></script>
// The wasm glue finds its .wasm beside itself (import.meta.url), so the files
// may live on any origin.
import init from './slc-core.js';

init().catch((error) => {
  console.error('smart-link-clicks: the widget could not start', error);
});
