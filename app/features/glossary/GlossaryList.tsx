import { useEffect, useRef, useState } from 'react';
import { searchGlossary } from './glossarySearch.ts';
import { glossaryEntry } from './glossaryView.ts';
import './glossary.css';

/**
 * Every glossary entry with its source, filtered by a search field. `focus` names the entry to
 * show first: it is scrolled into view, marked and given keyboard focus. Loaded lazily, with the
 * texts: show it through `LazyGlossaryList`.
 */
export function GlossaryList({ focus }: { focus?: string | null }) {
  const [query, setQuery] = useState('');
  const [target, setTarget] = useState(focus ?? null);
  const list = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (target === null) return;
    const el = list.current?.querySelector<HTMLElement>(`#glossary-${target}`);
    el?.scrollIntoView({ block: 'start' });
    el?.focus({ preventScroll: true });
  }, [target]);
  const entries = searchGlossary(query);
  return (
    <div className="glossary">
      <label className="glossary-search">
        Search the glossary{' '}
        <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} spellCheck={false} />
      </label>
      <div ref={list} className="glossary-entries">
        {entries.length === 0 && <p className="muted">No entry matches “{query}”.</p>}
        {entries.map((e) => (
          <article
            key={e.id}
            id={`glossary-${e.id}`}
            aria-labelledby={`glossary-${e.id}-term`}
            tabIndex={-1}
            className={e.id === target ? 'glossary-entry target' : 'glossary-entry'}
          >
            <h3 id={`glossary-${e.id}-term`}>
              {e.term}
              {e.aka !== undefined && e.aka.length > 0 && (
                <span className="muted glossary-aka"> · also {e.aka.join(', ')}</span>
              )}
            </h3>
            <p>{e.text}</p>
            <p className="glossary-source">
              <span className="muted">Source:</span> {e.source}
            </p>
            {e.see !== undefined && (
              <p className="glossary-see">
                <span className="muted">See also:</span>{' '}
                {e.see.map((id) => (
                  <button
                    key={id}
                    type="button"
                    className="term"
                    onClick={() => {
                      setQuery('');
                      setTarget(id);
                    }}
                  >
                    {glossaryEntry(id)?.term ?? id}
                  </button>
                ))}
              </p>
            )}
          </article>
        ))}
      </div>
    </div>
  );
}
