import { describe, expect, it } from 'vitest';
import { run } from '../testkit.ts';

describe('getRef', () => {
  it('needs a folio (ENOENT) and a held reference to drop (EINVAL)', () => {
    expect(run({}, [{ op: 'getRef', offset: 0 }]).last.refusal).toMatchObject({
      errno: 'ENOENT',
      rule: 'ref.no-folio',
    });
    expect(run({}, [{ op: 'getRef', offset: 5 }]).last.refusal?.errno).toBe('EINVAL');
    expect(
      run({}, [
        { op: 'allocate', offset: 0, length: '4K' },
        { op: 'getRef', offset: 0, holder: 'a' },
        { op: 'putRef', offset: 0, holder: 'b' },
      ]).last.refusal?.rule,
    ).toBe('ref.not-held');
  });
});
