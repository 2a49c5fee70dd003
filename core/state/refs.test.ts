import { describe, expect, it } from 'vitest';
import type { RefRecord } from '../types.ts';
import { describeRefs } from './refs.ts';

let id = 0;
const ref = (kind: RefRecord['kind'], holder: string, longterm = false): RefRecord => ({
  id: ++id,
  kind,
  holder,
  longterm,
  start: 0,
  end: 4096,
  orphan: null,
});

describe('describeRefs', () => {
  it('counts each kind of each holder, in order of first appearance', () => {
    const refs = [
      ref('pin', 'vfio', true),
      ref('transient', 'gup-fast'),
      ref('pin', 'vfio', true),
      ref('pin', 'vfio'),
      ref('arch', 'tdx'),
      ref('transient', 'gup-fast'),
      ref('transient', 'vfio'),
    ];
    expect(describeRefs(refs)).toBe(
      '2 long-term pins (vfio), 2 transient references (gup-fast), 1 pin (vfio), 1 TDX reference (tdx), 1 transient reference (vfio)',
    );
  });

  it('shows a holder up to a NUL, but counts holders that differ after it apart', () => {
    const refs = [ref('pin', 'qemu\u0000a'), ref('pin', 'qemu\u0000b'), ref('pin', 'qemu\u0000a')];
    expect(describeRefs(refs)).toBe('2 pins (qemu), 1 pin (qemu)');
  });

  it('says nothing of no references', () => {
    expect(describeRefs([])).toBe('');
  });
});
