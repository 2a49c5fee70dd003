import { describe, expect, it } from 'vitest';
import { GLOSSARY, GLOSSARY_TEXTS } from './entries.ts';
import { searchGlossary } from './glossarySearch.ts';
import { glossaryEntry } from './glossaryView.ts';
import { LABEL_TERMS } from './labelTerms.ts';
import { GLOSSARY_TERMS } from './terms.ts';

/** Sentences, roughly: a full stop, question or exclamation mark followed by a space or the end. */
const sentences = (t: string) => t.split(/(?<=[.!?”])\s+(?=[A-Z“])/).length;

describe('the glossary', () => {
  it('has unique, URL-safe ids', () => {
    const ids = GLOSSARY_TERMS.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9-]+$/);
  });

  it.each(GLOSSARY.map((e) => [e.id, e] as const))('%s: two or three sentences and a source', (_, e) => {
    expect(sentences(e.text)).toBeGreaterThanOrEqual(2);
    expect(sentences(e.text)).toBeLessThanOrEqual(3);
    expect(e.source.length).toBeGreaterThan(10);
    // Sources are cited by kernel file/function or thread, never by our own shorthand.
    expect(e.source).not.toMatch(/seed \d|\[SEED|\[IPC\]|\[RFC1G|\[ML\]|\[WIP/i);
    expect((e.see ?? []).filter((s) => glossaryEntry(s) === undefined)).toEqual([]);
  });

  it('covers the terms the issue lists and the rows of the folio tree', () => {
    const wanted = [
      'folio',
      'hugetlb-block',
      'subpool',
      'attribute',
      'conversion',
      'stage2',
      'ept',
      's-ept',
      'rmp',
      'pkvm-stage2',
      'gup-pin',
      'transient-ref',
      'mapcount',
      'refcount',
      'orphan',
      'split',
      'merge',
      'punch-hole',
      'hvo',
      'offset',
      'page',
      'vma',
      'host-pte',
      'page-state',
    ];
    expect(wanted.filter((id) => glossaryEntry(id) === undefined)).toEqual([]);
  });

  it('every screen label points at an entry', () => {
    expect(Object.entries(LABEL_TERMS).filter(([, id]) => glossaryEntry(id) === undefined)).toEqual([]);
  });

  it('searches terms, other names and text', () => {
    expect(searchGlossary('FOLL_LONGTERM').map((e) => e.id)).toContain('gup-pin');
    expect(searchGlossary('vmemmap struct').map((e) => e.id)).toContain('hvo');
    expect(searchGlossary('')).toHaveLength(GLOSSARY.length);
    expect(searchGlossary('no such word anywhere')).toEqual([]);
  });

  it('has a text for exactly the ids of the index, joined in the index order', () => {
    const ids = GLOSSARY_TERMS.map((e) => e.id);
    expect(Object.keys(GLOSSARY_TEXTS).toSorted()).toEqual(ids.toSorted());
    expect(GLOSSARY.map((e) => e.id)).toEqual(ids);
    for (const e of GLOSSARY) {
      expect(e.term).toBe(glossaryEntry(e.id)?.term);
      expect(e.text).toBe(GLOSSARY_TEXTS[e.id as keyof typeof GLOSSARY_TEXTS].text);
    }
  });

  it('the first screen imports only the index: the texts come with the lazily loaded list', () => {
    const reached = staticImports('/app/main.tsx');
    expect(reached).toContain(inGlossary('terms.ts'));
    expect(reached).toContain(inGlossary('LazyGlossaryList.tsx'));
    for (const lazy of ['entries.ts', 'glossarySearch.ts', 'GlossaryList.tsx']) {
      expect(reached).not.toContain(inGlossary(lazy));
    }
  });
});

/** A module of the glossary, by path from the project root. */
const inGlossary = (f: string) => `/app/features/glossary/${f}`;

/** The app's sources by path from the project root ('/app/…'). */
const SOURCES: Readonly<Record<string, string>> = import.meta.glob(['/app/**/*.{ts,tsx}', '!**/*.test.ts'], {
  query: '?raw',
  import: 'default',
  eager: true,
});

/**
 * The app modules `start` reaches through static, non-type relative imports: what the bundler
 * puts in the first load with it (core/ is left out: it never imports the app).
 */
function staticImports(start: string): ReadonlySet<string> {
  const seen = new Set<string>();
  const visit = (file: string): void => {
    const src = SOURCES[file];
    if (src === undefined || seen.has(file)) return;
    seen.add(file);
    for (const m of src.matchAll(/^(?:import|export)(?!\s+type\s)[^;]*?\sfrom\s+'(\.[^']+)'/gm)) {
      visit(new URL(m[1] ?? '', `file://${file}`).pathname);
    }
  };
  visit(start);
  return seen;
}
