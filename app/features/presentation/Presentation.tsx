import './stage.css';
import { useCallback, useEffect, useState, type CSSProperties } from 'react';
import { jumpTo, setPresenting, stepBack, stepForward } from '../../store/commands.ts';
import { useSim, useSimStore } from '../../store/context.tsx';
import { fragmentOf } from '../../share/urlSync.ts';
import { CompactLegend } from '../embed/CompactLegend.tsx';
import { FileView } from '../folio-tree/FileView.tsx';
import { PictureScaleContext } from '../folio-tree/pictureScale.ts';
import { audienceLink } from './audienceLink.ts';
import { presenterAction } from './keys.ts';
import { selectTourName } from '../tours/useTourFocus.ts';
import { StageDiagram } from './StageDiagram.tsx';
import { StageNarration } from './StageNarration.tsx';
import { StageOutcome } from './StageOutcome.tsx';
import { speakerUrl, startBrowserStageSync } from './stageSync.ts';
import { useStageUnit } from './stageUnit.ts';

/**
 * The folio tree's 12-unit labels drawn at 16 units, so no text on the stage is smaller; a
 * quarter unit more, because the browser snaps the drawing's box to whole pixels.
 */
const PICTURE_K = 16.25 / 12;

/**
 * Presentation mode: one 16:9 stage for a projector, driven by a clicker. Everything on it
 * (narration, folio tree and lanes, the step's edge in the state diagram, the outcome) scales
 * with the screen; a speaker view in a second window can drive it.
 */
export function Presentation() {
  const store = useSimStore();
  const [blank, setBlank] = useState(false);
  const [blocked, setBlocked] = useState(false);
  const title = useSim((s) => s.doc.scenario.title);
  const cursor = useSim((s) => s.doc.cursor);
  const total = useSim((s) => s.doc.scenario.steps.length);
  const fragment = useSim(fragmentOf);
  const touring = useSim(selectTourName) !== null;
  const u = useStageUnit();
  useEffect(() => startBrowserStageSync(store, 'audience'), [store]);
  const openSpeaker = useCallback(() => {
    const url = speakerUrl(window.location.origin, window.location.pathname, fragmentOf(store.getState()));
    setBlocked(window.open(url, 'folioscope-speaker', 'popup=yes,width=1280,height=800') === null);
  }, [store]);
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
      else if (a === 'speaker') openSpeaker();
      else setPresenting(store, false);
    };
    // Capture: the clicker's keys win over the folio tree's and the app's shortcuts.
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [store, openSpeaker]);
  const link = audienceLink(window.location.href, fragment);
  return (
    <div className="presentation" style={{ '--u': `${u}px` } as CSSProperties}>
      <div className="stage">
        <header className="stage-bar">
          <h1>Folioscope</h1>
          <p className="stage-title">
            <bdi>{title ?? 'Untitled scenario'}</bdi>
          </p>
          <p className="stage-step">{`step ${cursor} of ${total}`}</p>
          {/* In the bar, not under the note: the picture keeps its room on the last step. */}
          {touring && cursor >= total && <p className="stage-end">End of the tour</p>}
          <button type="button" aria-keyshortcuts="s" onClick={openSpeaker}>
            Speaker view
          </button>
          <button type="button" aria-keyshortcuts="Escape" onClick={() => setPresenting(store, false)}>
            Exit presentation
          </button>
        </header>
        {blocked && (
          <p role="alert" className="stage-alert">
            The browser blocked the speaker window: allow pop-ups for this site, then press s again.
          </p>
        )}
        <StageNarration />
        <PictureScaleContext.Provider value={{ k: u * PICTURE_K, stage: true }}>
          <FileView />
        </PictureScaleContext.Provider>
        {/* What the colours and stripes in this picture mean: only those it shows. */}
        <CompactLegend />
        <div className="stage-bottom">
          <StageDiagram />
          <StageOutcome />
        </div>
        {link !== undefined && (
          <p className="stage-link">
            Link to this step:{' '}
            <a href={fragment} aria-label="Link to this step">
              {link}
            </a>
          </p>
        )}
      </div>
      {blank && (
        // All black for the room; the hint is for whoever drives it with a screen reader.
        <div className="presentation-blank" role="status">
          <span className="sr-only">Screen blanked: press . to show it again</span>
        </div>
      )}
    </div>
  );
}
