import { StrictMode, startTransition } from 'react';
import { createRoot } from 'react-dom/client';
import { createAnimator } from './animation/animator.ts';
import { rafClock } from './animation/clock.ts';
import { createPlayer } from './animation/player.ts';
import { AnimationProvider } from './animation/context.tsx';
import { App } from './App.tsx';
import { applyTheme, browserTheme } from './features/themes/themeChoice.ts';
import { isEmbedUrl } from './share/embed.ts';
import { isSpeakerUrl } from './features/presentation/stageSync.ts';
import { AUTOSAVE_KEY, resolveOpening } from './share/boot.ts';
import { readHash } from './share/hash.ts';
import { toursFor } from './share/tourLoader.ts';
import { openAtStart } from './share/openAtStart.ts';
import { raceLinkIn } from './features/race/raceHash.ts';
import { warmUp } from './features/folio-tree/warmUp.ts';
import { Replaying } from './share/Replaying.tsx';
import { startUrlSync } from './share/urlSync.ts';
import { setLinkError } from './store/commands.ts';
import { openInTab } from './share/openInTab.ts';
import { SimProvider } from './store/context.tsx';
import { afterInputRests } from './offline/afterInputRests.ts';
import type { SimStore } from './store/store.ts';
import './styles.css';

const container = document.getElementById('root');
if (!container) {
  throw new Error('Folioscope: #root element missing from index.html');
}

function autosaved(): string | null {
  try {
    return window.localStorage.getItem(AUTOSAVE_KEY);
  } catch {
    return null;
  }
}

/** The theme a link carries (`&theme=dark`), shown without becoming the viewer's choice. */
const linkTheme = (hash: string): 'dark' | 'projector' | undefined => {
  const t = readHash(hash)?.params.get('theme');
  return t === 'dark' || t === 'projector' ? t : undefined;
};

// The app's script is evaluated (the entry's mark is its start): the perf spec's record.
performance.mark('folioscope:app');
applyTheme(linkTheme(window.location.hash) ?? browserTheme(), false);
// Embed mode is read-only: it neither rewrites the address nor touches the autosave, and it
// never shows the viewer's own work.
const embed = isEmbedUrl(window.location.search, window.location.hash);
// The speaker view follows the audience window: the address and the autosave stay that window's.
const speaker = isSpeakerUrl(window.location.search);
const root = createRoot(container);

/** Wires the store to the page and renders the app. */
function start(store: SimStore): void {
  const clock = rafClock(window);
  const animator = createAnimator(store, clock);
  createPlayer(store, clock);
  if (!embed && !speaker) startUrlSync(store, window);
  // A link pasted into the address bar of an open tab: load it (undoable, like a new
  // scenario); a bad one keeps what is open and says why.
  let links = 0;
  window.addEventListener('hashchange', async () => {
    // A race link: the race workspace opens it (its route follows the address).
    if (raceLinkIn(window.location.hash) !== null)
      return void window.dispatchEvent(new PopStateEvent('popstate'));
    const hash = window.location.hash;
    const mine = ++links;
    await toursFor(hash);
    // Another link came while the tours loaded: that one is opened by its own event. (The
    // address itself may have moved meanwhile: the URL sync rewrites it, with no event.)
    if (mine !== links) return;
    const o = resolveOpening(hash, null, () => store.getState().doc.scenario);
    if (o.error !== undefined)
      setLinkError(
        store,
        o.error.replace(/ The default scenario is shown instead\.$/, ' What was open is kept.'),
      );
    else if (o.scenario !== store.getState().doc.scenario) {
      if (o.view?.theme !== undefined) applyTheme(o.view.theme, false);
      void openInTab(store, o);
    }
  });
  // A transition: React renders the app in slices of a few milliseconds, yielding to input
  // between them, instead of one task of 50-80 ms (a long link's first render, measured in a
  // trace); what was shown before (the replay's progress) stays until the app is ready.
  startTransition(() =>
    root.render(
      <StrictMode>
        <SimProvider store={store}>
          <AnimationProvider animator={animator}>
            <App embed={embed} speaker={speaker} />
          </AnimationProvider>
        </SimProvider>
      </StrictMode>,
    ),
  );
}

// A race link opens the race workspace: the file view opens what it would with no link.
const bootHash = raceLinkIn(window.location.hash) === null ? window.location.hash : '';
void openAtStart(bootHash, embed || speaker ? null : autosaved(), (p) =>
  root.render(<Replaying done={p.done} total={p.total} onCancel={p.cancel} />),
)
  .then(async (store) => {
    // The opening's phases, for the perf spec's record (e2e/history.perf.spec.ts).
    performance.mark('folioscope:replayed');
    await warmUp(store);
    performance.mark('folioscope:views');
    return store;
  })
  .then(start)
  .finally(() => {
    if (import.meta.env.PROD && 'serviceWorker' in navigator) afterInputRests(window, registerWorker);
  });

// Offline after the first visit: the service worker is registered once the app is shown and
// the user's input has rested for two seconds (afterInputRests.ts), and its code stays out of
// the initial bundle. Registering it on the page's load event put a 25-45 ms task (Workbox's
// evaluation and the registration) in the middle of a long link's opening; at the first idle
// moment after it, the install landed in the seeks that follow. Not in development: Vite
// serves modules itself.
const registerWorker = (): void =>
  void import('./offline/register.ts').then((m) => m.registerServiceWorker());
