import { sveltekit } from '@sveltejs/kit/vite';
import { SvelteKitPWA } from '@vite-pwa/sveltekit';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [
    sveltekit(),
    SvelteKitPWA({
      strategies: 'injectManifest',
      srcDir: 'src/sw',
      filename: 'service-worker.ts',
      registerType: 'prompt',
      injectRegister: false,
      // Absolute, so a deep route (/doc/…) registers /service-worker.js, not /doc/service-worker.js.
      base: '/',
      scope: '/',
      manifest: {
        name: 'Опора',
        short_name: 'Опора',
        description: 'Поддержка школ с низкими образовательными результатами',
        lang: 'ru',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        background_color: '#ffffff',
        theme_color: '#1d4e89',
        // Appear in Android's share sheet for transfer files: the service worker takes the POST
        // (web/src/lib/transfer/share-target.ts: SHARE_TARGET_PATH, SHARE_FILE_FIELD).
        share_target: {
          action: '/share-target',
          method: 'POST',
          enctype: 'multipart/form-data',
          params: {
            files: [
              {
                name: 'file',
                accept: ['.opora', 'application/vnd.opora.transfer', 'application/octet-stream'],
              },
            ],
          },
        },
        icons: [
          { src: '/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icon-512.png', sizes: '512x512', type: 'image/png' },
          {
            src: '/icon-maskable-512.png',
            sizes: '512x512',
            type: 'image/png',
            purpose: 'maskable',
          },
        ],
      },
      injectManifest: {
        globPatterns: ['client/**/*.{js,css,ico,png,svg,webp,webmanifest}'],
      },
      kit: { spa: true, adapterFallback: 'index.html' },
    }),
  ],
});
