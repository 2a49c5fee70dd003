/**
 * Registers the precaching service worker (vite-plugin-pwa, Workbox): after one visit the
 * app, its chunks and its icons open without a network, share links included (the fragment
 * never reaches a server). A new version never reloads by itself: it waits for the user's
 * Reload (UpdatePrompt.tsx), so no work is lost mid-step. Loaded lazily by main.tsx, outside
 * the initial bundle; the dev server has no service worker (the plugin's dev mode is off).
 */
import { registerSW } from 'virtual:pwa-register';
import { updateReady } from './updates.ts';

export function registerServiceWorker(): void {
  const update = registerSW({
    onNeedRefresh: () => updateReady(() => void update(true)),
  });
}
