import type { Machine } from '../../../core/index.ts';

/** A state's name as the diagram draws it ("private, guest-mapped" for `private-mapped`). */
export const stateLabel = (m: Machine<string>, id: string | undefined): string =>
  m.states.find((s) => s.id === id)?.label ?? id ?? 'none';
