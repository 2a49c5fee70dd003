/** Searching the glossary: part of the list's lazily loaded chunk, as it reads the texts. */
import { GLOSSARY, type GlossaryEntry } from './entries.ts';

/** Entries whose term, other names or text contain every word of `query` (case-insensitive). */
export function searchGlossary(query: string): readonly GlossaryEntry[] {
  const words = query
    .toLowerCase()
    .split(/\s+/)
    .filter((w) => w.length > 0);
  if (words.length === 0) return GLOSSARY;
  return GLOSSARY.filter((e) => {
    const hay = [e.term, ...(e.aka ?? []), e.text].join(' ').toLowerCase();
    return words.every((w) => hay.includes(w));
  });
}
