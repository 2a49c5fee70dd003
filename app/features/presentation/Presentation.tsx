import { useEffect, useState } from 'react';
import { jumpTo, setPresenting, stepBack, stepForward } from '../../store/commands.ts';
import { useSim, useSimStore } from '../../store/context.tsx';
import { fragmentOf } from '../../share/urlSync.ts';
import { FileView } from '../folio-tree/FileView.tsx';
import { Narration } from '../tours/Narration.tsx';
import { presenterAction } from './keys.ts';

/** Presentation mode: the file and the narration in large type, driven by a clicker. */
export function Presentation() {
  const store = useSimStore();
  const [blank, setBlank] = useState(false);
  const title = useSim((s) => s.doc.scenario.title);
  const cursor = useSim((s) => s.doc.cursor);
  const total = useSim((s) => s.doc.scenario.steps.length);
  const fragment = useSim(fragmentOf);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const a = presenterAction(e);
      if (a === undefined) return;
      e.preventDefault();
      e.stopPropagation();
      if (a === 'next') stepForward(store);
      else if (a === 'previous') stepBack(store);
      else if (a === 'first') jumpTo(store, 0);
      else if (a === 'last') jumpTo(store, store.getState().doc.scenario.steps.length);
      else if (a === 'blank') setBlank((b) => !b);
      else setPresenting(store, false);
    };
    // Capture: the clicker's keys win over the folio tree's and the app's shortcuts.
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [store]);
  const url = `${window.location.origin}${window.location.pathname}${fragment}`;
  return (
    <div className="presentation">
      <header className="presentation-bar">
        <h1>Folioscope</h1>
        <p className="presentation-title">
          <bdi>{title ?? 'Untitled scenario'}</bdi>
        </p>
        <p className="presentation-step">{`step ${cursor} of ${total}`}</p>
        <button type="button" aria-keyshortcuts="Escape" onClick={() => setPresenting(store, false)}>
          Exit presentation
        </button>
      </header>
      <main className="presentation-main">
        <Narration />
        <FileView />
        <p className="presentation-link">
          Link to this step:{' '}
          <a href={fragment} aria-label="Link to this step">
            {url}
          </a>
        </p>
      </main>
      {blank && (
        <div className="presentation-blank" role="status">
          Screen blanked: press . to show it again
        </div>
      )}
    </div>
  );
}
