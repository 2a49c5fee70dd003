/**
 * Narrated race tours (spec/races.md §8 worked examples): each walks one interleaving micro-step
 * by micro-step, shows where the kernel's lock or re-check stops it, and ends on the same
 * schedule with that defence switched off by its knob, where an invariant breaks or the
 * kernel hangs. The app replays each step's schedule from the start (raceTrace).
 */
import { WORKED_EXAMPLES } from '../race/examples.ts';
import { parseRace } from '../race/format.ts';
import { raceJson } from '../race/testkit.ts';
import type { RaceKnobs, RaceScenario } from '../race/types.ts';
import { EXCLUSIVE_PIN, HUGE_V2, IN_PLACE, TDX_HUGE, TDX_PINNING } from './sources.ts';

/** The shared state a step is about, as the race view shows it. */
export type RaceFocusOn =
  'attributes' | 'invalidate_lock' | 'mmu_lock' | 'mmu_invalidate_seq' | 'references' | 'host_pte' | 'stage2';

/** Where to look: an actor, one of its micro-steps (taken in this step's schedule, or the one it stands at) and what it touches. */
export interface RaceTourFocus {
  readonly actor: string;
  readonly step: string;
  readonly on: RaceFocusOn;
}

export interface RaceTourStep {
  /** The actor ids that moved, from the start: each step's schedule is a prefix of the last one's. */
  readonly schedule: readonly string[];
  /** Knobs that differ from their defaults (§6.3) for this step. */
  readonly knobs: Partial<RaceKnobs>;
  /** What happens at this micro-step and why it matters (plain text, at most 200 characters). */
  readonly note: string;
  /** Where it comes from: a thread by subject, author and date, or a kernel file and function. */
  readonly source: string;
  readonly focus: RaceTourFocus;
}

export interface RaceTour {
  /** Stable and URL-safe; distinct from the scenario tours' names. */
  readonly name: string;
  readonly title: string;
  readonly description: string;
  /** The race scenario (folioscope-race v1 JSON) without knobs or schedule: each step has its own. */
  readonly race: Readonly<Record<string, unknown>>;
  /** The knobs of the last step: the defence it removes. */
  readonly unsafe: Partial<RaceKnobs>;
  /** What the last step shows: the invariant that breaks ("1", "6", "R1"…), or "deadlock". */
  readonly breaks: string;
  readonly steps: readonly RaceTourStep[];
}

/** "CCG" → ['C', 'C', 'G']: every actor of these races has a one-letter id. */
const ids = (s: string): string[] => [...s];
const at = (actor: string, step: string, on: RaceFocusOn): RaceTourFocus => ({ actor, step, on });

function raceTour(t: Omit<RaceTour, 'race' | 'unsafe'> & { example: string }): RaceTour {
  const { example, ...rest } = t;
  const spec = WORKED_EXAMPLES[example];
  if (spec === undefined) throw new Error(`Folioscope: no worked example ${example}`);
  const last = t.steps[t.steps.length - 1];
  return {
    ...rest,
    race: { ...raceJson(spec), title: t.title, description: t.description },
    unsafe: last?.knobs ?? {},
  };
}

const GUP_FAST = 'mm/gup.c, gup_fast_pte_range()';
const IS_SAFE = `${IN_PLACE}: virt/kvm/guest_memfd.c, kvm_gmem_is_safe_for_conversion()`;
const UNMAP = 'mm/memory.c, unmap_mapping_pages()';
const PUNCH = 'virt/kvm/guest_memfd.c, kvm_gmem_punch_hole()';

