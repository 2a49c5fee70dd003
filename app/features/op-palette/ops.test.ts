import { describe, expect, it } from 'vitest';
import { buildOp, PALETTE, type OpInputs } from './ops.ts';

const entry = (label: string) => {
  const e = PALETTE.find((p) => p.label === label);
  if (e === undefined) throw new Error(label);
  return e;
};
const inputs: OpInputs = { selection: { start: 0x3000, end: 0x5000, anchor: 0x3000 }, holder: '', write: false, splitTo: 4096, mergeSize: 2 ** 21 };

describe('op palette', () => {
  it('has the required buttons', () => {
    const labels = PALETTE.map((p) => p.label);
    for (const l of ['Share', 'Make private', 'Pin', 'Unpin', 'Get reference', 'Put reference', 'Split', 'Merge', 'Punch hole', 'Allocate', 'Host map', 'Host access', 'Host unmap', 'madvise DONTNEED', 'Guest access', 'Memory failure', 'Close'])
      expect(labels).toContain(l);
  });

  it('builds core ops from the selection', () => {
    expect(buildOp(entry('Share'), inputs)).toEqual({ op: 'convert', offset: 0x3000, length: 0x2000, to: 'shared' });
    expect(buildOp(entry('Merge'), inputs)).toEqual({ op: 'merge', offset: 0, size: 2 ** 21 });
    expect(buildOp(entry('Pin'), { ...inputs, holder: 'vfio' })).toEqual({ op: 'pin', offset: 0x3000, length: 0x2000, holder: 'vfio' });
    expect(buildOp(entry('Host access'), { ...inputs, write: true })).toEqual({ op: 'hostAccess', offset: 0x3000, write: true });
    expect(buildOp(entry('Close'), { ...inputs, selection: null })).toEqual({ op: 'close' });
  });

  it('builds nothing without a selection or with a holder the core rejects', () => {
    expect(buildOp(entry('Pin'), { ...inputs, selection: null })).toBeUndefined();
    expect(buildOp(entry('Pin'), { ...inputs, holder: 'two words' })).toBeUndefined();
  });
});
