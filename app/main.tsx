import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createAnimator } from './animation/animator.ts';
import { rafClock } from './animation/clock.ts';
import { createPlayer } from './animation/player.ts';
import { AnimationProvider } from './animation/context.tsx';
import { App } from './App.tsx';
import { applyTheme, browserTheme } from './features/themes/themeChoice.ts';
import { isEmbedUrl } from './share/embed.ts';
import { initialScenario } from './initialScenario.ts';
import { AUTOSAVE_KEY, resolveOpening } from './share/boot.ts';
import { startUrlSync } from './share/urlSync.ts';
import { openScenario, playTour, setLinkError } from './store/commands.ts';
import { SimProvider } from './store/context.tsx';
import { createSimStore, type SimStore } from './store/store.ts';
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

/** Opens the fragment (#s=<link>&step=N, #tour=NAME&step=N), else the autosave, else the default. */
function boot(): SimStore {
  const o = resolveOpening(window.location.hash, autosaved(), initialScenario);
  try {
    return createSimStore(o.scenario, {
      ...(o.cursor === undefined ? {} : { cursor: o.cursor }),
      ...(o.error === undefined ? {} : { linkError: o.error }),
      ...(o.tour === undefined ? {} : { tour: o.tour }),
    });
  } catch (e) {
    // A bug in replaying the link must not leave a blank page: say so, open the default.
    return createSimStore(initialScenario(), {
      linkError: `This link could not be opened: replaying it failed (${e instanceof Error ? e.message : String(e)}). The default scenario is shown instead.`,
    });
  }
}

applyTheme(browserTheme(), false);
// Embed mode is read-only: it neither rewrites the address nor touches the autosave.
const embed = isEmbedUrl(window.location.search, window.location.hash);
const store = boot();
const clock = rafClock(window);
const animator = createAnimator(store, clock);
createPlayer(store, clock);
if (!embed) startUrlSync(store, window);

// A link pasted into the address bar of an open tab: load it (undoable, like a new scenario);
// a bad one keeps what is open and says why.
window.addEventListener('hashchange', () => {
  const o = resolveOpening(window.location.hash, null, () => store.getState().doc.scenario);
  if (o.error !== undefined)
    setLinkError(
      store,
      o.error.replace(/ The default scenario is shown instead\.$/, ' What was open is kept.'),
    );
  else if (o.tour !== undefined) playTour(store, o.tour, o.scenario, o.cursor);
  else if (o.scenario !== store.getState().doc.scenario) openScenario(store, o.scenario, o.cursor);
});

createRoot(container).render(
  <StrictMode>
    <SimProvider store={store}>
      <AnimationProvider animator={animator}>
        <App embed={embed} />
      </AnimationProvider>
    </SimProvider>
  </StrictMode>,
);
