import { useState } from 'react';
import { useSim, useSimStore } from '../../store/context.tsx';
import { selectCurrent, selectSelection } from '../../store/selectors.ts';
import { buildOp, GROUPS, PALETTE, type PaletteEntry } from './ops.ts';
import { perform, preview } from './perform.ts';
import { OpInputsForm } from './OpInputsForm.tsx';
import { SelectionForm } from './SelectionForm.tsx';
import { SelectionNeeded } from './SelectionNeeded.tsx';
import { TermLabel } from '../glossary/Term.tsx';

/**
 * Buttons for every operation, acting on the selection. A button that cannot act stays
 * focusable (aria-disabled) and says why; hovering or focusing one that can act shows what the
 * kernel would answer, computed by applying the op to the current state without recording it.
 */
export function OpPalette() {
  const store = useSimStore();
  const selection = useSim(selectSelection);
  const inputs = useSim((s) => s.ui.inputs);
  const state = useSim(selectCurrent);
  const [hovered, setHovered] = useState<PaletteEntry | null>(null);
  const hint =
    hovered === null
      ? 'Hover or focus an operation to see what the kernel would answer.'
      : preview(store, state, hovered);
  return (
    <section className="panel palette" aria-labelledby="palette-title">
      <h2 id="palette-title">Operations</h2>
      <SelectionForm />
      <OpInputsForm />
      <SelectionNeeded />
      {GROUPS.map((g) => (
        <div key={g} role="group" aria-label={g} className="op-group">
          <span className="group-label">
            <TermLabel label={g} />
          </span>
          {PALETTE.filter((p) => p.group === g).map((p) => {
            const b = buildOp(p, selection, inputs);
            return (
              <button
                key={p.label}
                type="button"
                aria-disabled={b.ok ? undefined : true}
                aria-keyshortcuts={p.key}
                aria-describedby="palette-hint"
                title={b.ok ? undefined : b.why}
                onClick={() => perform(store, p)}
                onFocus={() => setHovered(p)}
                onMouseEnter={() => setHovered(p)}
                onBlur={() => setHovered(null)}
                onMouseLeave={() => setHovered(null)}
              >
                {p.label}
                {p.key !== undefined && <kbd aria-hidden="true">{p.key}</kbd>}
              </button>
            );
          })}
        </div>
      ))}
      <p id="palette-hint" className="hint">
        {hint}
      </p>
    </section>
  );
}
