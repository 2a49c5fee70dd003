import { arrows } from '../timeline/arrows.ts';
import { hex, opLine, opToJson } from '../../../core/index.ts';
import { useSim } from '../../store/context.tsx';
import { selectLastOp, selectLastOutcome } from '../../store/selectors.ts';
import { SideEffects } from '../op-palette/StepNotice.tsx';
import { byNote } from '../op-palette/notable.ts';
import { FocusBadge } from '../tours/FocusBadge.tsx';

/**
 * Kernel events worth a line on the stage (the diagram already shows the state transitions):
 * the entry point, then those that changed structure (a split, an orphan) before the rest.
 */
const SHOWN = 3;

/**
 * The outcome of the step, readable from the back row: the op, then either the refusal (errno,
 * kernel function, its reason in one line, what was not undone) or what the kernel did.
 */
export function StageOutcome() {
  const op = useSim(selectLastOp);
  const outcome = useSim(selectLastOutcome);
  const refusal = outcome?.refusal;
  const events = byNote(outcome?.events ?? []);
  return (
    <section className="panel stage-outcome" aria-labelledby="stage-outcome-title">
      {/* The op beside the heading: the line under it goes to the kernel's events. */}
      <div className="stage-panel-head stage-outcome-head">
        <h2 id="stage-outcome-title">Outcome</h2>
        {op !== undefined && <code>{opLine(opToJson(op))}</code>}
        <FocusBadge panel="refusal" />
      </div>
      {op === undefined && <p>No step yet: the file has just been created.</p>}
      {refusal !== undefined ? (
        <div role="alert" className="refusal">
          <p>
            <strong>Refused: {refusal.errno}</strong> from <code>{refusal.fn}</code>
            {refusal.exit !== undefined && <> · exit {refusal.exit}</>}
            {refusal.errorOffset !== undefined && <> · error_offset {hex(refusal.errorOffset)}</>}
          </p>
          {/* One line: the reason's first clause; the PTEs zapped before it are listed apart. */}
          <p className="stage-reason">{refusal.reason.split('; ')[0]}</p>
          <SideEffects events={outcome?.events ?? []} />
        </div>
      ) : (
        op !== undefined && (
          <div role="status" className="step-ok">
            <p>
              <strong>Done.</strong> The kernel called:
            </p>
            <ul className="stage-events">
              {events.slice(0, SHOWN).map((e, i) => (
                <li key={i}>
                  <code>{e.fn}</code>
                  {e.detail === undefined ? '' : `: ${arrows(e.detail)}`}
                </li>
              ))}
              {events.length > SHOWN && <li>{`and ${events.length - SHOWN} more`}</li>}
            </ul>
          </div>
        )
      )}
    </section>
  );
}
