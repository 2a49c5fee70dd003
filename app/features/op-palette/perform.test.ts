import { describe, expect, it } from 'vitest';
import { createSimStore } from '../../store/store.ts';
import { select, setInputs } from '../../store/commands.ts';
import { selectCurrent } from '../../store/selectors.ts';
import { testScenario } from '../../store/testScenario.ts';
import { NO_SELECTION_REASON, PALETTE } from './ops.ts';
import { perform, preview } from './perform.ts';

const entry = (label: string) => {
  const e = PALETTE.find((p) => p.label === label);
  if (e === undefined) throw new Error(label);
  return e;
};

describe('perform: the one path from a button, key, menu or edge to an op', () => {
  it('applies the op built on the selection and records it', () => {
    const store = createSimStore(testScenario());
    select(store, { start: 0, end: 0x2000, anchor: 0 });
    const out = perform(store, entry('Allocate'));
    expect(out?.refusal).toBeUndefined();
    expect(store.getState().doc.scenario.steps).toEqual([{ op: 'allocate', offset: 0, length: 0x2000 }]);
  });

  it('records a refused op too, with its errno', () => {
    const store = createSimStore(testScenario());
    const out = perform(store, entry('Host access'), { selection: { start: 0, end: 0x1000, anchor: 0 } });
    expect(out?.refusal?.errno).toBe('SIGSEGV');
    expect(store.getState().doc.scenario.steps).toHaveLength(1);
  });

  it('acts on an explicit target without touching the selection', () => {
    const store = createSimStore(testScenario());
    perform(store, entry('Pin'), {
      selection: { start: 0x3000, end: 0x4000, anchor: 0x3000 },
      inputs: { holder: 'vfio' },
    });
    expect(store.getState().doc.scenario.steps).toEqual([
      { op: 'pin', offset: 0x3000, length: 0x1000, holder: 'vfio' },
    ]);
    expect(store.getState().ui.selection).toBeNull();
  });

  it('records nothing and says why when no op can be built', () => {
    const store = createSimStore(testScenario());
    expect(perform(store, entry('Pin'))).toBeUndefined();
    expect(store.getState().ui.notice).toEqual({ kind: 'error', text: `Pin: ${NO_SELECTION_REASON}` });
    select(store, { start: 0, end: 0x1000, anchor: 0 });
    setInputs(store, { holder: 'two words' });
    perform(store, entry('Pin'));
    expect(store.getState().ui.notice?.text).toMatch(/^Pin: holder: expected a holder name .*"two words"/);
    expect(store.getState().doc.scenario.steps).toHaveLength(0);
  });

  it('previews the op and the kernel answer without recording', () => {
    const store = createSimStore(testScenario());
    const st = selectCurrent(store.getState());
    const target = { selection: { start: 0, end: 0x1000, anchor: 0 } };
    expect(preview(store, st, entry('Host access'), target)).toMatch(
      /^Host access: .*Would be refused: SIGSEGV from do_user_addr_fault/,
    );
    expect(preview(store, st, entry('Pin'))).toBe(`Pin is unavailable. ${NO_SELECTION_REASON}`);
    expect(store.getState().doc.scenario.steps).toHaveLength(0);
  });
});
