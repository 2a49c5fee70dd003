import { tourScenario } from '../../share/boot.ts';
import { tryLoadTours } from '../../share/tourLoader.ts';
import { playTour, setLinkError } from '../../store/commands.ts';
import type { SimStore } from '../../store/store.ts';

/**
 * Plays the tour `name` from its introduction, once the tours are loaded (they load on demand:
 * tourLoader.ts); when it cannot be opened, says why and keeps what is open.
 */
export async function startTour(store: SimStore, name: string): Promise<void> {
  // A failed load is reported by tourScenario, in the same words as a tour link's.
  await tryLoadTours();
  const r = tourScenario(name);
  if (r.ok) playTour(store, name, r.scenario, 0);
  else setLinkError(store, `The tour could not be opened: ${r.error}.`);
}
