import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createAnimator } from './animation/animator.ts';
import { rafClock } from './animation/clock.ts';
import { AnimationProvider } from './animation/context.tsx';
import { App } from './App.tsx';
import { applyTheme, browserTheme } from './features/themes/themeChoice.ts';
import { isEmbedUrl } from './share/embed.ts';
import { initialScenario } from './initialScenario.ts';
import { AUTOSAVE_KEY, readAutosave, resolveOpening, type Opening } from './share/boot.ts';
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

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** The store for an opening (throws if replaying it fails: a bug, caught by boot). */
const storeFor = (o: Opening, linkError?: string): SimStore =>
  createSimStore(o.scenario, {
    ...(o.cursor === undefined ? {} : { cursor: o.cursor }),
    ...(linkError === undefined ? {} : { linkError }),
    ...(o.tour === undefined ? {} : { tour: o.tour }),
    ...(o.autosave === undefined ? {} : { autosave: o.autosave }),
  });

/**
 * Opens the fragment (#s=<link>&step=N, #tour=NAME&step=N), else the autosave, else the
 * default. An embed never reads the viewer's autosave. If replaying the opening fails (a
 * bug), the autosave is opened instead, then the default; the stored work is never replaced.
 */
function boot(embed: boolean): SimStore {
  const saved = embed ? null : autosaved();
  const o = resolveOpening(window.location.hash, saved, initialScenario);
  try {
    return storeFor(o, o.error);
  } catch (e) {
    const auto = readAutosave(saved);
    const what = `This link could not be opened: replaying it failed (${message(e)}).`;
    if (auto !== null && auto.scenario !== o.scenario)
      try {
        return storeFor(
          { ...auto, ...(o.autosave === undefined ? {} : { autosave: o.autosave }) },
          `${what} Your autosaved work is shown instead (it was not changed).`,
        );
      } catch {
        // The autosave fails too: fall through to the default, still without writing over it.
      }
    return storeFor(
      { scenario: initialScenario(), autosave: { status: 'kept', message: null, restorable: saved } },
      `${what} The default scenario is shown instead; your autosaved work was not changed.`,
    );
  }
}

applyTheme(browserTheme(), false);
// Embed mode is read-only: it neither rewrites the address nor touches the autosave.
const embed = isEmbedUrl(window.location.search, window.location.hash);
const store = boot(embed);
const animator = createAnimator(store, rafClock(window));
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
