import { describe, expect, it } from 'vitest';
import { checkForm, defaultForm } from './form.ts';

describe('new scenario form', () => {
  it('accepts the default: 2G of 1G pages with mmap', () => {
    const r = checkForm(defaultForm());
    expect(r.ok && r.refusal === undefined && r.config).toMatchObject({
      size: 2 ** 31,
      pageSize: 2 ** 30,
      mmap: true,
    });
  });

  it("shows the core's message for a malformed size", () => {
    const r = checkForm({ ...defaultForm(), size: 'two gigs' });
    expect(r).toMatchObject({ ok: false, errors: [{ path: 'gmem.size' }] });
  });

  it('reports a creation the kernel refuses', () => {
    const r = checkForm({ ...defaultForm(), size: '3G', pageSize: '2G' });
    expect(r.ok).toBe(false);
    const s = checkForm({ ...defaultForm(), initShared: true, mmap: false });
    expect(s.ok && s.refusal?.rule).toBe('create.init-shared-without-mmap');
    const h = checkForm({ ...defaultForm(), hostHugePages: '1' });
    expect(h.ok && h.refusal?.errno).toBe('ENOMEM');
  });
});
