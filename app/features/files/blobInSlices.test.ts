import { describe, expect, it } from 'vitest';
import { replay, type Op } from '../../../core/index.ts';
import { createSimStore } from '../../store/store.ts';
import { testScenario } from '../../store/testScenario.ts';
import { blobInSlices } from './blobInSlices.ts';
import { PREVIEW_CHARS, traceJsonExport } from './exports.ts';

const ticking = () => {
  let t = 0;
  return () => (t += 1);
};

describe('exports built in slices', () => {
  it('joins every piece into the Blob, yielding to the page between slices', async () => {
    const pieces = Array.from({ length: 3000 }, (_, i) => `${i},`.repeat(200));
    let tasks = 0;
    const progress: number[] = [];
    const blob = await blobInSlices(pieces, 'text/plain', {
      now: ticking(),
      yieldTask: async () => void tasks++,
      onProgress: (c) => progress.push(c),
    });
    expect(await blob?.text()).toBe(pieces.join(''));
    expect(blob?.type).toBe('text/plain');
    expect(tasks).toBeGreaterThan(50);
    expect(progress).toEqual(progress.toSorted((a, b) => a - b));
  });

  it('stops when cancelled', async () => {
    let tasks = 0;
    const blob = await blobInSlices(['a', 'b', 'c', 'd'], 'text/plain', {
      now: ticking(),
      sliceMs: 1,
      yieldTask: async () => void tasks++,
      cancelled: () => tasks >= 2,
    });
    expect(blob).toBeNull();
  });

  it('a long trace shows its beginning, and its whole file streams to the exact runner text', async () => {
    const steps: Op[] = Array.from({ length: 400 }, (_, i) => ({
      op: 'convert',
      offset: (i % 64) * 4096,
      length: 4096,
      to: i % 2 === 0 ? 'shared' : 'private',
    }));
    const s = testScenario(steps, { size: '2M', pageSize: '4K' });
    const e = traceJsonExport(createSimStore(s).getState());
    const full = `${JSON.stringify(replay(s), null, 2)}\n`;
    expect(full.length).toBeGreaterThan(PREVIEW_CHARS);
    expect(e.text.startsWith(full.slice(0, PREVIEW_CHARS))).toBe(true);
    expect(e.text).toMatch(/… \(only the beginning is shown: Download saves the whole trace\)$/);
    const blob = await blobInSlices(e.whole?.() ?? [], e.mime, { yieldTask: async () => undefined });
    expect(await blob?.text()).toBe(full);
  });
});
