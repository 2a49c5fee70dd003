import { stepBack, stepForward } from '../../store/commands.ts';
import { useSim, useSimStore } from '../../store/context.tsx';
import { fullAppUrl } from '../../share/embed.ts';
import { fragmentOf } from '../../share/urlSync.ts';
import { FileView } from '../folio-tree/FileView.tsx';

/** Embed mode: the folio tree, step back and forward, and a link to the full app. Read-only. */
export function Embed() {
  const store = useSimStore();
  const title = useSim((s) => s.doc.scenario.title);
  const cursor = useSim((s) => s.doc.cursor);
  const total = useSim((s) => s.doc.scenario.steps.length);
  const fragment = useSim(fragmentOf);
  const href = fullAppUrl(window.location.origin, window.location.pathname, window.location.search, fragment);
  return (
    <div className="embed">
      <header className="embed-bar">
        <p className="embed-title">{title ?? 'Untitled scenario'}</p>
        <button type="button" disabled={cursor === 0} onClick={() => stepBack(store)}>
          Step back
        </button>
        <span className="embed-step">{`step ${cursor} of ${total}`}</span>
        <button type="button" disabled={cursor >= total} onClick={() => stepForward(store)}>
          Step forward
        </button>
        <a href={href} target="_blank" rel="noopener">
          Open in Folioscope
        </a>
      </header>
      <main className="embed-main">
        <FileView />
      </main>
    </div>
  );
}
