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
  return <SelectionFields key={key} store={store} size={size} start={selection?.start} length={selection === null ? undefined : selection.end - selection.start} />;
}

function SelectionFields({ store, size, start, length }: { store: ReturnType<typeof useSimStore>; size: number; start: number | undefined; length: number | undefined }) {
  const [offsetText, setOffsetText] = useState(start === undefined ? '' : hex(start));
  const [lengthText, setLengthText] = useState(length === undefined ? '4K' : sizeName(length));
  const [error, setError] = useState('');
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
    <form className="selection-form" aria-label="Selection" onSubmit={submit}>
      <label>
        Offset <input value={offsetText} onChange={(e) => setOffsetText(e.target.value)} size={12} spellCheck={false} />
      </label>
      <label>
        Length <input value={lengthText} onChange={(e) => setLengthText(e.target.value)} size={8} spellCheck={false} />
      </label>
      <button type="submit">Select</button>
      <button type="button" onClick={() => select(store, null)}>Clear selection</button>
      {error !== '' && <span className="error">{error}</span>}
    </form>
  );
}