const gupFastRecheck = raceTour({
  name: 'race-gup-fast-recheck',
  title: 'GUP-fast without its PTE re-check pins a private page',
  description:
    'An O_DIRECT read pins a page with GUP-fast while the VMM converts it to private. GUP-fast takes no lock: it reads ' +
    'the PTE, grabs the folio, then re-checks that the PTE did not change (mm/gup.c, gup_fast_pte_range()). The ' +
    `conversion of ${IN_PLACE} relies on that re-check: after its unmap, a grab can only be transient.`,
  example: 'a',
  breaks: '1',
  steps: [
    {
      schedule: [],
      knobs: {},
      note: 'Page 0 is shared and mapped by the VMM. C converts it to private; G is an O_DIRECT read pinning it with pin_user_pages_fast(). You are the scheduler.',
      source: IN_PLACE,
      focus: at('C', 'C1', 'attributes'),
    },
    {
      schedule: ids('CC'),
      knobs: {},
      note: 'C takes the invalidate_lock exclusively and finds the page shared: the conversion runs. Host faults and guest_memfd lookups now wait for C.',
      source: 'include/linux/fs.h, filemap_invalidate_lock()',
      focus: at('C', 'C2', 'invalidate_lock'),
    },
    {
      schedule: ids('CCG'),
      knobs: {},
      note: 'G1: GUP-fast reads the PTE locklessly, with IRQs off. The invalidate_lock does not stop it: GUP-fast never takes it. G now holds a PTE value about to go stale.',
      source: GUP_FAST,
      focus: at('G', 'G1', 'host_pte'),
    },
    {
      schedule: ids('CCGCC'),
      knobs: {},
      note: 'C3 zaps the PTE, then C4 counts references: only the page cache holds the folio, so the conversion may go on. G has no reference yet.',
      source: IS_SAFE,
      focus: at('C', 'C4', 'references'),
    },
    {
      schedule: ids('CCGCCCCG'),
      knobs: {},
      note: 'C5 and C6 make the page private. Only now does G2 grab the folio, with the pin bias: a speculative reference, taken after the check that would have refused it.',
      source: 'mm/gup.c, try_grab_folio_fast()',
      focus: at('G', 'G2', 'references'),
    },
    {
      schedule: ids('CCGCCCCGG'),
      knobs: {},
      note: 'G3 re-reads the PTE: it changed, C zapped it. G drops its grab and takes the slow path, whose fault on a private page fails. Nothing pins the private page.',
      source: GUP_FAST,
      focus: at('G', 'G3', 'host_pte'),
    },
    {
      schedule: ids('CCGCCCCGG'),
      knobs: { gupFastRecheck: false },
      note: 'The same schedule without the re-check: G commits its pin on a page that is now private. Invariant 1 breaks: the host can DMA into guest-private memory.',
      source: EXCLUSIVE_PIN,
      focus: at('G', 'G3', 'references'),
    },
  ],
});

const unmapThenCheck = raceTour({
  name: 'race-convert-unmap-then-check',
  title: 'Conversion to private must unmap before it counts references',
  description:
    'Converting a page to private checks that only the page cache holds it. The order matters: unmap the VMM first, ' +
    'then count, both under the exclusive invalidate_lock. After the unmap a new reference can only come from a ' +
    'GUP-fast that read the PTE earlier, and its re-check fails; count first and a GUP-fast pins in between. ' +
    `From ${IN_PLACE} (virt/kvm/guest_memfd.c, kvm_gmem_is_safe_for_conversion()).`,
  example: 'a',
  breaks: '1',
  steps: [
    {
      schedule: [],
      knobs: {},
      note: 'Page 0 is shared and mapped. C converts it to private, G pins it with GUP-fast for an O_DIRECT read. The question: in which order does C unmap and count?',
      source: IN_PLACE,
      focus: at('C', 'C1', 'attributes'),
    },
    {
      schedule: ids('CCC'),
      knobs: {},
      note: "C3 first: unmap_mapping_pages() zaps the VMM's PTE under the exclusive invalidate_lock. From now on GUP-fast finds no PTE to start from.",
      source: UNMAP,
      focus: at('C', 'C3', 'host_pte'),
    },
    {
      schedule: ids('CCCGG'),
      knobs: {},
      note: 'G1 finds no PTE, so G takes the slow path: it must fault the page in, and the fault waits for the invalidate_lock C holds. C4 will count no pin.',
      source: 'mm/gup.c, __get_user_pages()',
      focus: at('G', 'H1', 'invalidate_lock'),
    },
    {
      schedule: ids('CCC'),
      knobs: { convertOrder: 'checkThenUnmap' },
      note: 'Now swap the order: C4 counts first. The PTE is still there, so C expects the page cache plus the mapping, and finds exactly that. Safe, it concludes.',
      source: IS_SAFE,
      focus: at('C', 'C4', 'references'),
    },
    {
      schedule: ids('CCCGGG'),
      knobs: { convertOrder: 'checkThenUnmap' },
      note: 'G walks the PTE that is still present: G1 reads it, G2 grabs the folio, G3 finds it unchanged. The pin is committed, after C counted.',
      source: GUP_FAST,
      focus: at('G', 'G3', 'references'),
    },
    {
      schedule: ids('CCCGGGC'),
      knobs: { convertOrder: 'checkThenUnmap' },
      note: 'C3 zaps the PTE now, but nobody counts again. A pin does not need the PTE: it survives the unmap.',
      source: UNMAP,
      focus: at('C', 'C3', 'host_pte'),
    },
    {
      schedule: ids('CCCGGGCCC'),
      knobs: { convertOrder: 'checkThenUnmap' },
      note: 'C5 and C6 make the page private while G holds a pin on it: invariant 1 breaks. Counting before unmapping leaves a window that no lock closes.',
      source: IN_PLACE,
      focus: at('C', 'C6', 'attributes'),
    },
  ],
});

