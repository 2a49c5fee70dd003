import type { VmType } from '../types.ts';

/** A size or offset as the scenario format writes it: bytes, or a string like "4K", "0x200000". */
export type SizeJson = string | number;

/** One step of a tour: a format-v1 step with its narration (plain text, at most 200 characters). */
export interface TourStep {
  readonly op: string;
  readonly note: string;
  readonly [field: string]: string | number | boolean;
}

/** A format-v1 scenario as plain JSON-compatible data (what a share link or a file holds). */
export interface TourScenario {
  readonly format: 'folioscope-scenario';
  readonly version: 1;
  readonly title: string;
  readonly description: string;
  readonly vm: { readonly type: VmType };
  readonly gmem: {
    readonly size: SizeJson;
    readonly pageSize?: SizeJson;
    readonly mmap?: boolean;
    readonly initShared?: boolean;
  };
  readonly policy?: Readonly<Record<string, string | number | boolean>>;
  readonly steps: readonly TourStep[];
}

/** A narrated tour: a scenario whose every step says why it happens and what to look at. */
export interface Tour {
  /** Stable and URL-safe (lower-case letters, digits, hyphens): used in links. */
  readonly name: string;
  readonly title: string;
  /** What the tour teaches, citing the thread or patch it comes from. */
  readonly description: string;
  /** The raw scenario object; parse it with parseScenario. */
  readonly scenario: TourScenario;
}

/** Builds a tour whose scenario carries the same title and description. */
export function tour(t: {
  name: string;
  title: string;
  description: string;
  vm: VmType;
  gmem: TourScenario['gmem'];
  policy?: TourScenario['policy'];
  steps: readonly TourStep[];
}): Tour {
  const scenario: TourScenario = {
    format: 'folioscope-scenario',
    version: 1,
    title: t.title,
    description: t.description,
    vm: { type: t.vm },
    gmem: t.gmem,
    ...(t.policy === undefined ? {} : { policy: t.policy }),
    steps: t.steps,
  };
  return { name: t.name, title: t.title, description: t.description, scenario };
}
