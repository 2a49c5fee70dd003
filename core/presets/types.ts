import type { VmType } from '../types.ts';
import { tourEntry } from './tourIndex.ts';

/** A size or offset as the scenario format writes it: bytes, or a string like "4K", "0x200000". */
export type SizeJson = string | number;

/** One step of a tour: a format-v1 step with its narration (plain text, at most 200 characters). */
export interface TourStep {
  readonly op: string;
  readonly note: string;
  readonly [field: string]: string | number | boolean;
}

/**
 * The part of the screen a step is about: the folio tree (folios, split and merge), the lanes
 * under it (VMM mappings, stage-2 leaves, pins and references, orphans), the state diagram
 * (the page's state and the edge taken), or the refusal (errno, kernel function, reason).
 */
export type FocusPanel = 'tree' | 'lanes' | 'diagram' | 'refusal';

/** Where the audience should look after a step: a byte range of the file and a panel. */
export interface TourFocus {
  readonly panel: FocusPanel;
  readonly offset: SizeJson;
  readonly length: SizeJson;
}

/** A tour step as written in the catalogue: the scenario step and where it points. */
export interface TourStepInput {
  readonly op: string;
  readonly note: string;
  readonly look: TourFocus;
  readonly [field: string]: string | number | boolean | TourFocus;
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
  /** What the tour teaches, citing the thread (subject, author, date) or kernel file it comes from. */
  readonly description: string;
  /** The raw scenario object; parse it with parseScenario. */
  readonly scenario: TourScenario;
  /** Where each step points (index i: after step i + 1), one per step. */
  readonly focus: readonly TourFocus[];
}

/** Shorthand for a step's focus: `look('refusal', '0', '64K')`. */
export const look = (panel: FocusPanel, offset: SizeJson, length: SizeJson): TourFocus => ({
  panel,
  offset,
  length,
});

/** The scenario step alone: the focus is the tour's, not the scenario format's. */
function scenarioStep(s: TourStepInput): TourStep {
  const fields: Record<string, string | number | boolean> = {};
  for (const [k, v] of Object.entries(s)) if (typeof v !== 'object') fields[k] = v;
  return { ...fields, op: s.op, note: s.note };
}

/**
 * Builds a tour whose scenario carries the same title and description; its title is the one
 * the index (tourIndex.ts) gives its name, so lists and the tour itself never disagree.
 */
export function tour(t: {
  name: string;
  description: string;
  vm: VmType;
  gmem: TourScenario['gmem'];
  policy?: TourScenario['policy'];
  steps: readonly TourStepInput[];
}): Tour {
  const title = tourEntry(t.name)?.title;
  if (title === undefined) throw new Error(`Folioscope: the tour ${t.name} is not in the tour index`);
  const scenario: TourScenario = {
    format: 'folioscope-scenario',
    version: 1,
    title,
    description: t.description,
    vm: { type: t.vm },
    gmem: t.gmem,
    ...(t.policy === undefined ? {} : { policy: t.policy }),
    steps: t.steps.map(scenarioStep),
  };
  return {
    name: t.name,
    title,
    description: t.description,
    scenario,
    focus: t.steps.map((s) => s.look),
  };
}

/** The VMM maps the whole file, as QEMU maps guest RAM: a step many tours share. */
export const mapWholeFile = (size: string): TourStepInput => ({
  op: 'hostMap',
  offset: '0',
  length: size,
  note: 'The VMM maps the file: a VMA over all of it.',
  look: look('lanes', '0', size),
});
