import { useMemo, useRef } from 'react';
import { PAGE, PAGE_MACHINE, hex } from '../../../core/index.ts';
import { useFrame } from '../../animation/context.tsx';
import { useSim } from '../../store/context.tsx';
import { animOf } from '../state-diagram/anim.ts';
import { focusGraph, type DiagramGraph } from '../state-diagram/elkGraph.ts';
import { useLayout, useSize } from '../state-diagram/hooks.ts';
import { MachineDiagram } from '../state-diagram/MachineDiagram.tsx';
import { PAGE_STATE_COLOR } from '../theme.ts';
import { stepEdge } from './stepEdge.ts';

/** The drawing never grows past this (a two-box graph blown up looks like a toy). */
const MAX_SCALE = 1.2;

/**
 * The embed's state diagram, compact: the page machine's one edge this step took for the
 * page it is about (laid out by ELK like the main diagram, animated the same way), as a
 * picture: an embed is read-only, so nothing in it is a button.
 */
export function StepDiagram() {
  const frame = useFrame();
  const op = useSim((s) => (frame.step > 0 ? s.replay.ops[frame.step - 1] : undefined));
  const edge = useMemo(
    () => stepEdge(op, frame.prev, frame.next, frame.outcome),
    [op, frame.prev, frame.next, frame.outcome],
  );
  const box = useRef<HTMLDivElement>(null);
  const size = useSize(box);
  return (
    <section className="embed-diagram" aria-labelledby="embed-diagram-title">
      <h2 id="embed-diagram-title">State diagram{edge === undefined ? '' : ` · page ${hex(edge.at)}`}</h2>
      <div ref={box} className="embed-diagram-box">
        {edge === undefined ? (
          <p className="muted">No step yet: the first step’s edge is drawn here.</p>
        ) : (
          size.width > 0 && <EdgeDrawing edge={edge} size={size} frame={frame} op={op} />
        )}
      </div>
    </section>
  );
}

/** Top to bottom: the side column of a frame is narrow and tall, a left-to-right edge would shrink. */
function downward(g: DiagramGraph): DiagramGraph {
  const layoutOptions = { ...g.graph.layoutOptions, 'elk.direction': 'DOWN' };
  return { ...g, key: `${g.key}:down`, graph: { ...g.graph, layoutOptions } };
}

function EdgeDrawing({
  edge,
  size,
  frame,
  op,
}: {
  edge: NonNullable<ReturnType<typeof stepEdge>>;
  size: { width: number; height: number };
  frame: ReturnType<typeof useFrame>;
  op: Parameters<typeof animOf>[1];
}) {
  const graph = useMemo(() => downward(focusGraph(PAGE_MACHINE, edge.from, [edge.outcome])), [edge]);
  const { layout, error } = useLayout(graph);
  const outcomes = useMemo(() => new Map([[edge.outcome.key, edge.outcome]]), [edge]);
  if (error !== undefined) return <p role="alert">The diagram could not be laid out: {error}</p>;
  if (layout === undefined || layout.key !== graph.key) return null;
  const sel = { start: edge.at, end: edge.at + PAGE, anchor: edge.at };
  const k = Math.min(size.width / layout.width, size.height / layout.height, MAX_SCALE);
  return (
    <MachineDiagram
      layout={layout}
      mode="focus"
      current={edge.from}
      outcomes={outcomes}
      hovered={undefined}
      colors={PAGE_STATE_COLOR}
      anim={animOf(frame, op, PAGE_MACHINE, sel, layout, outcomes)}
      width={Math.floor(layout.width * k)}
      height={Math.floor(layout.height * k)}
      // The outcome panel says in words what the drawing shows.
      describedBy="embed-outcome-says"
    />
  );
}
