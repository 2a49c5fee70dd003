import { readFileSync, readdirSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { goldenOf } from './golden.ts';
import { runTour } from './testkit.ts';
import { TOURS } from './tours.ts';

const dir = new URL('./golden/', import.meta.url);
// A failure here means the core's semantics changed. If that is intended, regenerate with
// `npx tsx core/presets/writeGolden.ts` and review the diff of core/presets/golden/.
describe('golden traces of the tours', () => {
  it.each(TOURS.map((t) => [t.name, t] as const))('%s replays exactly as its golden file', (name, t) => {
    const file = new URL(`${name}.json`, dir);
    const golden: unknown = JSON.parse(readFileSync(file, 'utf8'));
    // Through JSON, as the file was written: undefined fields vanish the same way.
    const now: unknown = JSON.parse(JSON.stringify(goldenOf(name, runTour(t))));
    expect(now).toEqual(golden);
  });

  it('has one small file per tour and nothing stale', () => {
    const files = readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .toSorted();
    expect(files).toEqual(TOURS.map((t) => `${t.name}.json`).toSorted());
    const tooBig = files.filter((f) => statSync(new URL(f, dir)).size >= 300 * 1024);
    expect(tooBig).toEqual([]);
  });
});
