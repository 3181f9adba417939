// The element's module defines <smart-link-clicks> when imported.
import 'smart-link-clicks';
import { createApp } from 'vue';
import App from './App.vue';

createApp(App).mount('#app');
