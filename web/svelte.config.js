import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    // A single-page app: the relay serves index.html for every route it does not know.
    adapter: adapter({ fallback: 'index.html', strict: true }),
    // The service worker is built and registered by @vite-pwa/sveltekit (Workbox injectManifest).
    serviceWorker: { register: false },
    // Its own folder, with a WebWorker tsconfig.
    files: { serviceWorker: 'src/sw/service-worker' },
  },
};

export default config;
