import { useLayoutEffect, useRef } from 'react';
import { opLine, opToJson } from '../../../core/index.ts';
import { jumpTo } from '../../store/commands.ts';
import { useSim, useSimStore } from '../../store/context.tsx';
import { selectCursor, selectSteps } from '../../store/selectors.ts';
import { keepInView } from './keepInView.ts';

/** Steps listed each side of the current one (the scrubber reaches the rest): keeps the DOM small in long histories. */
const WINDOW = 30;

/** Every step with its kernel entry point and outcome; a click jumps there. */
export function StepList() {
  const store = useSimStore();
  const steps = useSim(selectSteps);
  const cursor = useSim(selectCursor);
  const results = useSim((s) => s.replay.results);
  const first = Math.max(0, cursor - WINDOW);
  const last = Math.min(steps.length, cursor + WINDOW);
  const list = useRef<HTMLOListElement>(null);
  // The step whose button has the focus: rows are keyed by place, so when the window moves
  // the focused button shows another step; the focus follows its step instead.
  const focused = useRef<number | null>(null);
  // The current step stays in view however it was reached (keys, scrubber, link, playback).
  // Measuring forces the page's layout; on the first render (the whole page's first layout,
  // 25-45 ms for a long link in a trace) that waits for the frame, which lays the page out
  // anyway, instead of lengthening the render's task. It still comes before that frame's paint.
  const mounted = useRef(false);
  useLayoutEffect(() => {
    const keep = (): void => {
      const ol = list.current;
      const had = focused.current;
      if (had !== null && ol?.contains(document.activeElement) === true)
        ol.querySelector<HTMLElement>(`[data-step="${had}"] button`)?.focus({ preventScroll: true });
      const li = ol?.querySelector<HTMLElement>(`[data-step="${cursor}"]`);
      if (ol === null || ol === undefined || li === null || li === undefined) return;
      const top =
        li.getBoundingClientRect().top - ol.getBoundingClientRect().top - ol.clientTop + ol.scrollTop;
      ol.scrollTop = keepInView(ol.scrollTop, ol.clientHeight, top, li.offsetHeight);
    };
    if (mounted.current) return keep();
    mounted.current = true;
    const frame = requestAnimationFrame(keep);
    return () => cancelAnimationFrame(frame);
  }, [cursor]);
  return (
    <ol
      ref={list}
      className="steps"
      aria-label="Steps"
      start={first}
      onFocus={(e) => {
        const step = e.target.closest('li')?.dataset['step'];
        focused.current = step === undefined ? null : Number(step);
      }}
      onBlur={() => (focused.current = null)}
    >
      {first === 0 && (
        <li
          data-step={0}
          aria-current={cursor === 0 ? 'step' : undefined}
          className={cursor === 0 ? 'current' : ''}
        >
          <button type="button" onClick={() => jumpTo(store, 0)}>
            <span className="step-op">created</span> <code>kvm_gmem_create</code>{' '}
            <span className="badge ok">ok</span>
          </button>
        </li>
      )}
      {/* Keyed by place in the window: a seek refills the same rows instead of building new ones. */}
      {steps.slice(first, last).map((op, j) => {
        const i = first + j;
        const r = results[i];
        const errno = r?.refusal?.errno;
        const fn = r?.refusal?.fn ?? r?.events[0]?.fn ?? '';
        const cls = i + 1 === cursor ? 'current' : i + 1 > cursor ? 'future' : '';
        return (
          <li key={j} data-step={i + 1} aria-current={i + 1 === cursor ? 'step' : undefined} className={cls}>
            <button type="button" onClick={() => jumpTo(store, i + 1)}>
              <span className="step-no">{i + 1}.</span>{' '}
              <span className="step-op">{opLine(opToJson(op))}</span> <code>{fn}</code>{' '}
              <span className={`badge ${errno === undefined ? 'ok' : 'err'}`}>{errno ?? 'ok'}</span>
            </button>
          </li>
        );
      })}
    </ol>
  );
}
