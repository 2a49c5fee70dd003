import { PAGE, SIZE_1G, SIZE_2M, holderProblem, sizeName } from '../../../core/index.ts';
import { setInputs } from '../../store/commands.ts';
import { useSim, useSimStore } from '../../store/context.tsx';

/** Holder, write access, split and merge sizes: the inputs some operations take besides the range. */
export function OpInputsForm() {
  const store = useSimStore();
  const inputs = useSim((s) => s.ui.inputs);
  const h = inputs.holder.trim();
  const holderError = h === '' ? undefined : holderProblem(h);
  return (
    <div className="options">
      <label>
        Holder{' '}
        <input
          value={inputs.holder}
          onChange={(e) => setInputs(store, { holder: e.target.value })}
          placeholder="default"
          size={9}
          spellCheck={false}
          aria-invalid={holderError === undefined ? undefined : true}
          aria-describedby={holderError === undefined ? undefined : 'holder-error'}
        />
      </label>
      {holderError !== undefined && (
        <span id="holder-error" className="error">{`Holder: ${holderError}`}</span>
      )}
      <label>
        <input
          type="checkbox"
          checked={inputs.write}
          onChange={(e) => setInputs(store, { write: e.target.checked })}
        />{' '}
        write access
      </label>
      <label>
        Split to{' '}
        <select
          value={inputs.splitTo}
          onChange={(e) => setInputs(store, { splitTo: Number(e.target.value) })}
        >
          {[PAGE, SIZE_2M].map((v) => (
            <option key={v} value={v}>
              {sizeName(v)}
            </option>
          ))}
        </select>
      </label>
      <label>
        Merge into{' '}
        <select
          value={inputs.mergeSize}
          onChange={(e) => setInputs(store, { mergeSize: Number(e.target.value) })}
        >
          {[SIZE_2M, SIZE_1G].map((v) => (
            <option key={v} value={v}>
              {sizeName(v)}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
