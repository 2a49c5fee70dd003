/**
 * The world after the selected micro-step, drawn by the file view's own components (folio
 * tree, mapping lanes, inspector). They read a simulation store through SimProvider; this
 * gives them one of their own whose line is the race's: state i is the core state after i
 * micro-steps, outcome i the events of micro-step i + 1 (so the inspector's "Last events
 * here" lists micro-steps) and the page moves it made (the state diagram's last step). The main
 * document is never touched. Read-only: no op menu, and the diagram's edges are not buttons.
 */
import { useEffect, useRef, useState } from 'react';
import { diagramTransitions, type GmemState, type Op, type Scenario } from '../../../core/index.ts';
import { createAnimator } from '../../animation/animator.ts';
import { instantClock } from '../../animation/clock.ts';
import { AnimationProvider } from '../../animation/context.tsx';
import { SimProvider } from '../../store/context.tsx';
import type { Replay } from '../../store/replayCache.ts';
import { StateLine } from '../../store/stateLine.ts';
import { createSimStore, type SimStore } from '../../store/store.ts';
import { FileView } from '../folio-tree/FileView.tsx';
import { Inspector } from '../inspector/Inspector.tsx';
import { StateDiagram } from '../state-diagram/StateDiagram.tsx';
import { useRace } from './raceContext.tsx';
import type { RaceRun } from './raceStore.ts';

/** A line whose every state is known (the race's worlds): nothing is replayed with apply. */
class RaceLine extends StateLine {
  constructor(private readonly all: readonly GmemState[]) {
    super([], all.slice(0, 1), all.length, all[all.length - 1]);
  }

  override at(i: number): GmemState | undefined {
    return this.all[i];
  }
}

/**
 * The race as a document: its "steps" are the op of the actor that moved at each micro-step
 * (never applied: the line above holds the states), so the cursor means "after micro-step i".
 */
function lineOf(run: RaceRun): { scenario: Scenario; replay: Replay } {
  const config = run.race.start.g.config;
  const ops = run.steps.map((s) => run.race.actors.find((a) => a.id === s.actor)?.op as Op);
  const replay: Replay = {
    config,
    ops,
    states: new RaceLine(run.worlds.map((w) => w.g)),
    // What each micro-step did to the page and block states: the diagram's "last step" and
    // token. Race setups are a few pages, so the whole file is compared.
    results: run.steps.map((s, i) => ({
      events: s.events,
      transitions: transitionsOf(run, i, ops[i] as Op, s.fn),
    })),
  };
  return { scenario: { config, steps: ops }, replay };
}

function transitionsOf(run: RaceRun, i: number, op: Op, fn: string) {
  const before = run.worlds[i]?.g;
  const after = run.worlds[i + 1]?.g;
  if (before === undefined || after === undefined) return [];
  return diagramTransitions(before, after, op, fn, [[0, before.config.size]]);
}

function shadowStore(run: RaceRun, cursor: number, offset: number) {
  const { scenario, replay } = lineOf(run);
  const sim = createSimStore(scenario, {
    replay,
    cursor,
    selection: { start: offset, end: offset + scenario.config.pageSize },
  });
  return { sim, animator: createAnimator(sim, instantClock) };
}

/** Shows micro-step `cursor` of `run`; the line is rebuilt only when the run changed. */
function show(sim: SimStore, run: RaceRun, cursor: number, sameRun: boolean): void {
  const s = sim.getState();
  if (sameRun) {
    if (s.doc.cursor !== cursor) sim.setState({ doc: { ...s.doc, cursor } });
    return;
  }
  const { scenario, replay } = lineOf(run);
  sim.setState({ doc: { ...s.doc, scenario: { ...s.doc.scenario, steps: scenario.steps }, cursor }, replay });
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
  const run = useRace((s) => s.run);
  const cursor = useRace((s) => s.cursor);
  if (run === null) return null;
  const offset = (run.race.actors[0]?.op as { offset?: number } | undefined)?.offset ?? 0;
  return <Shadow key={keyOf(run.race)} run={run} cursor={cursor} offset={offset} />;
}

function Shadow({ run, cursor, offset }: { run: RaceRun; cursor: number; offset: number }) {
  const [{ sim, animator }] = useState(() => shadowStore(run, cursor, offset));
  useEffect(() => () => animator.dispose(), [animator]);
  const shown = useRef(run);
  useEffect(() => {
    show(sim, run, cursor, shown.current === run);
    shown.current = run;
  }, [sim, run, cursor]);
  return (
    <SimProvider store={sim}>
      <AnimationProvider animator={animator}>
        <div className="race-state">
          <FileView readOnly />
          <Inspector />
          <StateDiagram readOnly />
        </div>
      </AnimationProvider>
    </SimProvider>
  );
}
