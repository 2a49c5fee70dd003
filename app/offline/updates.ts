/**
 * Whether a new version of Folioscope is waiting (its service worker installed, this page
 * still on the old one), and how to switch to it. A tiny external store for
 * useSyncExternalStore: the registration (register.ts) runs outside React.
 */
type Apply = () => void;

let waiting: Apply | null = null;
const listeners = new Set<() => void>();

/** The new version is ready: `apply` activates it and reloads the page. */
export function updateReady(apply: Apply): void {
  waiting = apply;
  listeners.forEach((f) => f());
}

/** The user chose "Later": the prompt goes until the next update is found. */
export function dismissUpdate(): void {
  waiting = null;
  listeners.forEach((f) => f());
}

export const pendingUpdate = (): Apply | null => waiting;

export function onUpdateChange(f: () => void): () => void {
  listeners.add(f);
  return () => void listeners.delete(f);
}
