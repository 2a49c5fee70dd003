/**
 * Which glossary entry is open, if any. App-wide UI, not simulation state: a `<Term>` inside
 * any dialog opens the glossary on top of it, so this lives outside the simulation store
 * (whose `ui.dialog` holds one dialog at a time).
 */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { GLOSSARY_TERMS, type GlossaryTerm } from './terms.ts';

/** `hosts`: mounted glossary dialogs (none in embed and presentation modes: terms are plain text there). */
const view = createStore<{ entry: string | null; hosts: number }>(() => ({ entry: null, hosts: 0 }));

/** Opens the glossary dialog at entry `id`. */
export const openGlossary = (id: string): void => view.setState({ entry: id });

/** Registers a mounted glossary dialog; returns the unregister (an effect's cleanup). */
export function hostGlossary(): () => void {
  view.setState((s) => ({ hosts: s.hosts + 1 }));
  return () => view.setState((s) => ({ hosts: s.hosts - 1, entry: s.hosts > 1 ? s.entry : null }));
}

/** Whether a glossary dialog is mounted to open. */
export const useGlossaryHosted = (): boolean => useStore(view, (s) => s.hosts > 0);

export const closeGlossary = (): void => view.setState({ entry: null });

/** The entry the glossary dialog is open at, or null while it is closed. */
export const useGlossaryEntry = (): string | null => useStore(view, (s) => s.entry);

/** The entry with this id (its term; the texts load with the list), or undefined. */
export const glossaryEntry = (id: string): GlossaryTerm | undefined =>
  GLOSSARY_TERMS.find((e) => e.id === id);
