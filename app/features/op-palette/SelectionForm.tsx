import { useState, type FormEvent } from 'react';
import { PAGE, alignDown, alignUp, hex, parseSize, sizeName } from '../../../core/index.ts';
import { select } from '../../store/commands.ts';
import { useSim, useSimStore } from '../../store/context.tsx';
import { selectConfig, selectSelection } from '../../store/selectors.ts';

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
  const [error, setError] = useState('');
  // The selection changed elsewhere (click, keys, diagram): show it. Adjusting state while
  // rendering keeps this instance, so a field that has focus keeps it.
  if (shown !== key) {
    setShown(key);
    setOffsetText(selection === null ? '' : hex(selection.start));
    if (selection !== null) setLengthText(sizeName(selection.end - selection.start));
  }
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const o = parseSize(offsetText);
    const l = parseSize(lengthText);
    if (o === undefined || l === undefined || l === 0) {
      setError('Offset and length are sizes like 0x1000, 4K or 2M.');
      return;
    }
    const a = Math.min(alignDown(o, PAGE), size - PAGE);
    const b = Math.min(size, Math.max(a + PAGE, alignUp(a + l, PAGE)));
    setError('');
    select(store, { start: a, end: b, anchor: a });
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
          value={offsetText}
          onChange={(e) => setOffsetText(e.target.value)}
          size={12}
          spellCheck={false}
        />
      </label>
      <label>
        Length{' '}
        <input
          value={lengthText}
          onChange={(e) => setLengthText(e.target.value)}
          size={8}
          spellCheck={false}
        />
      </label>
      <button type="submit">Select</button>
      <span className="muted key-hint">Enter selects; Esc returns to the folio tree</span>
      <button type="button" onClick={() => select(store, null)}>
        Clear selection
      </button>
      {error !== '' && <span className="error">{error}</span>}
    </form>
  );
}
