import { useState, type FormEvent } from 'react';
import { hex, sizeName } from '../../../core/index.ts';
import { select } from '../../store/commands.ts';
import { useSim, useSimStore } from '../../store/context.tsx';
import { selectConfig, selectSelection } from '../../store/selectors.ts';
import { readSelection } from './selectionInput.ts';

/** The selection as text: type an offset and a length ("0x200000", "2M") instead of clicking. */
export function SelectionForm() {
  const store = useSimStore();
  const selection = useSim(selectSelection);
  const size = useSim(selectConfig).size;
  const key = selection === null ? 'none' : `${selection.start}-${selection.end}`;
  const [shown, setShown] = useState(key);
  const [offsetText, setOffsetText] = useState(selection === null ? '' : hex(selection.start));
  const [lengthText, setLengthText] = useState(
    selection === null ? '4K' : sizeName(selection.end - selection.start),
  );
  // What was refused or corrected in the last typed selection, said in place.
  // It belongs to one selection (`for`): a later click elsewhere makes it stale, so it hides.
  const [said, setSaid] = useState<{
    kind: 'error' | 'note';
    text: string;
    for: string;
    field?: 'offset' | 'length';
  } | null>(null);
  const message = said !== null && said.for === key ? said : null;
  // The selection changed elsewhere (click, keys, diagram): show it. Adjusting state while
  // rendering keeps this instance, so a field that has focus keeps it.
  if (shown !== key) {
    setShown(key);
    setOffsetText(selection === null ? '' : hex(selection.start));
    if (selection !== null) setLengthText(sizeName(selection.end - selection.start));
  }
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const r = readSelection(offsetText, lengthText, size);
    if (!r.ok) {
      setSaid({ kind: 'error', text: r.message, for: key, field: r.field });
      return;
    }
    setSaid(r.note === undefined ? null : { kind: 'note', text: r.note, for: `${r.start}-${r.end}` });
    select(store, { start: r.start, end: r.end, anchor: r.start });
    // Back to the folio tree, where the single-key operations act on what was just selected
    // (in a field they would be typed); a refused entry above keeps the focus to be mended.
    document.getElementById('folio-tree')?.focus();
  };
  return (
    <form
      className="selection-form"
      aria-label="Selection"
      onSubmit={submit}
      onKeyDown={(e) => {
        // Escape leaves the fields for the folio tree, where the single-key shortcuts work again.
        if (e.key !== 'Escape') return;
        e.preventDefault();
        document.getElementById('folio-tree')?.focus();
      }}
    >
      <label>
        Offset{' '}
        <input
          id="selection-offset"
          aria-describedby={message === null ? undefined : 'selection-message'}
          aria-invalid={message?.field === 'offset' ? true : undefined}
          value={offsetText}
          onChange={(e) => setOffsetText(e.target.value)}
          size={12}
          spellCheck={false}
        />
      </label>
      <label>
        Length{' '}
        <input
          aria-describedby={message === null ? undefined : 'selection-message'}
          aria-invalid={message?.field === 'length' ? true : undefined}
          value={lengthText}
          onChange={(e) => setLengthText(e.target.value)}
          size={8}
          spellCheck={false}
        />
      </label>
      <button type="submit">Select</button>
      <span className="muted key-hint">
        Enter selects and returns to the folio tree; Esc returns without selecting
      </span>
      <button type="button" onClick={() => select(store, null)}>
        Clear selection
      </button>
      <p
        id="selection-message"
        aria-live="polite"
        className={
          message === null
            ? 'selection-note'
            : `selection-note ${message.kind === 'error' ? 'error' : 'note'}`
        }
      >
        {message?.text}
      </p>
    </form>
  );
}
