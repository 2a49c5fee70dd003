import { describe, expect, it } from 'vitest';
import { tourByName } from '../../core/index.ts';
import { startStageSync, type StageLink } from '../features/presentation/stageSync.ts';
import { initialScenario } from '../initialScenario.ts';
import { jumpTo } from '../store/commands.ts';
import { createSimStore } from '../store/store.ts';
import { ALLOC_0, SHARE_0, testScenario } from '../store/testScenario.ts';
import { resolveOpening, tourScenario } from './boot.ts';
import { loadedTour, loadTours, toursFor, toursLoaded } from './tourLoader.ts';

// Vitest gives each test file its own modules: the tours are not loaded when this file starts,
// as in a page that has just opened. The tests run in order and share that one loader.
const NAME = 'vfio-pin-blocks-conversion';

/** One window's end of a channel: what it was sent is delivered by `deliver`. */
function channel() {
  const listeners: ((data: unknown) => void)[] = [];
  const link: StageLink = {
    send: () => undefined,
    listen: (f) => void listeners.push(f),
    close: () => undefined,
  };
  return { link, deliver: (data: unknown) => listeners.forEach((f) => f(data)) };
}

describe('the tours, loaded on demand', () => {
  it('before they load, a tour cannot be opened, and says why', () => {
    expect(toursLoaded()).toBe(false);
    expect(loadedTour(NAME)).toBeUndefined();
    expect(tourScenario(NAME)).toEqual({
      ok: false,
      error: 'the tours did not load (check the connection and try again)',
    });
    const o = resolveOpening(`#tour=${NAME}`, null, initialScenario);
    expect(o.error).toMatch(
      /^This tour link could not be opened: the tours did not load \(check the connection/,
    );
    expect(o.scenario).toEqual(initialScenario());
  });

  it('a window following another opens a tour it has not loaded once it has, unless a newer step came', async () => {
    const stale = createSimStore(testScenario([ALLOC_0, SHARE_0]));
    const staleLink = channel();
    startStageSync(stale, 'speaker', staleLink.link);
    const follower = createSimStore(initialScenario());
    const link = channel();
    startStageSync(follower, 'speaker', link.link);
    const message = { kind: 'at', clock: 5, from: 'audience', fragment: `#tour=${NAME}&step=2` };
    link.deliver(message);
    staleLink.deliver(message);
    // The stale window moves on by itself while the tours load: its own step is newer.
    jumpTo(stale, 1);
    expect(follower.getState().ui.tour).toBeNull();
    await loadTours();
    // The windows open the tour a few promise turns after the load: a task later, it is done.
    await new Promise((done) => setTimeout(done, 0));
    expect(follower.getState().ui.tour?.name).toBe(NAME);
    expect(follower.getState().doc.cursor).toBe(2);
    expect(stale.getState().ui.tour).toBeNull();
    expect(stale.getState().doc.cursor).toBe(1);
  });

  it('loads once, on the first tour link; other links do not load them', async () => {
    const first = loadTours();
    expect(loadTours()).toBe(first);
    await toursFor('#s=1.AAAA');
    await toursFor(`#tour=${NAME}`);
    expect(toursLoaded()).toBe(true);
    expect(loadedTour(NAME)).toBe(tourByName(NAME));
    expect(tourScenario(NAME).ok).toBe(true);
    expect(tourScenario('nope')).toEqual({ ok: false, error: 'there is no tour named “\u2068nope\u2069”' });
  });
});
