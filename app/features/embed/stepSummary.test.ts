import { describe, expect, it } from 'vitest';
import { testScenario } from '../../store/testScenario.ts';
import { briefReason, captionLines, stepSummary, verdictText } from './stepSummary.ts';

const scenario = testScenario([
  { op: 'convert', offset: 0, length: '4K', to: 'shared', note: 'share one page' },
  { op: 'convert', offset: 0, length: '4K', to: 'private' },
]);
const refusal = {
  errno: 'EAGAIN',
  rule: 'convert.unsafe-refcount',
  fn: 'kvm_gmem_is_safe_for_conversion',
  reason: 'folio at 0x0 has 1 long-term pin (vfio); conversion to private needs no extra references',
};

describe('step summary', () => {
  it('names the start, before any step', () => {
    const s = stepSummary(scenario, 0, undefined);
    expect(s.heading).toBe('Start');
    expect(s.op).toBeNull();
    expect(verdictText(s)).toBe('file created');
    expect(captionLines('t', s)).toEqual(['t', 'Start: file created']);
  });
  it('says which op a step ran, through which function, with its note', () => {
    const s = stepSummary(scenario, 1, {
      events: [{ type: 'x', fn: 'kvm_gmem_convert' } as never],
      transitions: [],
    });
    expect(s).toMatchObject({ heading: 'Step 1 of 2', op: 'convert 0x0+4K to shared', errno: null });
    expect(s.note).toBe('share one page');
    expect(verdictText(s)).toBe('ok via kvm_gmem_convert');
    expect(captionLines(undefined, s)).toEqual([
      'Untitled scenario',
      'Step 1 of 2: convert 0x0+4K to shared → ok via kvm_gmem_convert',
      'share one page',
    ]);
  });
  it('gives a refusal its errno, function, sentence and first clause', () => {
    const s = stepSummary(scenario, 2, { events: [], transitions: [], refusal });
    expect(s.errno).toBe('EAGAIN');
    expect(s.brief).toBe('folio at 0x0 has 1 long-term pin (vfio)');
    expect(verdictText(s)).toBe('refused: EAGAIN from kvm_gmem_is_safe_for_conversion');
    expect(captionLines('pinned', s)).toEqual([
      'pinned',
      'Step 2 of 2: convert 0x0+4K to private → refused: EAGAIN from kvm_gmem_is_safe_for_conversion',
      'Folio at 0x0 has 1 long-term pin (vfio); conversion to private needs no extra references.',
    ]);
  });
  it('says no step ran when the file itself could not be created', () => {
    const create = {
      errno: 'EINVAL',
      rule: 'create.size',
      fn: 'guestmem_hugetlb_setup',
      reason: 'size 3M is not a multiple of 2M',
    };
    const s = stepSummary(scenario, 1, undefined, create);
    expect(verdictText(s)).toBe('not run: KVM_CREATE_GUEST_MEMFD refused EINVAL from guestmem_hugetlb_setup');
    expect(captionLines('bad', s)).toEqual([
      'bad',
      'Step 1 of 2: convert 0x0+4K to shared → not run: KVM_CREATE_GUEST_MEMFD refused EINVAL from guestmem_hugetlb_setup',
      'The file could not be created: size 3M is not a multiple of 2M.',
    ]);
    expect(verdictText(stepSummary(scenario, 0, undefined, create))).toContain('not run');
  });
  it('keeps a reason without a semicolon whole', () => {
    expect(briefReason('no memory')).toBe('no memory');
  });
});
