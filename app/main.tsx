import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createAnimator } from './animation/animator.ts';
import { rafClock } from './animation/clock.ts';
import { AnimationProvider } from './animation/context.tsx';
import { App } from './App.tsx';
import { initialScenario } from './initialScenario.ts';
import { loadFragment } from './share/link.ts';
import { openScenario } from './store/commands.ts';
import { SimProvider } from './store/context.tsx';
import { createSimStore, type SimStore } from './store/store.ts';
import './styles.css';

const container = document.getElementById('root');
if (!container) {
  throw new Error('Folioscope: #root element missing from index.html');
}

/** Opens the scenario of the URL fragment (#s=<link>&step=N), or the default one. */
function boot(): SimStore {
  const load = loadFragment(window.location.hash, initialScenario);
  if (load === null) return createSimStore(initialScenario());
  try {
    return createSimStore(load.scenario, { ...(load.cursor === undefined ? {} : { cursor: load.cursor }), ...(load.error === undefined ? {} : { linkError: load.error }) });
  } catch (e) {
    // A bug in replaying the link must not leave a blank page: say so, open the default.
    return createSimStore(initialScenario(), { linkError: `This link could not be opened: replaying it failed (${e instanceof Error ? e.message : String(e)}). The default scenario is shown instead.` });
  }
}

const store = boot();
const animator = createAnimator(store, rafClock(window));

// A link pasted into the address bar of an open tab: load it (undoable, like a new scenario).
window.addEventListener('hashchange', () => {
  const load = loadFragment(window.location.hash, initialScenario);
  if (load === null) return;
  if (load.error !== undefined) store.setState((s) => ({ ui: { ...s.ui, linkError: load.error ?? null } }));
  else openScenario(store, load.scenario, load.cursor);
});

createRoot(container).render(
  <StrictMode>
    <SimProvider store={store}>
      <AnimationProvider animator={animator}>
        <App />
      </AnimationProvider>
    </SimProvider>
  </StrictMode>,
);
