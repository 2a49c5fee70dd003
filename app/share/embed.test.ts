import { describe, expect, it } from 'vitest';
import { fullAppUrl, isEmbedUrl } from './embed.ts';

describe('embed mode', () => {
  it('is asked for in the query or the fragment', () => {
    expect(isEmbedUrl('?embed=1', '')).toBe(true);
    expect(isEmbedUrl('', '#s=1.abc&step=2&embed=1')).toBe(true);
    expect(isEmbedUrl('', '#s=1.abc&step=2')).toBe(false);
    expect(isEmbedUrl('?embed=0', '')).toBe(false);
  });
  it('links to the full app without the flag', () => {
    expect(fullAppUrl('http://h', '/', '?embed=1', '#s=1.x&step=1')).toBe('http://h/#s=1.x&step=1');
    expect(fullAppUrl('http://h', '/', '', '#s=1.x&step=1&embed=1')).toBe('http://h/#s=1.x&step=1');
    expect(fullAppUrl('http://h', '/', '?embed=1', '')).toBe('http://h/');
    expect(fullAppUrl('http://h', '/a', '?lang=en&embed=1', '#s=1.x&step=1')).toBe(
      'http://h/a?lang=en#s=1.x&step=1',
    );
  });
});