const invalidateSeq = raceTour({
  name: 'race-mmu-invalidate-seq',
  title: 'A vCPU fault re-checks mmu_invalidate_seq under mmu_lock',
  description:
    'A vCPU fault looks its page up while nothing stops a punch hole: it snapshots mmu_invalidate_seq first and, under ' +
    'mmu_lock, re-checks it before mapping (arch/x86/kvm/mmu/mmu.c, is_page_fault_stale(); include/linux/kvm_host.h, ' +
    'mmu_invalidate_retry_gfn()). Without the re-check the guest maps a folio the file already dropped: a ' +
    'use-after-free of guest memory.',
  example: 'd',
  breaks: '6',
  steps: [
    {
      schedule: [],
      knobs: {},
      note: 'Page 0 is private and allocated, not yet in stage 2. V is a vCPU faulting on it; P punches a hole over it (fallocate PUNCH_HOLE).',
      source: PUNCH,
      focus: at('V', 'V1', 'stage2'),
    },
    {
      schedule: ids('V'),
      knobs: {},
      note: 'V1 snapshots mmu_invalidate_seq (0) and checks that the page is private, as the guest asked. Nothing is locked: the snapshot is only compared later.',
      source: 'arch/x86/kvm/mmu/mmu.c, kvm_mmu_faultin_pfn()',
      focus: at('V', 'V1', 'mmu_invalidate_seq'),
    },
    {
      schedule: ids('VVVVV'),
      knobs: {},
      note: 'V2 to V5: under the shared invalidate_lock V finds the folio and takes a reference, then drops the lock. It keeps the reference until the mapping is done.',
      source: 'virt/kvm/guest_memfd.c, kvm_gmem_get_pfn()',
      focus: at('V', 'V5', 'references'),
    },
    {
      schedule: ids('VVVVVPPPPP'),
      knobs: {},
      note: 'P takes the lock exclusively, starts an invalidation (in_progress 1) and removes the folio from the file. V still holds it, so it lives on as an orphan.',
      source: PUNCH,
      focus: at('P', 'P5', 'references'),
    },
    {
      schedule: ids('VVVVVPPPPPV'),
      knobs: {},
      note: 'V6 takes mmu_lock for read and asks whether an invalidation ran or is running since its snapshot: yes. V drops the folio and retries once P is done.',
      source: 'include/linux/kvm_host.h, mmu_invalidate_retry_gfn()',
      focus: at('V', 'V6', 'mmu_invalidate_seq'),
    },
    {
      schedule: ids('VVVVVPPPPPVV'),
      knobs: { mmuSeqRetry: false },
      note: 'Without the re-check V6 passes and V7 maps the orphan into stage 2: the guest writes memory the file no longer owns, freed when V lets go. Invariant 6 breaks.',
      source: 'arch/x86/kvm/mmu/mmu.c, is_page_fault_stale()',
      focus: at('V', 'V7', 'stage2'),
    },
  ],
});

