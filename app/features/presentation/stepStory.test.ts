import { beforeAll, describe, expect, it } from 'vitest';
import { createSimStore } from '../../store/store.ts';
import { tourScenario } from '../../share/boot.ts';
import { loadTours } from '../../share/tourLoader.ts';
import { stepStory } from './stepStory.ts';

// The tours load on demand in the app (tourLoader.ts): these tests play them.
beforeAll(() => loadTours());

/** The story of step `i` of a tour, as the stage diagram draws it. */
function storyOf(name: string, i: number) {
  const r = tourScenario(name);
  if (!r.ok) throw new Error(r.error);
  const { replay } = createSimStore(r.scenario).getState();
  return stepStory(replay.states.at(i - 1), replay.states.at(i), replay.ops[i - 1], replay.results[i - 1], 0);
}

describe('the step on the stage, as one edge of the page machine', () => {
  it('a refused step bounces with its errno, on the page the kernel named', () => {
    expect(storyOf('vfio-pin-blocks-conversion', 4)).toMatchObject({
      page: 0,
      from: 'shared-pinned',
      outcome: { kind: 'refused', errno: 'EAGAIN', op: 'convert', toAttr: 'private' },
    });
  });

  it('an accepted step moves the page the op is about along the machine’s edge', () => {
    const s = storyOf('share-4k-in-1g', 2);
    expect(s).toMatchObject({ page: 0x201000, from: 'private', outcome: { kind: 'move', to: 'shared' } });
    expect(s?.outcome?.edge).toBeDefined();
  });

  it('a step that leaves the page as it was says so', () => {
    expect(storyOf('tdx-removal-leak', 8)?.outcome).toMatchObject({ kind: 'stay' });
  });

  it('before the first step there is only the state', () => {
    const r = tourScenario('share-4k-in-2m');
    if (!r.ok) throw new Error(r.error);
    const first = createSimStore(r.scenario).getState().replay.states.at(0);
    expect(stepStory(undefined, first, undefined, undefined, 0x1000)).toEqual({
      page: 0x1000,
      from: 'private-hole',
    });
  });
});
