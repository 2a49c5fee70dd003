/**
 * The world after the selected micro-step, drawn by the file view's own components (folio
 * tree, mapping lanes, inspector). They read a simulation store through SimProvider; this
 * gives them one of their own whose only state is the race world's core state, so the main
 * document is never touched. Read-only: no op menu, no history.
 */
import { useEffect, useState } from 'react';
import type { GmemState, Op, Scenario } from '../../../core/index.ts';
import { createAnimator } from '../../animation/animator.ts';
import { instantClock } from '../../animation/clock.ts';
import { AnimationProvider } from '../../animation/context.tsx';
import { SimProvider } from '../../store/context.tsx';
import type { Replay } from '../../store/replayCache.ts';
import { StateLine } from '../../store/stateLine.ts';
import { createSimStore } from '../../store/store.ts';
import { FileView } from '../folio-tree/FileView.tsx';
import { Inspector } from '../inspector/Inspector.tsx';
import { useRace } from './raceContext.tsx';

const NO_OPS: readonly Op[] = [];

/** A one-state line holding `g`: what the views draw at cursor 0. */
const replayOf = (g: GmemState): Replay => ({
  config: g.config,
  ops: NO_OPS,
  states: new StateLine(NO_OPS, [g], 1, g),
  results: [],
});

/** The simulation store of one race (its file configuration), showing the world `g`. */
function shadowStore(g: GmemState, offset: number) {
  const scenario: Scenario = { config: g.config, steps: NO_OPS };
  const sim = createSimStore(scenario, {
    replay: replayOf(g),
    selection: { start: offset, end: offset + g.config.pageSize },
  });
  return { sim, animator: createAnimator(sim, instantClock) };
}

/** A key per race (a knob change or a new preset makes a new race, and a new store). */
const raceKeys = new WeakMap<object, number>();
let nextKey = 1;
const keyOf = (race: object): number => {
  let k = raceKeys.get(race);
  if (k === undefined) raceKeys.set(race, (k = nextKey++));
  return k;
};

export function RaceStateView() {
  const world = useRace((s) => s.run?.worlds[s.cursor]);
  const race = useRace((s) => s.run?.race);
  if (world === undefined || race === undefined) return null;
  const offset = (race.actors[0]?.op as { offset?: number } | undefined)?.offset ?? 0;
  return <Shadow key={keyOf(race)} g={world.g} offset={offset} />;
}

function Shadow({ g, offset }: { g: GmemState; offset: number }) {
  const [{ sim, animator }] = useState(() => shadowStore(g, offset));
  useEffect(() => () => animator.dispose(), [animator]);
  useEffect(() => {
    if (sim.getState().replay.states.at(0) !== g) sim.setState({ replay: replayOf(g) });
  }, [sim, g]);
  return (
    <SimProvider store={sim}>
      <AnimationProvider animator={animator}>
        <div className="race-state">
          <FileView readOnly />
          <Inspector />
        </div>
      </AnimationProvider>
    </SimProvider>
  );
}
