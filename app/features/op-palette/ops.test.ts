import { describe, expect, it } from 'vitest';
import { testScenario } from '../../store/testScenario.ts';
import { createSimStore, INITIAL_INPUTS, type Selection } from '../../store/store.ts';
import { selectCurrent } from '../../store/selectors.ts';
import { buildOp, entryFor, NO_SELECTION_REASON, PALETTE, predict } from './ops.ts';

const entry = (label: string) => {
  const e = PALETTE.find((p) => p.label === label);
  if (e === undefined) throw new Error(label);
  return e;
};
const sel: Selection = { start: 0x3000, end: 0x5000, anchor: 0x3000 };
const inputs = { ...INITIAL_INPUTS, mergeSize: 2 ** 21 };

describe('op palette', () => {
  it('has the required buttons, each shortcut used once', () => {
    const labels = PALETTE.map((p) => p.label);
    for (const l of [
      'Share',
      'Make private',
      'Pin',
      'Unpin',
      'Get reference',
      'Put reference',
      'Split',
      'Merge',
      'Punch hole',
      'Allocate',
      'Host map',
      'Host access',
      'Host unmap',
      'madvise DONTNEED',
      'Guest access',
      'Memory failure',
      'Close',
    ])
      expect(labels).toContain(l);
    const keys = PALETTE.flatMap((p) => (p.key === undefined ? [] : [p.key]));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('builds core ops from the selection', () => {
    expect(buildOp(entry('Share'), sel, inputs)).toEqual({
      ok: true,
      op: { op: 'convert', offset: 0x3000, length: 0x2000, to: 'shared' },
    });
    expect(buildOp(entry('Merge'), sel, inputs)).toEqual({
      ok: true,
      op: { op: 'merge', offset: 0, size: 2 ** 21 },
    });
    expect(buildOp(entry('Pin'), sel, { ...inputs, holder: 'vfio' })).toEqual({
      ok: true,
      op: { op: 'pin', offset: 0x3000, length: 0x2000, holder: 'vfio' },
    });
    expect(buildOp(entry('Host access'), sel, { ...inputs, write: true })).toEqual({
      ok: true,
      op: { op: 'hostAccess', offset: 0x3000, write: true },
    });
    expect(buildOp(entry('Close'), null, inputs)).toEqual({ ok: true, op: { op: 'close' } });
  });

  it("says why it cannot act: no selection, or the core's own validation message", () => {
    expect(buildOp(entry('Pin'), null, inputs)).toEqual({ ok: false, why: NO_SELECTION_REASON });
    const bad = buildOp(entry('Pin'), sel, { ...inputs, holder: 'two words' });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.why).toMatch(/^holder: expected a holder name .*"two words"/);
  });

  it('finds the entry for a diagram edge, convert by direction', () => {
    expect(entryFor('convert', 'private')?.label).toBe('Make private');
    expect(entryFor('convert', 'shared')?.label).toBe('Share');
    expect(entryFor('getRef')?.label).toBe('Get reference');
  });

  it('predicts the kernel answer without recording a step', () => {
    const store = createSimStore(testScenario());
    const st = selectCurrent(store.getState());
    expect(predict(st, { op: 'hostAccess', offset: 0 })).toMatch(
      /^Would be refused: SIGSEGV from do_user_addr_fault/,
    );
    expect(predict(st, { op: 'allocate', offset: 0, length: 4096 })).toMatch(
      /^Would succeed via kvm_gmem_allocate/,
    );
    expect(store.getState().doc.scenario.steps).toHaveLength(0);
  });
});
