import { useMemo, useRef } from 'react';
import { PAGE_MACHINE, hex } from '../../../core/index.ts';
import { useSim } from '../../store/context.tsx';
import { selectLastOp } from '../../store/selectors.ts';
import { PAGE_STATE_COLOR } from '../theme.ts';
import { stateLabel } from '../state-diagram/stateLabel.ts';
import { STATE_FONT, focusGraph } from '../state-diagram/elkGraph.ts';
import { useLayout, useSize } from '../state-diagram/hooks.ts';
import { MachineDiagram } from '../state-diagram/MachineDiagram.tsx';
import { FocusBadge } from '../tours/FocusBadge.tsx';
import { useTourFocus } from '../tours/useTourFocus.ts';
import { stepStory } from './stepStory.ts';
import { useStageUnit } from './stageUnit.ts';

const NO_OUTCOMES = new Map();
const MAX_SCALE = 2.2;

/**
 * The state diagram on the stage: only the edge the step took, for the page it is about, drawn
 * as large as the box allows (the whole machine is for the desk, not the back row).
 */
export function StageDiagram() {
  const box = useRef<HTMLDivElement>(null);
  const size = useSize(box);
  const cursor = useSim((s) => s.doc.cursor);
  const prev = useSim((s) => (cursor > 0 ? s.replay.states.at(cursor - 1) : undefined));
  const next = useSim((s) => s.replay.states.at(cursor));
  const op = useSim(selectLastOp);
  const answer = useSim((s) => (cursor > 0 ? s.replay.results[cursor - 1] : undefined));
  const focus = useTourFocus();
  const u = useStageUnit();
  const story = useMemo(
    () => stepStory(prev, next, op, answer, focus?.start ?? 0),
    [prev, next, op, answer, focus],
  );
  const graph = useMemo(
    () =>
      focusGraph(
        PAGE_MACHINE,
        story?.from ?? 'private-hole',
        story?.outcome === undefined ? [] : [story.outcome],
        STATE_FONT,
      ),
    [story],
  );
  const { layout } = useLayout(graph);
  const outcomes = useMemo(
    () => (story?.outcome === undefined ? NO_OUTCOMES : new Map([[story.outcome.key, story.outcome]])),
    [story],
  );
  // As large as the box allows, but a lone state need not shout: states at most ~29 units.
  const scale =
    layout === undefined || layout.width === 0
      ? 0
      : Math.min(size.width / layout.width, size.height / layout.height, MAX_SCALE * u);
  const o = story?.outcome;
  const caption =
    story === undefined
      ? 'No page yet.'
      : `Page ${hex(story.page)}: ${stateLabel(PAGE_MACHINE, story.from)}${
          o === undefined
            ? ''
            : o.kind === 'move'
              ? ` → ${stateLabel(PAGE_MACHINE, o.to)}`
              : o.kind === 'refused'
                ? `, refused (${o.errno ?? ''})`
                : ', unchanged'
        }`;
  return (
    <section className="panel stage-diagram" aria-labelledby="stage-diagram-title">
      <div className="stage-panel-head">
        <h2 id="stage-diagram-title">State diagram</h2>
        <p className="stage-caption" id="stage-diagram-caption">
          {caption}
        </p>
        <FocusBadge panel="diagram" />
      </div>
      <div ref={box} className="stage-diagram-box">
        {layout !== undefined && scale > 0 && (
          <MachineDiagram
            layout={layout}
            mode="focus"
            current={story?.from}
            outcomes={outcomes}
            control={() => undefined}
            hovered={undefined}
            colors={PAGE_STATE_COLOR}
            anim={{
              light: o?.kind === 'move' ? 1 : 0,
              ...(o?.kind === 'move' ? { lit: o.to } : {}),
              ...(o?.kind === 'refused' ? { hit: o.key } : {}),
            }}
            width={layout.width * scale}
            height={layout.height * scale}
            describedBy="stage-diagram-caption"
          />
        )}
      </div>
    </section>
  );
}
