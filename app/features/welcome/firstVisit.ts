/**
 * Whether to greet: only on a first visit, i.e. the address names no link or tour, nothing is
 * autosaved, and the welcome was never used. Once used it stays dismissed (Help shows it again).
 */
import { AUTOSAVE_KEY } from '../../share/boot.ts';
import { readHash } from '../../share/hash.ts';

export const WELCOME_KEY = 'folioscope.welcomed.v1';

/** The part of Storage this needs (tests pass a Map-backed object). */
export interface KeyValue {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export function isFirstVisit(hash: string, storage: KeyValue | null): boolean {
  if (readHash(hash) !== null) return false;
  try {
    if (storage === null) return true;
    return storage.getItem(AUTOSAVE_KEY) === null && storage.getItem(WELCOME_KEY) === null;
  } catch {
    // Storage disabled: greet, there is no saved work to protect.
    return true;
  }
}

/** Remembers that the welcome was used, so it does not come back by itself. */
export function markWelcomed(storage: KeyValue | null): void {
  try {
    storage?.setItem(WELCOME_KEY, '1');
  } catch {
    // Storage full or disabled: the welcome will greet again next time, which is harmless.
  }
}

/** window.localStorage, or null where reading it throws (some privacy modes). */
export function browserStorage(): KeyValue | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}
