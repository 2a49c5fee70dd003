import { useSim } from '../../store/context.tsx';
import { selectLastOutcome } from '../../store/selectors.ts';
import { stepSummary } from './stepSummary.ts';

/**
 * The embed's narration: the step, its operation, the kernel's answer (errno, function and the
 * refusal's first clause when refused) and the step's note. Announced politely as the reader
 * steps: an embed is read in an article, an alert would interrupt it.
 */
export function EmbedOutcome() {
  const scenario = useSim((s) => s.doc.scenario);
  const cursor = useSim((s) => s.doc.cursor);
  const outcome = useSim(selectLastOutcome);
  const createRefusal = useSim((s) => s.replay.createRefusal);
  const s = stepSummary(scenario, cursor, outcome, createRefusal);
  return (
    // Named "Outcome" as on the main screen; the bar already says which step this is.
    <section className="embed-outcome" aria-label="Outcome">
      <div id="embed-outcome-says" aria-live="polite">
        <p className="embed-op">{s.op === null ? <strong>Start</strong> : <code>{s.op}</code>}</p>
        {!s.created ? (
          <p className="embed-verdict refused">
            <strong>{s.errno}</strong> from <code>{s.fn}</code>: {s.reason}
          </p>
        ) : s.errno !== null ? (
          <p className="embed-verdict refused">
            <strong>refused {s.errno}</strong> from <code>{s.fn}</code>: {s.brief}
          </p>
        ) : (
          s.op !== null && (
            <p className="embed-verdict ok">
              <strong>ok</strong>
              {s.fn === null ? '' : ' via '}
              {s.fn !== null && <code>{s.fn}</code>}
            </p>
          )
        )}
        {s.note !== null && (
          <p className="embed-note">
            <bdi>{s.note}</bdi>
          </p>
        )}
        {s.op === null && s.note === null && s.created && (
          <p className="embed-note">The file has just been created: step forward to play the scenario.</p>
        )}
      </div>
    </section>
  );
}
