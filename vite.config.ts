import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import type { HtmlTagDescriptor, Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { eagerCommonJs } from './scripts/eagerCommonJs.ts';

/**
 * The page's entry (app/entry.ts) imports the app (app/main.tsx) instead of bundling it, so
 * that a long link's worker starts before the app is evaluated. The app is still fetched with
 * the page, not after the entry ran: its chunks are preloaded and its CSS linked from
 * index.html, as Vite does for the chunks of a static entry.
 */
function preloadApp(): Plugin {
  return {
    name: 'folioscope-preload-app',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const chunks = Object.values(ctx.bundle ?? {}).flatMap((c) => (c.type === 'chunk' ? [c] : []));
        const app = chunks.find((c) => c.facadeModuleId?.endsWith('/app/main.tsx') === true);
        if (app === undefined) throw new Error('preloadApp: no chunk for app/main.tsx');
        const byName = new Map(chunks.map((c) => [c.fileName, c]));
        const js = new Set<string>();
        const css = new Set<string>();
        const visit = (name: string): void => {
          const c = byName.get(name);
          // The page's own entry is its script tag already.
          if (c === undefined || c.isEntry || js.has(name)) return;
          js.add(name);
          for (const f of c.viteMetadata?.importedCss ?? []) css.add(f);
          c.imports.forEach(visit);
        };
        visit(app.fileName);
        const link = (rel: string, file: string): HtmlTagDescriptor => ({
          tag: 'link',
          attrs: { rel, crossorigin: true, href: `./${file}` },
          injectTo: 'head',
        });
        return [
          ...[...js].map((f) => link('modulepreload', f)),
          ...[...css].map((f) => link('stylesheet', f)),
        ];
      },
    },
  };
}

/**
 * Offline after the first visit (issue 9): Workbox precaches the whole build (the elkjs
 * worker included), serves index.html for every navigation (a share link is `/#s=…`: the
 * fragment never reaches a server) and waits for the user's Reload to take a new version
 * (registerType "prompt"; app/offline/). The registration is imported by main.tsx itself.
 */
const pwa = VitePWA({
  registerType: 'prompt',
  injectRegister: false,
  // globPatterns below already lists every icon: naming them again would precache them twice.
  includeManifestIcons: false,
  manifest: {
    name: 'Folioscope: guest_memfd explorer',
    short_name: 'Folioscope',
    description: 'Interactive explorer of Linux KVM guest_memfd memory',
    theme_color: '#1e293b',
    background_color: '#1e293b',
    display: 'standalone',
    start_url: './',
    scope: './',
    icons: [
      { src: 'icon-192.png', sizes: '192x192', type: 'image/png' },
      { src: 'icon-512.png', sizes: '512x512', type: 'image/png' },
      { src: 'icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
      { src: 'icon.svg', sizes: 'any', type: 'image/svg+xml' },
    ],
  },
  workbox: {
    globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
    navigateFallback: 'index.html',
    cleanupOutdatedCaches: true,
    // The elkjs layout worker is ~1.5 MB: above Workbox's 2 MiB default with room to grow.
    maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
  },
});

export default defineConfig({
  // Relative asset URLs so the built dist/ also works from a sub-path or file server.
  base: './',
  // No service worker in unit tests: they never build.
  plugins: process.env['VITEST'] === undefined ? [react(), pwa, preloadApp(), eagerCommonJs()] : [react()],
  server: { port: 5173 },
  preview: { port: 4173 },
  build: {
    outDir: 'dist',
    sourcemap: true,
    // core/ has no side effects at load (it is pure: lint bans DOM, timers and globals), so the
    // entry, which reaches the race explorer and the race tours only through core/index.ts's
    // re-exports and uses none of them, need not load them. They come with the lazily loaded
    // race workspace and the Tours menu's race items.
    rolldownOptions: {
      treeshake: { moduleSideEffects: (id: string) => !/[\\/]core[\\/]/.test(id) },
    },
  },
  test: {
    include: ['core/**/*.test.ts', 'app/**/*.test.ts', 'app/**/*.test.tsx', 'scripts/**/*.test.ts'],
    environment: 'node',
    // The suite must pass on a busy 2-core machine: heavy tests (property runs, CLI processes,
    // selftest replays) take 1-3 s on a quiet one, so 5 s is no margin. Speed is measured by
    // `npm run bench`, never by a test's timeout.
    testTimeout: 60_000,
  },
});
