/** The race explorer (spec/races.md): what the CLI and, later, the app use. */
export { explore, resultText, DEFAULT_EXPLORE, type ExploreResult, type RaceOutcome } from './explore.ts';
export { parseRace, type RaceScenario } from './format.ts';
export { readRaceFile } from './file.ts';
export { raceFrom, raceTrace, raceView, type RaceTrace, type RaceView } from './trace.ts';
export { exploreText, raceTraceText } from './text.ts';
export { runAlone } from './alone.ts';
export { blockedBy, enabledActors, traceStep, type Race } from './session.ts';
export { DEFAULT_RACE_KNOBS, RACE_KNOB_CHOICES } from './knobs.ts';
export { WORKED_EXAMPLES } from './examples.ts';
export { raceJson, type RaceSpec } from './testkit.ts';
export type { RaceViolation } from './invariants.ts';
export type { Step as RaceStep } from './program.ts';
export type { ActorSpec, ExploreOptions, RaceKnobs, Wait, World as RaceWorld } from './types.ts';
export { decodeRaceLink, type RaceLinkResult } from './link.ts';
export { encodeRaceLink, type RaceLink } from './linkWrite.ts';
