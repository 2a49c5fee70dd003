import { describe, expect, it } from 'vitest';
import { outcome, run } from '../testkit.ts';

describe('hostMap', () => {
  it('mmap needs GUEST_MEMFD_FLAG_MMAP (ENODEV), an open fd (EBADF) and aligned ranges', () => {
    expect(run({ mmap: false }, [{ op: 'hostMap', offset: 0, length: '4K' }]).last.refusal?.errno).toBe(
      'ENODEV',
    );
    expect(run({}, [{ op: 'close' }, { op: 'hostMap', offset: 0, length: '4K' }]).last.refusal?.errno).toBe(
      'EBADF',
    );
    expect(outcome(run({}, [{ op: 'hostMap', offset: 0, length: 100 }]).last)).toBe('EINVAL');
    expect(outcome(run({}, [{ op: 'hostUnmap', offset: 0, length: 100 }]).last)).toBe('EINVAL');
  });
});
