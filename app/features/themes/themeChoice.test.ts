import { describe, expect, it } from 'vitest';
import { initialTheme } from './themeChoice.ts';

describe('theme choice', () => {
  it('prefers the stored choice, then the OS colour scheme', () => {
    expect(initialTheme('projector', true)).toBe('projector');
    expect(initialTheme(null, true)).toBe('dark');
    expect(initialTheme(null, false)).toBe('light');
    expect(initialTheme('neon', false)).toBe('light');
  });
});
