/**
 * Registers the precaching service worker (vite-plugin-pwa, Workbox): after one visit the
 * app, its chunks and its icons open without a network, share links included (the fragment
 * never reaches a server). A new version never reloads by itself: it waits for the user's
 * Reload (UpdatePrompt.tsx), so no work is lost mid-step. Loaded lazily by main.tsx, outside
 * the initial bundle; the dev server has no service worker (the plugin's dev mode is off).
 */
import { registerSW } from 'virtual:pwa-register';
import { updateReady } from './updates.ts';

/** A tab left open all day (a conference booth) still hears of a new version. */
const CHECK_EVERY_MS = 60 * 60 * 1000;

const reload = (): void => window.location.reload();

/** How often, and how many times, Reload asks the waiting version to take over. */
const ASK_EVERY_MS = 500;
const ASK_TIMES = 20;

/**
 * Activates the waiting version and reloads once it controls the page. Done by hand, not by
 * workbox-window's update(): that one reloads only for a worker it saw installed itself, not
 * for one found by a later check. Chromium may drop a skipWaiting() made while the old worker
 * still finishes an event (seen in e2e/offline.spec.ts), so the request is repeated until the
 * new version is active; after ten seconds the page reloads anyway, without the stuck
 * worker (giveUp). A page no worker controls (the first visit) just reloads.
 */
async function activateWaiting(): Promise<void> {
  const waiting = (await navigator.serviceWorker.getRegistration())?.waiting ?? null;
  if (waiting === null || navigator.serviceWorker.controller === null) return reload();
  navigator.serviceWorker.addEventListener('controllerchange', reload, { once: true });
  let asked = 0;
  // The ten-second reload holds whatever state the worker reaches: an activation that stalls
  // (the old worker still busy) must not leave the user clicking a Reload that does nothing.
  const ask = (): void => {
    if (asked++ === ASK_TIMES) return void giveUp();
    if (waiting.state === 'installed')
      // A service worker's postMessage has no target origin (it is same-origin by definition).
      // oxlint-disable-next-line unicorn/require-post-message-target-origin
      waiting.postMessage({ type: 'SKIP_WAITING' });
    setTimeout(ask, ASK_EVERY_MS);
  };
  ask();
}

/**
 * The last resort of a stalled update: a worker stuck activating holds every navigation of its
 * scope, the reload too (seen in e2e/offline.spec.ts: the reload's request never answered). An
 * unregistered worker no longer answers navigations, so the reload reaches the network; the
 * next visit registers and precaches the new version. The reload goes ahead after two seconds
 * even if unregistering does not settle.
 */
async function giveUp(): Promise<void> {
  const registration = await navigator.serviceWorker.getRegistration();
  await Promise.race([registration?.unregister(), new Promise((r) => setTimeout(r, 2_000))]);
  reload();
}

export function registerServiceWorker(): void {
  registerSW({
    onNeedRefresh: () => updateReady(() => void activateWaiting()),
    onRegisteredSW: (_url, registration) => {
      if (registration !== undefined) setInterval(() => void registration.update(), CHECK_EVERY_MS);
    },
  });
}
