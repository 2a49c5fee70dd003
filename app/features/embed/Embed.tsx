import './embed.css';
import { stepBack, stepForward } from '../../store/commands.ts';
import { useSim, useSimStore } from '../../store/context.tsx';
import { fullAppUrl } from '../../share/embed.ts';
import { LinkError } from '../../share/ShareLink.tsx';
import { fragmentOf } from '../../share/urlSync.ts';
import { FileView } from '../folio-tree/FileView.tsx';
import { CompactLegend } from './CompactLegend.tsx';
import { EmbedOutcome } from './EmbedOutcome.tsx';
import { StepDiagram } from './StepDiagram.tsx';

/**
 * Embed mode: the folio tree with a legend of what it shows, the step's outcome and note, and
 * the edge of the state diagram it took; step back and forward, and a link to the full app.
 * Read-only. The layout (embed.css) fits 800x450 and 640x360 frames without clipping; the
 * diagram is the first to give way in a smaller frame.
 */
export function Embed() {
  const store = useSimStore();
  const title = useSim((s) => s.doc.scenario.title);
  const cursor = useSim((s) => s.doc.cursor);
  const total = useSim((s) => s.doc.scenario.steps.length);
  const failed = useSim((s) => s.ui.linkError !== null);
  const current = useSim(fragmentOf);
  // A link that failed: the full app is sent the same link (and says the same), never what
  // the embed shows instead.
  const fragment = failed ? window.location.hash : current;
  const href = fullAppUrl(window.location.origin, window.location.pathname, window.location.search, fragment);
  return (
    <div className="embed">
      <header className="embed-bar">
        <p className="embed-title">
          <bdi>{title ?? 'Untitled scenario'}</bdi>
        </p>
        <div className="embed-steps" role="group" aria-label="Steps">
          <button type="button" disabled={cursor === 0} onClick={() => stepBack(store)}>
            Step back
          </button>
          <span className="embed-step">{`step ${cursor} of ${total}`}</span>
          <button type="button" disabled={cursor >= total} onClick={() => stepForward(store)}>
            Step forward
          </button>
        </div>
        <a href={href} target="_blank" rel="noopener">
          Open in Folioscope
        </a>
        <LinkError />
      </header>
      <main className="embed-main">
        <div className="embed-tree">
          <FileView compact />
        </div>
        <CompactLegend />
        <EmbedOutcome />
        <StepDiagram />
      </main>
    </div>
  );
}
