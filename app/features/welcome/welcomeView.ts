/** "Show the welcome again" (from Help): a request the mounted welcome listens for. */
import { createStore } from 'zustand/vanilla';

const requests = createStore<{ count: number }>(() => ({ count: 0 }));

export const showWelcome = (): void => requests.setState((s) => ({ count: s.count + 1 }));

/** Calls `f` on each request; returns the unsubscribe. */
export const onShowWelcome = (f: () => void): (() => void) => requests.subscribe(f);
