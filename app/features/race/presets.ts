/**
 * The race workspace's presets: the worked examples of spec/races.md §8 (their setups come
 * from the core, WORKED_EXAMPLES) and challenges in the Deadlock Empire style: an unsafe knob
 * and a goal, reached when the user's own schedule breaks the named invariant.
 */
import { raceJson, WORKED_EXAMPLES, type RaceKnobs, type RaceSpec } from '../../../core/index.ts';

export interface Challenge {
  /** What to make happen, in the user's words. */
  readonly goal: string;
  /** The invariant the goal breaks (reached when the schedule so far violates it). */
  readonly invariant: string;
}

export interface RacePreset {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  /** The worked example it starts from (WORKED_EXAMPLES key). */
  readonly example: string;
  readonly knobs: Partial<RaceKnobs>;
  readonly challenge?: Challenge;
}

export const EXAMPLE_PRESETS: readonly RacePreset[] = [
  {
    id: 'a',
    example: 'a',
    knobs: {},
    title: '(a) Conversion to private vs GUP-fast pin',
    description:
      'C converts a host-mapped shared page to private while G pins it for O_DIRECT; the PTE re-check keeps the pin off private memory.',
  },
  {
    id: 'b',
    example: 'b',
    knobs: {},
    title: '(b) Conversion vs host fault',
    description:
      'C converts to private while the VMM faults the page in; the shared invalidate_lock orders the attribute read and the mapping.',
  },
  {
    id: 'c',
    example: 'c',
    knobs: {},
    title: '(c) vCPU private fault vs conversion to shared',
    description:
      'No refcount check on the way to shared: only mmu_invalidate_seq stops a stale private mapping.',
  },
  {
    id: 'd',
    example: 'd',
    knobs: {},
    title: '(d) Punch hole vs vCPU fault',
    description:
      'P truncates the page while V faults it in; the folio-lock re-check and the seq retry keep stage-2 off the orphan.',
  },
  {
    id: 'e1',
    example: 'e1',
    knobs: {},
    title: '(e1) Two fault-path conversions (seed 003 design)',
    description: 'Two vCPUs convert the same page at fault time; the refcount check cannot tell them apart.',
  },
  {
    id: 'e2',
    example: 'e2',
    knobs: {},
    title: '(e2) Fault-path conversion vs GUP-fast FOLL_GET',
    description: 'Same refcount, opposite meaning: a lookup reference and a GUP reference look alike.',
  },
  {
    id: 'e3',
    example: 'e3',
    knobs: {},
    title: '(e3) Conversion vs two shared vCPU faults',
    description: 'Three actors: a vCPU reference held from V3 to V8 is the only cause of EAGAIN.',
  },
  {
    id: 'f',
    example: 'f',
    knobs: {},
    title: '(f) TDX removal failure during conversion to shared',
    description:
      'The S-EPT removal fails; without propagating the error the host maps memory the TDX module still maps.',
  },
  {
    id: 'g',
    example: 'g',
    knobs: {},
    title: '(g) Split waits for a transient reference',
    description:
      'Converting one 4K page of a 2M private folio splits it; a vCPU reference blocks the freeze.',
  },
];

export const CHALLENGE_PRESETS: readonly RacePreset[] = [
  {
    id: 'pin-private',
    example: 'a',
    knobs: { gupFastRecheck: false },
    title: 'Challenge: make G pin a private page',
    description: 'With gupFastRecheck off, GUP-fast commits its grab without looking at the PTE again.',
    challenge: { goal: 'Make G hold a pin on a private page', invariant: '1' },
  },
  {
    id: 'map-private',
    example: 'b',
    knobs: { hostFaultLock: false },
    title: 'Challenge: make the host map a private page',
    description: 'With hostFaultLock off, the host fault reads the attribute without the shared lock.',
    challenge: { goal: 'Make H install a PTE over a private page', invariant: '1' },
  },
  {
    id: 'stale-spte',
    example: 'c',
    knobs: { mmuSeqRetry: false },
    title: 'Challenge: leave a private SPTE over a shared page',
    description: 'With mmuSeqRetry off, the vCPU never re-checks mmu_invalidate_seq under mmu_lock.',
    challenge: { goal: 'Make V map the page private after C made it shared', invariant: '2' },
  },
  {
    id: 'uaf',
    example: 'd',
    knobs: { mmuSeqRetry: false },
    title: 'Challenge: map a truncated folio into the guest',
    description: 'With mmuSeqRetry off, a vCPU can map the folio punch hole just removed: a use after free.',
    challenge: { goal: 'Make stage-2 map the orphan that P removed', invariant: '6' },
  },
  {
    id: 'tdx-reuse',
    example: 'f',
    knobs: {},
    title: 'Challenge: host-map a page the TDX module still maps',
    description: 'The S-EPT removal failed and nobody was told: find the order that reuses it.',
    challenge: { goal: 'Make H map the page the TDX module still maps', invariant: 'R1' },
  },
];

export const RACE_PRESETS: readonly RacePreset[] = [...EXAMPLE_PRESETS, ...CHALLENGE_PRESETS];

export const presetById = (id: string): RacePreset | undefined => RACE_PRESETS.find((p) => p.id === id);

/** The preset's race scenario as folioscope-race v1 JSON (the parser validates it). */
export function presetJson(p: RacePreset): Record<string, unknown> {
  const spec = WORKED_EXAMPLES[p.example] as RaceSpec;
  return { ...raceJson(spec), title: p.title };
}
