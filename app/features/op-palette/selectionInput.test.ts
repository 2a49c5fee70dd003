import { describe, expect, it } from 'vitest';
import { readSelection } from './selectionInput.ts';

const G2 = 2 * 1024 ** 3;

describe('readSelection: no silent clamping', () => {
  it('takes an aligned range as it is, with nothing to say', () => {
    expect(readSelection('0x200000', '2M', G2)).toEqual({ ok: true, start: 0x200000, end: 0x400000 });
  });

  it('rounds an unaligned offset down and says so', () => {
    const r = readSelection('0x1001', '4K', G2);
    expect(r).toMatchObject({ ok: true, start: 0x1000, end: 0x3000 });
    expect(r.ok && r.note).toContain(
      'offset 0x1001 is not 4K-aligned (the kernel would answer EINVAL): rounded down to 0x1000',
    );
    expect(r.ok && r.note).toContain('widened to whole 4K pages, up to 0x3000');
  });

  it('refuses an offset past the end of the file with EINVAL', () => {
    const r = readSelection('3G', '4K', G2);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toMatch(/^EINVAL: offset 0xc0000000 is past the end of the 2G file/);
  });

  it('cuts a range that passes the end of the file, visibly', () => {
    const r = readSelection('0x7ffff000', '8K', G2);
    expect(r).toMatchObject({ ok: true, start: 0x7ffff000, end: G2 });
    expect(r.ok && r.note).toContain('passed the end of the file: it stops at 0x80000000');
  });

  it('refuses an empty range and unparsable text', () => {
    expect(readSelection('0', '0', G2)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^EINVAL/),
    });
    expect(readSelection('zero', '4K', G2)).toMatchObject({ ok: false });
  });

  it('names the field that is wrong and why', () => {
    expect(readSelection('0', '-1', G2)).toEqual({
      ok: false,
      field: 'length',
      message: 'The length (“-1”) is negative: it counts bytes from the start of the file.',
    });
    expect(readSelection('99999999999999999999', '4K', G2)).toMatchObject({
      field: 'offset',
      message: expect.stringMatching(
        /^The offset \(“99999999999999999999”\) is too large: at most 0x1fffffffffffff/,
      ),
    });
    expect(readSelection('', '4K', G2)).toMatchObject({
      field: 'offset',
      message: expect.stringMatching(/^The offset is empty/),
    });
    expect(readSelection('0x', '4K', G2)).toMatchObject({
      field: 'offset',
      message: 'The offset (“0x”) is not a size: write it like 0x1000, 4K or 2M.',
    });
    expect(readSelection('0', '0', G2)).toMatchObject({ field: 'length' });
    expect(readSelection('3G', '4K', G2)).toMatchObject({ field: 'offset' });
  });
});
