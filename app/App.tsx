import { FileView } from './features/folio-tree/FileView.tsx';
import { Inspector } from './features/inspector/Inspector.tsx';
import { Invariants } from './features/invariants/Invariants.tsx';
import { NewScenario } from './features/new-scenario/NewScenarioDialog.tsx';
import { ScenarioInfo } from './features/new-scenario/ScenarioInfo.tsx';
import { OpPalette } from './features/op-palette/OpPalette.tsx';
import { StateDiagram } from './features/state-diagram/StateDiagram.tsx';
import { Timeline } from './features/timeline/Timeline.tsx';
import { Help } from './keyboard/HelpDialog.tsx';
import { useShortcuts } from './keyboard/useShortcuts.ts';
import { LinkError, ShareLink } from './share/ShareLink.tsx';

/** Layout only: every panel reads the simulation store it needs from context. */
export function App() {
  useShortcuts();
  return (
    <>
      <header className="app-header">
        <h1>Folioscope</h1>
        <ScenarioInfo />
        <ShareLink />
        <NewScenario />
        <Help />
        <LinkError />
      </header>
      <main className="app-main">
        <div className="col-wide">
          <FileView />
          <OpPalette />
          <StateDiagram />
        </div>
        <div className="col-side">
          <Inspector />
          <Timeline />
          <Invariants />
        </div>
      </main>
    </>
  );
}
