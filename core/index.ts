/** Folioscope core: the public API. Pure, deterministic, no DOM. */
export type {
  Attr,
  Content,
  CoreEvent,
  GmemConfig,
  GmemState,
  Op,
  OpName,
  OpOf,
  Orphan,
  Policy,
  RefIndex,
  RefRecord,
  Refusal,
  Stage2,
  StepResult,
  OpResult,
  Transition,
  VmType,
} from './types.ts';
export {
  PAGE,
  SIZE_2M,
  SIZE_1G,
  LEVELS,
  hex,
  grouped,
  plural,
  sizeName,
  rangeName,
  alignDown,
  alignUp,
} from './units.ts';
export { create, type CreateResult } from './create.ts';
export { apply, applyWithoutTransitions } from './apply.ts';
export { diagramTransitions } from './transitions.ts';
/** A deterministic history of meaningful ops (the benchmarks' workload; the perf specs open it as a link). */
export { benchConfig, meaningfulOps, prng } from './bench/workload.ts';
export {
  replay,
  replayStates,
  startTrace,
  traceSteps,
  stepRecords,
  outcomeOf,
  stepEvents,
  type StepOutcome,
  type Trace,
  type TraceHead,
  type TraceStep,
  type StepRecord,
} from './replay.ts';
export { observe, type Observation, type FolioRun } from './observe.ts';
export { plainObservation } from './observation.ts';
export { checkInvariants, INVARIANTS, type Violation } from './invariants.ts';
export { classifyPages, classifyBlocks, eachPageState, pageStateAt } from './classify.ts';
export { pageStatesChanged } from './pageStatesChanged.ts';
export { observedChanged } from './observedChanged.ts';
export type { PageStateSink } from './classify.ts';
export {
  PAGE_MACHINE,
  BLOCK_MACHINE,
  edgeId,
  hasEdge,
  type Machine,
  type DiagramEdge,
  type DiagramState,
  type RefusedEdge,
  type PageStateId,
  type BlockStateId,
} from './diagram.ts';
export {
  parseScenario,
  parseStep,
  validateStep,
  holderProblem,
  formatErrors,
  scenarioLimitProblem,
  OP_FIELDS,
  MAX_STEPS,
  VM_TYPES,
} from './scenario/parse.ts';
export type { RangeMap, Run, Runs } from './state/rangeMap.ts';
export { toRuns } from './state/rangeMap.ts';
export { allRefs, refsOverlapping } from './state/refIndex.ts';
export { sortedUnique, sortedUniqueReference } from './state/sortedUnique.ts';
export {
  encodeScenario,
  decodeScenario,
  scenarioFileText,
  CODEC_VERSION,
  RACE_CODEC_VERSION,
  MAX_LINK_LENGTH,
  type DecodeResult,
} from './scenario/codec.ts';
export { parseSize, sizeProblem, type SizeProblem } from './scenario/numbers.ts';
export { DEFAULT_POLICY, POLICY_CHOICES, BOOLEAN_KNOBS } from './scenario/policy.ts';
export { scenarioToJson, opToJson } from './scenario/serialize.ts';
export type { Scenario, ScenarioError, ParseResult, LinkBranch } from './scenario/types.ts';
export { traceToText, traceTextChunks, recordsTextChunks, stateLines, opLine } from './trace/text.ts';
export { traceJsonChunks, batched } from './trace/json.ts';
export { LIMITS, limitLabel, utf8Length } from './scenario/limits.ts';
export { readScenarioFile, decodeFileText, fileSizeProblem, type FileResult } from './scenario/file.ts';
export { describeConfig } from './describe.ts';
export { mappingLevel, archMaxLevel } from './state/stage2.ts';
export { poolUsage } from './state/folioOps.ts';
export {
  TOURS,
  tourByName,
  TOUR_INDEX,
  tourEntry,
  type TourEntry,
  tourFocus,
  FOCUS_PANEL_NAME,
  type Tour,
  type FocusPanel,
  type FocusRange,
  RACE_TOURS,
  raceTourByName,
  raceTourRace,
  type RaceTour,
  type RaceTourStep,
  type RaceTourFocus,
  type RaceFocusOn,
} from './presets/index.ts';
export {
  decodeRaceLink,
  encodeRaceLink,
  explore,
  exploreText,
  parseRace,
  raceFrom,
  raceTrace,
  raceTraceText,
  readRaceFile,
  runAlone,
  type ExploreResult,
  type RaceScenario,
  type RaceLink,
  type RaceLinkResult,
  type RaceTrace,
} from './race/index.ts';
// The race explorer's browser view (app/features/race).
export {
  blockedBy,
  enabledActors,
  traceStep,
  raceView,
  resultText,
  raceJson,
  DEFAULT_EXPLORE,
  DEFAULT_RACE_KNOBS,
  RACE_KNOB_CHOICES,
  WORKED_EXAMPLES,
  type ActorSpec,
  type ExploreOptions,
  type Race,
  type RaceKnobs,
  type RaceOutcome,
  type RaceSpec,
  type RaceStep,
  type RaceView,
  type RaceViolation,
  type RaceWorld,
  type Wait,
} from './race/index.ts';
