import type { ReactNode } from 'react';
import { glossaryEntry, openGlossary, useGlossaryHosted } from './glossaryView.ts';
import { LABEL_TERMS } from './labelTerms.ts';
import './glossary.css';

/**
 * A word the glossary explains. With children, the word itself is the button (dotted
 * underline); without, a small "?" button. Either opens the glossary at entry `id`.
 */
export function Term({
  id,
  children,
  tabbable = true,
}: {
  id: string;
  children?: ReactNode;
  /** False: clicked, not tabbed to (a label repeated beside a picture; Help lists the same entries). */
  tabbable?: boolean;
}) {
  const entry = glossaryEntry(id);
  const hosted = useGlossaryHosted();
  // Without a glossary to open (embed, presentation) or for an unknown id: plain text.
  if (entry === undefined || !hosted) return <>{children}</>;
  const open = () => openGlossary(id);
  return children === undefined ? (
    <button
      type="button"
      className="term-help"
      aria-label={`Glossary: ${entry.term}`}
      title={`What is ${entry.term}?`}
      onClick={open}
    >
      ?
    </button>
  ) : (
    <button
      type="button"
      className="term"
      title={`Glossary: ${entry.term}`}
      tabIndex={tabbable ? undefined : -1}
      onClick={open}
    >
      {children}
    </button>
  );
}

/** A label the screens show (a lane, a legend entry, an inspector field) as its glossary term. */
export function TermLabel({ label, tabbable = true }: { label: string; tabbable?: boolean }) {
  const id = LABEL_TERMS[label];
  return id === undefined ? (
    <>{label}</>
  ) : (
    <Term id={id} tabbable={tabbable}>
      {label}
    </Term>
  );
}
