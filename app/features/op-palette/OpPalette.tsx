import { useState } from 'react';
import { SIZE_1G, SIZE_2M, PAGE, sizeName } from '../../../core/index.ts';
import { act } from '../../store/commands.ts';
import { useSim, useSimStore } from '../../store/context.tsx';
import { selectSelection } from '../../store/selectors.ts';
import { buildOp, GROUPS, PALETTE, type OpInputs } from './ops.ts';
import { SelectionForm } from './SelectionForm.tsx';
import { StepNotice } from './StepNotice.tsx';

/** Buttons for every operation, acting on the selection. */
export function OpPalette() {
  const store = useSimStore();
  const selection = useSim(selectSelection);
  const [holder, setHolder] = useState('');
  const [write, setWrite] = useState(false);
  const [splitTo, setSplitTo] = useState(PAGE);
  const [mergeSize, setMergeSize] = useState(SIZE_2M);
  const inputs: OpInputs = { selection, holder, write, splitTo, mergeSize };
  return (
    <section className="panel palette" aria-labelledby="palette-title">
      <h2 id="palette-title">Operations</h2>
      <SelectionForm />
      <div className="options">
        <label>
          Holder <input value={holder} onChange={(e) => setHolder(e.target.value)} placeholder="default" size={9} spellCheck={false} />
        </label>
        <label>
          <input type="checkbox" checked={write} onChange={(e) => setWrite(e.target.checked)} /> write access
        </label>
        <label>
          Split to{' '}
          <select value={splitTo} onChange={(e) => setSplitTo(Number(e.target.value))}>
            {[PAGE, SIZE_2M].map((v) => <option key={v} value={v}>{sizeName(v)}</option>)}
          </select>
        </label>
        <label>
          Merge into{' '}
          <select value={mergeSize} onChange={(e) => setMergeSize(Number(e.target.value))}>
            {[SIZE_2M, SIZE_1G].map((v) => <option key={v} value={v}>{sizeName(v)}</option>)}
          </select>
        </label>
      </div>
      {GROUPS.map((g) => (
        <div key={g} role="group" aria-label={g} className="op-group">
          <span className="group-label">{g}</span>
          {PALETTE.filter((p) => p.group === g).map((p) => {
            const op = buildOp(p, inputs);
            return (
              <button key={p.label} type="button" disabled={op === undefined} title={op === undefined ? 'select pages first' : JSON.stringify(op)} onClick={() => op !== undefined && act(store, op)}>
                {p.label}
              </button>
            );
          })}
        </div>
      ))}
      <StepNotice />
    </section>
  );
}
