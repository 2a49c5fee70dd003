import { Following } from './animation/Following.tsx';
import { FileView } from './features/folio-tree/FileView.tsx';
import { Inspector } from './features/inspector/Inspector.tsx';
import { Invariants } from './features/invariants/Invariants.tsx';
import { NewScenario } from './features/new-scenario/NewScenario.tsx';
import { ScenarioInfo } from './features/new-scenario/ScenarioInfo.tsx';
import { OpPalette } from './features/op-palette/OpPalette.tsx';
import { StepNotice } from './features/op-palette/StepNotice.tsx';
import { StateDiagram } from './features/state-diagram/StateDiagram.tsx';
import { Timeline } from './features/timeline/Timeline.tsx';
import { FileActions } from './features/files/FileActions.tsx';
import { Presentation } from './features/presentation/Presentation.tsx';
import { SpeakerView } from './features/presentation/SpeakerView.tsx';
import { Narration } from './features/tours/Narration.tsx';
import { ToursMenu } from './features/tours/ToursMenu.tsx';
import { Embed } from './features/embed/Embed.tsx';
import { EmbedAction } from './features/embed/EmbedAction.tsx';
import { ThemeSwitch } from './features/themes/ThemeSwitch.tsx';
import { ImageExport } from './features/files/ImageExport.tsx';
import { Help } from './keyboard/HelpDialog.tsx';
import { SkipToTree } from './keyboard/SkipToTree.tsx';
import { FirstMinutes } from './features/welcome/FirstMinutes.tsx';
import { useShortcuts } from './keyboard/useShortcuts.ts';
import { LinkError, ShareLink } from './share/ShareLink.tsx';
import { UpdatePrompt } from './offline/UpdatePrompt.tsx';
import { setPresenting } from './store/commands.ts';
import { useSim, useSimStore } from './store/context.tsx';
import { lazy, Suspense, useEffect, useRef } from 'react';
import { useRaceRoute } from './features/race/route.ts';

// The race workspace stays out of the initial bundle: loaded when opened.
const RaceWorkspace = lazy(() =>
  import('./features/race/RaceWorkspace.tsx').then((m) => ({ default: m.RaceWorkspace })),
);

/** Layout only: every panel reads the simulation store it needs from context. */
export function App({ embed = false, speaker = false }: { embed?: boolean; speaker?: boolean }) {
  if (speaker) return <SpeakerView />;
  return embed ? <Embed /> : <Routes />;
}

/** The file view, or the race workspace when the address asks for it (`?race`, `?race=a`). */
function Routes() {
  const { route, go, mark } = useRaceRoute();
  if (route === null) return <FullApp onRaces={() => go('')} />;
  return (
    <Suspense fallback={<p role="status">Loading the race explorer…</p>}>
      <RaceWorkspace initial={route} onClose={() => go(null)} onPreset={mark} />
    </Suspense>
  );
}

function FullApp({ onRaces }: { onRaces: () => void }) {
  useShortcuts();
  const store = useSimStore();
  const presenting = useSim((s) => s.ui.presenting);
  const present = useRef<HTMLButtonElement>(null);
  const wasPresenting = useRef(presenting);
  // Back from the stage, the focus returns to the button that went there (not the page's body).
  useEffect(() => {
    if (wasPresenting.current && !presenting) present.current?.focus();
    wasPresenting.current = presenting;
  }, [presenting]);
  if (presenting) return <Presentation />;
  return (
    <>
      <header className="app-header">
        <SkipToTree />
        <h1>Folioscope</h1>
        <ScenarioInfo />
        {/* Grouped so a newcomer can parse it: start here, files, sharing, view; Help apart. */}
        <div className="header-group start" role="group" aria-label="Start">
          <ToursMenu />
          <NewScenario />
          <button
            type="button"
            onClick={onRaces}
            title="Race explorer: schedule two or three CPUs by hand, or explore every interleaving"
          >
            Races
          </button>
        </div>
        <div className="header-group" role="group" aria-label="File">
          <FileActions />
          <ImageExport />
        </div>
        <div className="header-group" role="group" aria-label="Share">
          <ShareLink />
          <EmbedAction />
        </div>
        <div className="header-group" role="group" aria-label="View">
          <ThemeSwitch />
          <button
            ref={present}
            type="button"
            aria-keyshortcuts="v"
            onClick={() => setPresenting(store, true)}
          >
            Present
          </button>
        </div>
        <Help />
        <LinkError />
      </header>
      {/* One screen: the tree over [diagram | outcome]; the rest docked in a column that scrolls on its own. */}
      <main className="app-main">
        <div className="col-wide">
          <FileView />
          {/* The panels beside the picture follow it a frame behind: a seek paints the tree first. */}
          <Following>
            <div className="cause-effect">
              {/* Scrolls when the diagram is taller than its share of the screen: focusable for keyboard users. */}
              <div className="diagram-slot" tabIndex={0} role="group" aria-label="State diagram area">
                <StateDiagram />
              </div>
              <section className="panel outcome" aria-labelledby="outcome-title" tabIndex={0}>
                <h2 id="outcome-title">Outcome</h2>
                <StepNotice />
              </section>
            </div>
          </Following>
        </div>
        <Following>
          <div className="col-side dock">
            <Narration />
            <Timeline />
            <OpPalette />
            <Inspector />
            <Invariants />
          </div>
        </Following>
      </main>
      <FirstMinutes />
      <UpdatePrompt />
    </>
  );
}
