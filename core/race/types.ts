import type { Attr, CoreEvent, GmemState, Op, Refusal } from '../types.ts';
import type { RangeMap } from '../state/rangeMap.ts';
import type { Scenario } from '../scenario/types.ts';

/** Race knobs of spec/races.md §6.3; the first value of each is the default. */
export interface RaceKnobs {
  readonly hostFaultLock: boolean;
  readonly vcpuFaultLock: boolean;
  readonly mmuSeqRetry: boolean;
  readonly gupFastRecheck: boolean;
  readonly convertOrder: 'unmapThenCheck' | 'checkThenUnmap';
  readonly vcpuRefAcrossMap: 'hold' | 'drop';
  readonly faultConvertCheck: 'exact' | 'skip';
  readonly freezeWait: 'eagain' | 'spin';
  readonly tdxRemovalFailure: 'ref' | 'bug' | 'propagate';
}

/** An actor's operation: a v1 op (one page) or the race-only faultConvert of seed 003. */
export type ActorOp =
  | (Op & {
      /** pin only: the GUP entry point and the reference it takes. */
      readonly path?: 'auto' | 'fast' | 'slow';
      readonly foll?: 'pin' | 'get';
    })
  | { readonly op: 'faultConvert'; readonly offset: number };

export interface ActorSpec {
  readonly id: string;
  readonly op: ActorOp;
  readonly label?: string;
}

/** `mapping->invalidate_lock`, an rwsem: one exclusive holder or shared holders. */
export type InvalidateLock = null | { readonly x: string } | { readonly s: readonly string[] };

export interface Locks {
  readonly invalidate: InvalidateLock;
  /** `kvm->mmu_lock` readers (writers hold it inside one step, §1.2). */
  readonly mmu: readonly string[];
  /** folio id -> the actor holding `folio_lock()`. */
  readonly folio: Readonly<Record<string, string>>;
}

/** `mmu_invalidate_seq`, `mmu_invalidate_in_progress` and the range being invalidated. */
export interface KvmSeq {
  readonly seq: number;
  readonly inProgress: number;
  readonly range: readonly [number, number] | null;
}

/** What an actor waits for when its next step is disabled (§5). */
export interface Wait {
  readonly resource: 'invalidate_lock' | 'mmu_lock' | 'folio_lock' | 'mmu_invalidate' | 'folio_ref_freeze';
  readonly holder?: string;
  readonly on: string;
}

/** An actor's answer, in the v1 trace's terms. */
export interface ActorResult {
  readonly ok: boolean;
  readonly errno?: string;
  readonly exit?: string;
  readonly errorOffset?: number;
  readonly refusal?: Refusal;
}

/** Named locals of §2 (pte0, seq0, attr0, folio) plus a pending refusal and bookkeeping flags. */
export interface Locals {
  readonly pte0?: number | null;
  readonly seq0?: number;
  readonly attr0?: Attr;
  readonly folio?: number;
  readonly err?: Refusal;
  /** Whether the actor changed the file before refusing (a refusal with side effects). */
  readonly sideEffects?: boolean;
  /** GUP: the 'gup' event was emitted (once, before the first fault or commit). */
  readonly announced?: boolean;
}

export interface ActorState {
  readonly pc: string;
  readonly status: 'running' | 'done';
  readonly locals: Locals;
  readonly result?: ActorResult;
  /** Non-race events so far: what `apply` of the op reports, when the actor runs alone. */
  readonly events: readonly CoreEvent[];
}

/** The world of §1: today's state plus the race state of §2. */
export interface World {
  readonly g: GmemState;
  /**
   * One actor run to completion (apply, runAlone): no identity maps are kept and the
   * race-only references (a path's own lookup, a GUP-fast grab) are not recorded, since no
   * other actor can see them; the core state after each step is the one the explorer reaches.
   */
  readonly alone: boolean;
  readonly locks: Locks;
  readonly kvm: KvmSeq;
  /** Folio identity: the id of the memory at each file offset (split and merge keep it). */
  readonly mem: RangeMap<number>;
  /** The folio id each VMM PTE and each stage-2 entry maps. */
  readonly pteIds: RangeMap<number>;
  readonly s2Ids: RangeMap<number>;
  /** Ids of memory that left the file: core orphan id, or 'freed'. */
  readonly gone: Readonly<Record<string, number | 'freed'>>;
  /** Pages the TDX module still maps after a failed S-EPT removal (R1). */
  readonly sept: RangeMap<true>;
  readonly nextFid: number;
  readonly actors: Readonly<Record<string, ActorState>>;
}

/** A race-only event type; `apply` never reports these (§4.1). */
export const RACE_EVENT_TYPES: readonly string[] = ['lock', 'unlock', 'wait', 'recheck', 'retry', 'spin'];

/** Bounds of one exploration (§6.1 `explore`). */
export interface ExploreOptions {
  readonly maxStates: number;
  readonly maxViolations: number;
}

/** A validated race scenario (format folioscope-race v1, spec/races.md §6). */
export interface RaceScenario {
  readonly title?: string;
  /** The v1 part: configuration and the setup steps, run atomically with apply. */
  readonly setup: Scenario;
  readonly actors: readonly ActorSpec[];
  readonly knobs: RaceKnobs;
  readonly schedule?: readonly string[];
  readonly explore: ExploreOptions;
}
