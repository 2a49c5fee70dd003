/** The race explorer (spec/races.md): what the CLI and, later, the app use. */
export { explore, type ExploreResult } from './explore.ts';
export { parseRace, type RaceScenario } from './format.ts';
export { readRaceFile } from './file.ts';
export { raceFrom, raceTrace, type RaceTrace } from './trace.ts';
export { exploreText, raceTraceText } from './text.ts';
export { runAlone } from './alone.ts';
export { decodeRaceLink, type RaceLinkResult } from './link.ts';
export { encodeRaceLink, type RaceLink } from './linkWrite.ts';
