import { describe, expect, it } from 'vitest';
import { GLOSSARY } from './entries.ts';
import { glossaryEntry, searchGlossary } from './glossaryView.ts';
import { LABEL_TERMS } from './labelTerms.ts';

/** Sentences, roughly: a full stop, question or exclamation mark followed by a space or the end. */
const sentences = (t: string) => t.split(/(?<=[.!?”])\s+(?=[A-Z“])/).length;

describe('the glossary', () => {
  it('has unique, URL-safe ids', () => {
    const ids = GLOSSARY.map((e) => e.id);
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
});
