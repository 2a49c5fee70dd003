import { useEffect, useRef } from 'react';
import { LazyGlossaryList } from './LazyGlossaryList.tsx';
import { closeGlossary, hostGlossary, useGlossaryEntry } from './glossaryView.ts';

/** Mounted once: the glossary dialog, opened by any `<Term>`, on top of any other dialog. */
export function GlossaryHost() {
  const entry = useGlossaryEntry();
  useEffect(hostGlossary, []);
  return entry === null ? null : <GlossaryDialog entry={entry} />;
}

function GlossaryDialog({ entry }: { entry: string }) {
  const ref = useRef<HTMLDialogElement>(null);
  const opener = useRef<Element | null>(null);
  useEffect(() => {
    const d = ref.current;
    // No close() on cleanup: StrictMode's rehearsal unmount would fire 'close' and shut the dialog.
    if (d !== null && !d.open) {
      opener.current = document.activeElement;
      d.showModal();
      // A list already loaded marked its entry before the dialog was shown; now it can scroll and
      // take focus. A list still loading does both itself once it mounts, the dialog open by then.
      const target = d.querySelector<HTMLElement>(`#glossary-${entry}`);
      target?.scrollIntoView({ block: 'start' });
      target?.focus({ preventScroll: true });
    }
  }, [entry]);
  const onClose = () => {
    closeGlossary();
    // Back to the "?" that opened it, even inside another dialog.
    if (opener.current instanceof HTMLElement) opener.current.focus();
  };
  return (
    <dialog
      ref={ref}
      aria-labelledby="glossary-title"
      className="glossary-dialog"
      onClose={onClose}
      // Keys typed here are not the app's shortcuts (Esc still closes: it is the dialog's default).
      onKeyDown={(e) => e.stopPropagation()}
    >
      <h2 id="glossary-title">Glossary</h2>
      <LazyGlossaryList focus={entry} />
      <form method="dialog" className="dialog-buttons">
        <button type="submit">Close</button>
      </form>
    </dialog>
  );
}
