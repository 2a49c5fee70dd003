/**
 * What a step did, in words: the one summary that the embed's outcome panel and the exported
 * picture's caption both show, so a slide and an embedded frame never tell it differently.
 */
import { opLine, opToJson } from '../../../core/index.ts';
import type { Refusal, Scenario } from '../../../core/index.ts';
import type { StepOutcome } from '../../store/replayCache.ts';

export interface StepSummary {
  /** "Step 5 of 5", or "Start" before the first step. */
  readonly heading: string;
  /** The step's operation as the trace prints it ("convert 0x0+4K to private"); null at the start. */
  readonly op: string | null;
  /** The kernel's errno when the step was refused. */
  readonly errno: string | null;
  /** The kernel function that answered (the refusing one, or the entry point). */
  readonly fn: string | null;
  /** The refusal's whole sentence. */
  readonly reason: string | null;
  /** Its first clause: what fits on one line of a small frame. */
  readonly brief: string | null;
  /** The step's note (or the scenario's description at the start). */
  readonly note: string | null;
  /** False when KVM_CREATE_GUEST_MEMFD itself was refused: no step ran (errno, fn and reason are its). */
  readonly created: boolean;
}

/** The first clause of a refusal sentence (up to its first semicolon). */
export function briefReason(reason: string): string {
  const i = reason.indexOf(';');
  return i < 0 ? reason : reason.slice(0, i);
}

/** The summary of the state after `cursor` steps of `scenario` (`createRefusal`: the file was never made). */
export function stepSummary(
  scenario: Scenario,
  cursor: number,
  outcome: StepOutcome | undefined,
  createRefusal?: Refusal,
): StepSummary {
  const step = cursor > 0 ? scenario.steps[cursor - 1] : undefined;
  if (createRefusal !== undefined)
    return {
      heading: step === undefined ? 'Start' : `Step ${cursor} of ${scenario.steps.length}`,
      op: step === undefined ? null : opLine(opToJson(step)),
      errno: createRefusal.errno,
      fn: createRefusal.fn,
      reason: `the file could not be created: ${createRefusal.reason}`,
      brief: `the file could not be created: ${briefReason(createRefusal.reason)}`,
      note: null,
      created: false,
    };
  if (step === undefined)
    return {
      heading: 'Start',
      op: null,
      errno: null,
      fn: 'kvm_gmem_create',
      reason: null,
      brief: null,
      note: scenario.description ?? null,
      created: true,
    };
  const refusal = outcome?.refusal;
  return {
    heading: `Step ${cursor} of ${scenario.steps.length}`,
    op: opLine(opToJson(step)),
    errno: refusal?.errno ?? null,
    fn: refusal?.fn ?? outcome?.events[0]?.fn ?? null,
    reason: refusal?.reason ?? null,
    brief: refusal === undefined ? null : briefReason(refusal.reason),
    note: step.note ?? null,
    created: true,
  };
}

/** The verdict as one phrase: "ok (kvm_gmem_…)" or "refused: EAGAIN from kvm_gmem_…". */
export function verdictText(s: StepSummary): string {
  if (!s.created) return `not run: KVM_CREATE_GUEST_MEMFD refused ${s.errno ?? ''} from ${s.fn ?? ''}`;
  if (s.op === null) return 'file created';
  const via = s.fn === null ? '' : ` ${s.errno === null ? 'via' : 'from'} ${s.fn}`;
  return s.errno === null ? `ok${via}` : `refused: ${s.errno}${via}`;
}

/** A clause as a sentence: capitalised, with a full stop. */
const sentence = (t: string): string =>
  `${t.charAt(0).toUpperCase()}${t.slice(1)}${/[.!?]$/.test(t) ? '' : '.'}`;

/**
 * The caption of an exported picture, line by line: the title, the step with its operation and
 * verdict, the refusal's sentence (capitalised, as a sentence), the note. Plain text: the SVG
 * writer escapes it.
 */
export function captionLines(title: string | undefined, s: StepSummary): string[] {
  const step =
    s.op === null ? `${s.heading}: ${verdictText(s)}` : `${s.heading}: ${s.op} → ${verdictText(s)}`;
  return [
    title ?? 'Untitled scenario',
    step,
    // The errno is on the step's line: the sentence follows as the kernel's reason.
    ...(s.reason === null ? [] : [sentence(s.reason)]),
    ...(s.note === null ? [] : [s.note]),
  ];
}
