import { hex, opLine, opToJson, plural, rangeName, stepEvents } from '../../../core/index.ts';
import type { CoreEvent, Transition } from '../../../core/index.ts';
import { useSim } from '../../store/context.tsx';
import { selectLastOp, selectLastOutcome } from '../../store/selectors.ts';
import { EventLine } from '../timeline/EventLine.tsx';
import { eventParts, transitionStates } from '../timeline/eventText.ts';
import { FocusBadge } from '../tours/FocusBadge.tsx';
import { consequences } from './notable.ts';

/**
 * The answer to the last step, in place: a refusal with its errno, rule, kernel function and
 * reason (and what the kernel did before refusing: the PTEs that went), or a one-line
 * confirmation.
 */
export function StepNotice() {
  const notice = useSim((s) => s.ui.notice);
  return (
    <>
      <FocusBadge panel="refusal" />
      <div aria-live="assertive" className={notice === null ? 'notice-empty' : `notice ${notice.kind}`}>
        {notice?.text}
      </div>
      <StepOp />
      <LastStep />
    </>
  );
}

/** The op of the step shown, as the timeline spells it: the cause, above its effect. */
function StepOp() {
  const op = useSim(selectLastOp);
  if (op === undefined) return null;
  return (
    <p className="outcome-op">
      <code>{opLine(opToJson(op))}</code>
    </p>
  );
}

function LastStep() {
  const outcome = useSim(selectLastOutcome);
  const refusal = outcome?.refusal;
  if (refusal !== undefined)
    return (
      <div role="alert" className="refusal">
        <p>
          <strong>{refusal.errno}</strong> from <code>{refusal.fn}</code>{' '}
          <span className="muted">(rule {refusal.rule})</span>
          {refusal.exit !== undefined && <> · exit {refusal.exit}</>}
          {refusal.errorOffset !== undefined && <> · error_offset {hex(refusal.errorOffset)}</>}
        </p>
        <p>{refusal.reason}</p>
        <SideEffects events={outcome?.events ?? []} />
      </div>
    );
  const after = consequences(outcome?.events ?? []);
  return (
    <div role="status" className="step-ok">
      {outcome === undefined
        ? 'No step applied yet.'
        : `Last step: ok, via ${outcome.events[0]?.fn ?? '—'} (${plural(stepEvents(outcome).length, 'event')}).`}
      {outcome !== undefined && <StateChanges transitions={outcome.transitions} />}
      {after.length > 0 && (
        <ul className="step-consequences" aria-label="What the step left behind">
          {after.map((e, i) => (
            <li key={i}>
              <EventLine e={e} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** How many state changes the Outcome lists before "and N more" (the events list has them all). */
const CHANGES_SHOWN = 4;

/**
 * The effect beside its cause: the pages and blocks whose state the step changed, in the
 * diagram's words ("page 0x2000+4K: shared → shared, mapped"), or that none did.
 */
function StateChanges({ transitions }: { transitions: readonly Transition[] }) {
  if (transitions.length === 0) return <p className="step-changes-none">No page or block changed state.</p>;
  return (
    <ul className="step-changes" aria-label="State changes">
      {transitions.slice(0, CHANGES_SHOWN).map((t, i) => (
        <li key={i}>{`${t.machine} ${eventParts(t).where}: ${transitionStates(t)}`}</li>
      ))}
      {transitions.length > CHANGES_SHOWN && <li>{`and ${transitions.length - CHANGES_SHOWN} more`}</li>}
    </ul>
  );
}

/** A refusal's side effects (core README decision 13): the VMM PTEs zapped before the errno. */
export function SideEffects({ events }: { events: readonly CoreEvent[] }) {
  const zaps = events.filter((e) => e.type === 'pte_zap');
  if (zaps.length === 0) return null;
  return (
    <p className="refusal-side-effects">
      Not undone:{' '}
      {zaps
        .map(
          (e) =>
            `VMM PTEs zapped in ${rangeName(e.offset ?? 0, (e.offset ?? 0) + (e.length ?? 0))} (${e.fn})`,
        )
        .join('; ')}
    </p>
  );
}
