import './diagram.css';
import { useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { BLOCK_MACHINE, PAGE, PAGE_MACHINE, hex } from '../../../core/index.ts';
import type { GmemState, Machine } from '../../../core/index.ts';
import { useFrame } from '../../animation/context.tsx';
import { useSim, useSimStore } from '../../store/context.tsx';
import { selectConfig, selectSelection } from '../../store/selectors.ts';
import { select } from '../../store/commands.ts';
import { BLOCK_STATE_COLOR, PAGE_STATE_COLOR } from '../theme.ts';
import { animOf } from './anim.ts';
import { stepPage } from './stepOutcome.ts';
import { controlFor, predictionOf } from './controls.ts';
import { stateLabel } from './stateLabel.ts';
import { transitionStates } from '../timeline/eventText.ts';
import { focusGraph, wholeGraph, type DiagramGraph, type Layout } from './elkGraph.ts';
import { useLayout, useSize } from './hooks.ts';
import { layout as requestLayout } from './elk.ts';
import type { OpInputs, Selection } from '../../store/store.ts';
import { MachineDiagram } from './MachineDiagram.tsx';
import { FocusBadge } from '../tours/FocusBadge.tsx';
import { outcomesFor, stateOf, type MachineId } from './outcomes.ts';

const MACHINES: Record<MachineId, Machine<string>> = { page: PAGE_MACHINE, block: BLOCK_MACHINE };
/**
 * The whole machine's graph, built on first use and kept: building both with their digests at
 * the module's evaluation was several milliseconds of the app's first task (a long link's
 * opening, where no task may hold input for 50 ms), for a view most openings never show.
 */
const WHOLE = new Map<MachineId, DiagramGraph>();
function wholeOf(id: MachineId): DiagramGraph {
  let g = WHOLE.get(id);
  if (g === undefined) WHOLE.set(id, (g = wholeGraph(MACHINES[id])));
  return g;
}
/**
 * Below this scale the drawing scrolls instead of shrinking further; above it, it stops growing.
 * The focus fan fits a panel at 0.75; the whole machine never does, so it scrolls at full size.
 */
const MIN_SCALE = { focus: 0.75, whole: 1 } as const;
const MAX_SCALE = 1.6;

/** The drawing's size in the container: fitted, but never smaller than readable. */
function fit(
  layout: Layout,
  box: { width: number; height: number },
  mode: keyof typeof MIN_SCALE,
): { width: number; height: number } {
  const scale = Math.min(box.width / layout.width, box.height / layout.height, MAX_SCALE);
  const s = Math.max(scale, MIN_SCALE[mode]);
  return { width: Math.max(box.width, layout.width * s), height: Math.max(box.height, layout.height * s) };
}

/** One page as a selection. */
const pageSelection = (at: number): Selection => ({ start: at, end: at + PAGE, anchor: at });

/**
 * The page the diagram is about. With nothing selected it still teaches: it shows the page the
 * step on screen is about (stepPage), else the first page of the file, rather than the whole
 * machine squeezed into the panel, where no label is readable. A range selected that holds the
 * step's page (a tour frames the 2M folio around the page it shares) shows that page: the
 * edge the step took is drawn, not the unchanged first page of the range. The edges a click
 * performs land on the page shown, and select it.
 */
function viewedSelection(picked: Selection | null, about: number | undefined): Selection {
  if (picked === null) return pageSelection(about ?? 0);
  const inside = about !== undefined && about >= picked.start && about < picked.end;
  return inside && picked.end - picked.start > PAGE ? pageSelection(about) : picked;
}

/** Scrolls a drawing larger than its box so that the current state is in the middle. */
function useCentreOn(
  ref: RefObject<HTMLDivElement | null>,
  layout: Layout | undefined,
  id: string | undefined,
  drawn: { width: number },
) {
  useEffect(() => {
    const box = ref.current;
    const n = layout?.nodes.find((x) => x.id === id);
    if (box === null || layout === undefined || n === undefined || layout.width === 0) return;
    const k = drawn.width / layout.width;
    box.scrollTo({
      left: (n.x + n.w / 2) * k - box.clientWidth / 2,
      top: (n.y + n.h / 2) * k - box.clientHeight / 2,
    });
  }, [ref, layout, id, drawn.width]);
}

/**
 * An edge acted on goes with the state it left: once the new layout is drawn, the focus that
 * was on it (now on the page's body) goes to the first edge of the new state, or to the
 * drawing, so a keyboard user carries on from there. Returns the flag an act sets.
 */
function useKeepFocus(ref: RefObject<HTMLDivElement | null>, layout: Layout | undefined): RefObject<boolean> {
  const acted = useRef(false);
  useEffect(() => {
    // No layout yet (the new state's is being laid out): wait for it.
    if (!acted.current || layout === undefined) return;
    const a = document.activeElement;
    // Still on something (the same edge, or whatever the user moved to): nothing to restore.
    if (a !== null && a !== document.body && a.isConnected) {
      if (!ref.current?.contains(a)) acted.current = false;
      return;
    }
    const box = ref.current;
    if (box === null) return;
    (box.querySelector<SVGGElement>('.edge-action') ?? box).focus();
    acted.current = false;
  }, [ref, layout]);
  return acted;
}

/** While a step plays, lays out the focus it will settle on, so the picture does not wait. */
function usePrefetchAfterStep(
  m: Machine<string>,
  next: GmemState | undefined,
  sel: Selection | null,
  inputs: OpInputs,
): void {
  useEffect(() => {
    if (next === undefined || sel === null) return;
    const to = stateOf(m.id, next, sel.start);
    if (to !== undefined)
      void requestLayout(focusGraph(m, to, outcomesFor(m, next, sel, inputs))).catch(() => undefined);
  }, [m, next, sel, inputs]);
}

/**
 * The page (or block) state machine, for the selection: by default its state, every edge the
 * diagram draws from it as the core answers it for this page (to the state reached, refused
 * with its errno, or no change) and the rest of the machine listed faded; a toggle shows the
 * whole machine. Laid out by ELK in a worker; a step plays as a token along the edge taken.
 */
export function StateDiagram({ readOnly = false }: { readonly readOnly?: boolean }) {
  const store = useSimStore();
  const ref = useRef<HTMLDivElement>(null);
  const size = useSize(ref);
  const frame = useFrame();
  const picked = useSim(selectSelection);
  const inputs = useSim((s) => s.ui.inputs);
  const ops = useSim((s) => s.replay.ops);
  const config = useSim(selectConfig);
  const hugetlb = config.pageSize !== PAGE;
  const answer = useSim((s) => (frame.step > 0 ? s.replay.results[frame.step - 1] : undefined));
  const about = stepPage(frame.step > 0 ? ops[frame.step - 1] : undefined, answer, config.size);
  const selection = useMemo(() => viewedSelection(picked, about), [picked, about]);
  const [chosen, setChosen] = useState<MachineId>('page');
  const [whole, setWhole] = useState(false);
  const [hovered, setHoveredKey] = useState<string | undefined>(undefined);
  // The box the drawing is fitted to when an edge came under the pointer, kept while edges are
  // hovered: the kernel's answer then written under the drawing (often longer) shrinks the box,
  // and a drawing refitted to it moved the edge from under the pointer, whose answer went, and
  // the box grew back, 5-10 times a second (the projector theme at 1920x1080).
  const [frozen, setFrozen] = useState<{ width: number; height: number } | null>(null);
  const setHovered = (k: string | undefined): void => {
    setFrozen((f) => (k === undefined ? null : (f ?? size)));
    setHoveredKey(k);
  };
  const machineId: MachineId = hugetlb ? chosen : 'page';
  const m = MACHINES[machineId];
  // While a step plays, the diagram stays on the state it left, so its edge is there to travel.
  const base = frame.t < 1 && frame.prev !== undefined ? frame.prev : frame.next;
  const list = useMemo(() => outcomesFor(m, base, selection, inputs), [m, base, selection, inputs]);
  const outcomes = useMemo(() => new Map(list.map((o) => [o.key, o])), [list]);
  const current = base === undefined ? undefined : stateOf(machineId, base, selection.start);
  const focus = !whole && current !== undefined;
  const graph = useMemo(
    () => (focus ? focusGraph(m, current as string, list) : wholeOf(machineId)),
    [focus, current, m, machineId, list],
  );
  const { layout, pending, error } = useLayout(graph);
  usePrefetchAfterStep(m, frame.t < 1 ? frame.next : undefined, selection, inputs);
  const anim = animOf(
    frame,
    frame.step > 0 ? ops[frame.step - 1] : undefined,
    m,
    selection,
    layout,
    outcomes,
  );
  const box = frozen ?? size;
  const drawn = layout === undefined ? box : fit(layout, box, focus ? 'focus' : 'whole');
  useCentreOn(ref, focus ? undefined : layout, current, drawn);
  const acted = useKeepFocus(ref, layout);
  const shown = new Set(layout?.nodes.map((n) => n.id));
  const others = focus ? m.states.filter((st) => !shown.has(st.id)) : [];
  const colors: Readonly<Record<string, string>> =
    machineId === 'page' ? PAGE_STATE_COLOR : BLOCK_STATE_COLOR;
  const moves = (frame.outcome?.transitions ?? []).filter((e) => e.machine === 'page');
  const noun = machineId === 'page' ? 'page' : 'block';
  return (
    <section className="panel diagram-panel" aria-labelledby="diagram-title">
      <div className="diagram-head">
        <h2 id="diagram-title">State diagram</h2>
        <FocusBadge panel="diagram" />
        <div className="diagram-tools" role="toolbar" aria-label="Diagram view">
          {hugetlb &&
            (['page', 'block'] as const).map((id) => (
              <button key={id} type="button" aria-pressed={machineId === id} onClick={() => setChosen(id)}>
                {id === 'page' ? 'Page machine' : 'Block machine'}
              </button>
            ))}
          {/* A check box, apart from the machine choice: two pressed buttons side by side read as
              tabs, and this one is not a third machine but a way to show the one chosen. */}
          <label className="diagram-whole">
            <input type="checkbox" checked={whole} onChange={(e) => setWhole(e.target.checked)} />
            Whole machine
          </label>
        </div>
      </div>
      {/* Focusable: the whole machine scrolls, and keyboard users scroll it with the arrows. */}
      <div
        ref={ref}
        className="diagram-box"
        role="group"
        aria-label="Diagram drawing"
        tabIndex={0}
        aria-busy={pending}
        data-machine={machineId}
      >
        {error !== undefined && <p role="alert">The diagram could not be laid out: {error}</p>}
        {/* The first layout runs in a worker: on a slow or busy machine say so, not an empty box. */}
        {layout === undefined && error === undefined && <p className="muted">Laying out the diagram…</p>}
        {layout !== undefined && size.width > 0 && (
          <MachineDiagram
            layout={layout}
            mode={focus ? 'focus' : 'whole'}
            current={current}
            outcomes={pending ? new Map() : outcomes}
            control={
              readOnly
                ? () => undefined
                : (o) => {
                    const c = controlFor(store, m, o, current ?? '', selection, setHovered);
                    return {
                      ...c,
                      onAct: () => {
                        acted.current = true;
                        // Acting on a page shown but not selected selects it, so what follows is about it.
                        if (selection !== picked) select(store, selection);
                        c.onAct();
                      },
                    };
                  }
            }
            hovered={hovered}
            colors={colors}
            anim={anim}
            width={drawn.width}
            height={drawn.height}
            describedBy="diagram-caption"
          />
        )}
      </div>
      {others.length > 0 && (
        <ul className="diagram-others" aria-label="Other states of the machine">
          {others.map((st) => (
            <li key={st.id} title={st.description}>
              <span className="swatch" style={{ background: colors[st.id] }} aria-hidden="true" />
              {st.label}
            </li>
          ))}
        </ul>
      )}
      <p className="diagram-prediction" role="status">
        {readOnly
          ? `Each edge is what the kernel would answer if that op ran now on this ${noun}.`
          : predictionOf(
              store,
              m,
              base,
              selection,
              hovered === undefined ? undefined : outcomes.get(hovered),
            )}
      </p>
      <p className="caption" id="diagram-caption">
        {selection !== picked ? (
          <>
            {picked === null ? `No ${noun} selected: showing ` : 'Showing, in the range selected, '}
            {about === undefined
              ? `the first ${noun} (0x0)`
              : `the ${noun} the step is about (${hex(selection.start)})`}
            , <strong>{stateLabel(m, current)}</strong>. Select another in the folio tree or by offset.{' '}
          </>
        ) : (
          <>
            Selected {noun}: <strong>{stateLabel(m, current)}</strong>.{' '}
          </>
        )}
        {moves.length === 0
          ? 'The last step moved no page.'
          : `Last step: ${[...new Set(moves.map(transitionStates))].join('; ')}.`}
      </p>
    </section>
  );
}
