import type { GmemConfig, Op } from '../types.ts';

/** A validated, normalised scenario (format v1): configuration and steps, numbers in bytes. */
export interface Scenario {
  readonly title?: string;
  readonly description?: string;
  readonly config: GmemConfig;
  readonly steps: readonly Op[];
}

export interface ScenarioError {
  /** Where: "gmem.size", "steps[3].length", "policy.splitPath"… */
  readonly path: string;
  readonly message: string;
}

export type ParseResult =
  | { readonly ok: true; readonly scenario: Scenario }
  | { readonly ok: false; readonly errors: readonly ScenarioError[] };

/**
 * A line of the experiment that another line replaced (the app's branches), as a version 3
 * share link carries it: all of its steps (the prefix it shares with the scenario included)
 * and where it parted from the line that replaced it.
 */
export interface LinkBranch {
  readonly steps: readonly Op[];
  readonly forkAt: number;
}