const tdxSplitHang = raceTour({
  name: 'race-tdx-split-hang',
  title: 'A split that waits for a reference only TDX holds never ends',
  description:
    'A TDX guest shares one 4K page of a 2M private huge page, so the folio must split, and the HugeTLB series ' +
    `freezes its refcount to do so (${HUGE_V2}). If removing the page from the S-EPT failed, TDX keeps a ` +
    `reference: a split that waits for the refcount to drop waits forever, the hang named in ${TDX_PINNING}.`,
  example: 'g2',
  breaks: 'deadlock',
  steps: [
    {
      schedule: [],
      knobs: {},
      note: "A TDX guest's 2M private huge page, mapped in the S-EPT; the next S-EPT removal of page 0 will fail. C converts page 0 to shared, which splits the folio.",
      source: TDX_HUGE,
      focus: at('C', 'C1', 'stage2'),
    },
    {
      schedule: ids('CC'),
      knobs: {},
      note: 'C holds the invalidate_lock exclusively. C2 checks up front that only the page cache holds the folio, as the split needs: it does, so C goes on.',
      source: HUGE_V2,
      focus: at('C', 'C2', 'references'),
    },
    {
      schedule: ids('CCC'),
      knobs: {},
      note: 'C5 zaps the private S-EPT leaf and the removal fails. TDX keeps a reference so the page is never reused while the TDX module may still map it.',
      source: TDX_HUGE,
      focus: at('C', 'C5', 'references'),
    },
    {
      schedule: ids('CCCC'),
      knobs: {},
      note: 'C6 makes the page shared. With the default the refcount was checked once, at C2: the split at C6s does not wait, and the conversion finishes.',
      source: HUGE_V2,
      focus: at('C', 'C6s', 'references'),
    },
    {
      schedule: ids('CCCC'),
      knobs: { freezeWait: 'spin' },
      note: "Now the split waits for the refcount: folio_ref_freeze() needs the page cache's references only, but TDX's never goes. C waits at C6s forever, holding the lock.",
      source: TDX_PINNING,
      focus: at('C', 'C6s', 'references'),
    },
  ],
});

const hostFaultLock = raceTour({
  name: 'race-host-fault-lock',
  title: 'A host fault reads the attribute under the invalidate_lock',
  description:
    `${IN_PLACE} takes the invalidate_lock for read when the VMM faults on guest_memfd, so the fault's "is it ` +
    'shared?" check and its mapping cannot straddle a conversion (virt/kvm/guest_memfd.c, ' +
    'kvm_gmem_fault_user_mapping()). Mainline needs no lock there: its shared pages never become private.',
  example: 'b',
  breaks: '1',
  steps: [
    {
      schedule: [],
      knobs: {},
      note: 'Page 0 is shared and allocated, not mapped. C converts it to private; H is the VMM touching it through its mapping: a page fault.',
      source: IN_PLACE,
      focus: at('H', 'H1', 'attributes'),
    },
    {
      schedule: ids('CCCCC'),
      knobs: {},
      note: "C holds the invalidate_lock exclusively, has unmapped, counted references and started the invalidation. H's fault must take the lock shared first: it waits.",
      source: 'include/linux/fs.h, filemap_invalidate_lock_shared()',
      focus: at('H', 'H1', 'invalidate_lock'),
    },
    {
      schedule: ids('CCCCCH'),
      knobs: { hostFaultLock: false },
      note: 'Without the lock, the mainline shape, H2 reads the attribute at once: still shared. The answer goes stale one step later.',
      source: 'virt/kvm/guest_memfd.c, kvm_gmem_fault_user_mapping()',
      focus: at('H', 'H2', 'attributes'),
    },
    {
      schedule: ids('CCCCCHC'),
      knobs: { hostFaultLock: false },
      note: 'C6 stores the new attribute: private. H has already decided that the page is shared.',
      source: IN_PLACE,
      focus: at('C', 'C6', 'attributes'),
    },
    {
      schedule: ids('CCCCCHCHHH'),
      knobs: { hostFaultLock: false },
      note: 'H3 to H6: H finds the folio, locks it and installs the PTE. The VMM now maps a private page: invariant 1 breaks.',
      source: 'mm/memory.c, finish_fault()',
      focus: at('H', 'H6', 'host_pte'),
    },
  ],
});

/** Every race tour, in the order of the worked examples. Names are stable: they appear in links. */
export const RACE_TOURS: readonly RaceTour[] = [
  gupFastRecheck,
  unmapThenCheck,
  hostFaultLock,
  invalidateSeq,
  tdxSplitHang,
];

/** The race tour with this name, or undefined. */
export function raceTourByName(name: string): RaceTour | undefined {
  return RACE_TOURS.find((t) => t.name === name);
}

/**
 * The race of step `index` of a tour, with that step's knobs (its schedule is `steps[index].schedule`).
 * @example raceTourRace(raceTourByName('race-gup-fast-recheck')!, 6).knobs.gupFastRecheck // false
 */
export function raceTourRace(t: RaceTour, index: number): RaceScenario {
  const r = parseRace({ ...t.race, knobs: t.steps[index]?.knobs ?? {} });
  if (!r.ok) throw new Error(`Folioscope: race tour ${t.name} does not parse`);
  return r.race;
}
