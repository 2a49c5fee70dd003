/**
 * Scenarios in the URL fragment: `#s=<share link>&step=N` (the link is the core's codec,
 * "1.<base64url>"). The fragment never reaches a server; boot.ts reads it back.
 */
import { encodeScenario } from '../../core/index.ts';
import type { Scenario } from '../../core/index.ts';

/** The fragment that reopens `scenario` at step `cursor`. */
export const fragmentFor = (scenario: Scenario, cursor: number): string =>
  `#s=${encodeScenario(scenario)}&step=${cursor}`;
