import { useAnim, useAnimator } from '../../animation/context.tsx';
import { useSim } from '../../store/context.tsx';

/**
 * The whole timeline as one slider: position 2.25 is a quarter of the way through step 3.
 * Dragging back and forth redraws every frame from (step, progress): nothing is replayed.
 */
export function Scrubber() {
  const animator = useAnimator();
  const total = useSim((s) => s.doc.scenario.steps.length);
  const position = useAnim((a) => (a.step === 0 ? 0 : a.step - 1 + a.progress));
  return (
    <label className="scrubber">
      Scrub{' '}
      <input
        type="range"
        min={0}
        max={total}
        step={0.05}
        value={Math.min(total, position)}
        disabled={total === 0}
        aria-valuetext={`step ${Math.ceil(position)} of ${total}, ${Math.round((position - Math.floor(position)) * 100) || 100}% through`}
        onChange={(e) => animator.scrub(Number(e.target.value))}
      />
    </label>
  );
}
