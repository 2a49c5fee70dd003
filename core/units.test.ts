import { describe, expect, it } from 'vitest';
import { prng } from './bench/workload.ts';
import { grouped, plural } from './units.ts';

describe('grouped', () => {
  it('writes integers as toLocaleString("en-US") does', () => {
    const r = prng(3);
    const xs = [0, 1, 12, 999, 1000, 1001, 12345, 999999, 1000000, -1, -1234, 2 ** 53 - 1];
    for (let i = 0; i < 2000; i++) xs.push(Math.floor(r() * 10 ** Math.floor(r() * 16)));
    for (const x of xs) expect(grouped(x)).toBe(x.toLocaleString('en-US'));
  });

  it('groups only the integer part of a fraction', () => {
    expect(grouped(1234.5)).toBe('1,234.5');
    expect(grouped(0.12345)).toBe('0.12345');
  });
});

describe('plural', () => {
  it('says one event, not 1 events; other counts take the plural and are grouped', () => {
    expect(plural(1, 'event')).toBe('1 event');
    expect(plural(0, 'event')).toBe('0 events');
    expect(plural(12345, 'event')).toBe('12,345 events');
  });
});
