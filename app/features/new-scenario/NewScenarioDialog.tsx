import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { BOOLEAN_KNOBS, LEVELS, POLICY_CHOICES, VM_TYPES, sizeName } from '../../../core/index.ts';
import { newScenario } from '../../store/commands.ts';
import { useSimStore } from '../../store/context.tsx';
import { Term } from '../glossary/Term.tsx';
import { checkForm, defaultForm, type ChoiceKnob, type ScenarioForm } from './form.ts';
import { KnobHelp, KnobTerm } from './KnobHelp.tsx';
import { VM_TERM } from './vmTerms.ts';
import './knobs.css';

/** The form of a new scenario: configuration, policy knobs with their help, and what the kernel would refuse. */
export function NewScenarioDialog({ onClose }: { onClose: () => void }) {
  const store = useSimStore();
  const ref = useRef<HTMLDialogElement>(null);
  const [form, setForm] = useState<ScenarioForm>(defaultForm);
  const check = useMemo(() => checkForm(form), [form]);
  useEffect(() => {
    const d = ref.current;
    // No close() on cleanup: StrictMode's rehearsal unmount would fire 'close' and shut the dialog.
    if (d !== null && !d.open) d.showModal();
  }, []);
  const set = (patch: Partial<ScenarioForm>) => setForm((f) => ({ ...f, ...patch }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!check.ok || check.refusal !== undefined) return;
    if (newScenario(store, check.config, check.title) === undefined) onClose();
  };
  const canCreate = check.ok && check.refusal === undefined;
  return (
    <dialog ref={ref} aria-labelledby="new-scenario-title" onClose={onClose} className="new-scenario">
      <form onSubmit={submit}>
        <h2 id="new-scenario-title">New scenario</h2>
        <div className="form-grid config-grid">
          <label>
            Title <input value={form.title} onChange={(e) => set({ title: e.target.value })} />
          </label>
          <label>
            VM type{' '}
            <select value={form.vmType} onChange={(e) => set({ vmType: e.target.value })}>
              {VM_TYPES.map((v) => (
                <option key={v} value={v}>
                  {v}
                </option>
              ))}
            </select>
          </label>
          <Term id={VM_TERM[form.vmType] ?? 'guest-memfd'} />
          <label>
            File size{' '}
            <input
              value={form.size}
              onChange={(e) => set({ size: e.target.value })}
              size={8}
              spellCheck={false}
            />
          </label>
          <Term id="guest-memfd" />
          <label>
            Page size{' '}
            <select value={form.pageSize} onChange={(e) => set({ pageSize: e.target.value })}>
              {LEVELS.toReversed().map((l) => (
                <option key={l} value={sizeName(l)}>
                  {sizeName(l)}
                </option>
              ))}
            </select>
          </label>
          <Term id="hugetlb-block" />
          <label>
            <input type="checkbox" checked={form.mmap} onChange={(e) => set({ mmap: e.target.checked })} />{' '}
            mmap (GUEST_MEMFD_FLAG_MMAP)
          </label>
          <Term id="flag-mmap" />
          <label>
            <input
              type="checkbox"
              checked={form.initShared}
              onChange={(e) => set({ initShared: e.target.checked })}
            />{' '}
            init shared (GUEST_MEMFD_FLAG_INIT_SHARED)
          </label>
          <Term id="flag-init-shared" />
        </div>
        <fieldset className="knobs">
          <legend>
            Policy knobs <Term id="policy-knob" />
          </legend>
          <p className="muted knobs-intro">
            Where the posted designs disagree, a knob chooses; the defaults follow the most recent posted
            code.
          </p>
          {(Object.keys(POLICY_CHOICES) as ChoiceKnob[]).map((k) => (
            <div key={k} className="knob">
              <label>
                {k}{' '}
                <select
                  value={form.choices[k]}
                  aria-describedby={`knob-${k}`}
                  onChange={(e) => set({ choices: { ...form.choices, [k]: e.target.value } })}
                >
                  {POLICY_CHOICES[k].map((c) => (
                    <option key={c} value={c}>
                      {c}
                    </option>
                  ))}
                </select>
              </label>{' '}
              <KnobTerm knob={k} />
              <KnobHelp knob={k} value={form.choices[k]} id={`knob-${k}`} />
            </div>
          ))}
          {BOOLEAN_KNOBS.map((k) => (
            <div key={k} className="knob">
              <label>
                <input
                  type="checkbox"
                  checked={form.flags[k]}
                  aria-describedby={`knob-${k}`}
                  onChange={(e) => set({ flags: { ...form.flags, [k]: e.target.checked } })}
                />{' '}
                {k}
              </label>{' '}
              <KnobTerm knob={k} />
              <KnobHelp knob={k} value={form.flags[k]} id={`knob-${k}`} />
            </div>
          ))}
          <div className="knob">
            <label>
              hostHugePages{' '}
              <input
                value={form.hostHugePages}
                aria-describedby="knob-hostHugePages"
                onChange={(e) => set({ hostHugePages: e.target.value })}
                placeholder="enough"
                size={6}
              />
            </label>{' '}
            <KnobTerm knob="hostHugePages" />
            <KnobHelp
              knob="hostHugePages"
              value={form.hostHugePages.trim() === '' ? 'enough' : 'number'}
              id="knob-hostHugePages"
            />
          </div>
        </fieldset>
        <div role="status" aria-live="polite" className="form-check">
          {!check.ok && (
            <ul className="errors">
              {check.errors.map((x) => (
                <li key={`${x.path}:${x.message}`}>
                  <code>{x.path}</code>: {x.message}
                </li>
              ))}
            </ul>
          )}
          {check.ok && check.refusal !== undefined && (
            <p className="error">{`The kernel would refuse: ${check.refusal.errno} from ${check.refusal.fn} (${check.refusal.rule}): ${check.refusal.reason}`}</p>
          )}
        </div>
        <div className="dialog-buttons">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" disabled={!canCreate}>
            Create
          </button>
        </div>
      </form>
    </dialog>
  );
}
