import { describe, expect, it } from 'vitest';
import { outcome, run } from '../testkit.ts';

describe('hostAccess', () => {
  it('SIGSEGV without a VMA, SIGBUS past EOF, on private and on poisoned pages, EINVAL misaligned', () => {
    expect(run({ initShared: true }, [{ op: 'hostAccess', offset: 0 }]).last.refusal?.errno).toBe('SIGSEGV');
    expect(
      run({ initShared: true }, [
        { op: 'hostMap', offset: 0, length: '8M' },
        { op: 'hostAccess', offset: '4M' },
      ]).last.refusal?.rule,
    ).toBe('host.beyond-eof');
    expect(
      run({}, [
        { op: 'hostMap', offset: 0, length: '4M' },
        { op: 'hostAccess', offset: 0 },
      ]).last.refusal,
    ).toMatchObject({ errno: 'SIGBUS', rule: 'host.private' });
    const poisoned = run({ initShared: true }, [
      { op: 'hostMap', offset: 0, length: '4M' },
      { op: 'hostAccess', offset: 0 },
      { op: 'memoryFailure', offset: 0 },
      { op: 'hostAccess', offset: 0 },
    ]);
    expect(poisoned.last.refusal).toMatchObject({ errno: 'SIGBUS', rule: 'host.poisoned' });
    expect(
      outcome(
        run({ initShared: true }, [
          { op: 'hostMap', offset: 0, length: '4M' },
          { op: 'hostAccess', offset: 3 },
        ]).last,
      ),
    ).toBe('EINVAL');
  });

  it('faults in a zeroed 4K page with one PTE; a shared page in a 1G file splits its block', () => {
    const r = run({ size: '2G', pageSize: '1G' }, [
      { op: 'convert', offset: '1G', length: '4K', to: 'shared' },
      { op: 'hostMap', offset: 0, length: '2G' },
      { op: 'hostAccess', offset: '1G', write: true },
    ]);
    expect(r.obs.hostMappings).toEqual([{ offset: 1073741824, length: 4096, level: 4096 }]);
    expect(r.obs.folios[0]).toMatchObject({
      offset: 1073741824,
      size: 4096,
      count: 1,
      mapcount: 1,
      refcount: 2,
    });
    expect(r.obs.contents).toEqual([{ offset: 1073741824, length: 4096, content: 'host' }]);
  });
});
